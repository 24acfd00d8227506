import { describe, expect, it } from 'vitest';
import { DEFAULT_SENSITIVE_WORDS, findSensitiveWords, screeningFlags } from './screening-flags.js';

const WORDS = ['赌博网站', '冰毒', 'Casino'];

describe('screeningFlags', () => {
  it.each([
    [{ title: '小区路灯坏了', body: '三个月没人修，2026年11月23日反映过。' }, []],
    [{ title: '请联系我', body: '电话13812345678' }, ['personal_data:mobile']],
    [{ title: '电话13812345678', body: '身份证11010119900307123X' }, ['personal_data:mobile', 'personal_data:id_card']],
    [{ title: '举报', body: '有人开赌博网站' }, ['sensitive_word']],
    [{ title: '举报', body: '有人開賭博網站' }, ['sensitive_word']],
    [{ title: '举报', body: '有人开 赌-博 网 站' }, ['sensitive_word']],
    [{ title: '举报', body: '楼下有人卖冰　毒' }, ['sensitive_word']],
    [{ title: '举报', body: '有个ＣＡＳＩＮＯ在营业' }, ['sensitive_word']],
    [
      { title: '举报赌博网站', body: '联系人邮箱a@b.cn，车牌赣A12345' },
      ['personal_data:email', 'personal_data:plate', 'sensitive_word'],
    ],
  ])('flags %j with %j', (input, flags) => {
    expect(screeningFlags(input, WORDS)).toEqual(flags);
  });

  it('does not join the end of the title and the start of the body into a word', () => {
    expect(screeningFlags({ title: '关于赌博', body: '网站的投诉' }, WORDS)).toEqual([]);
  });

  it('ignores empty or punctuation-only words in the list', () => {
    expect(screeningFlags({ title: '你好！', body: '谢谢。' }, ['', '！', ' '])).toEqual([]);
  });

  it('flags nothing with an empty list', () => {
    expect(screeningFlags({ title: '赌博网站', body: '冰毒' }, [])).toEqual([]);
  });
});

describe('findSensitiveWords', () => {
  it('returns the words as listed, matched in folded form', () => {
    expect(findSensitiveWords(['賭博網站和冰毒'], ['赌博网站', '冰毒', '海洛因'])).toEqual(['赌博网站', '冰毒']);
  });
});

describe('DEFAULT_SENSITIVE_WORDS', () => {
  it('is a short list of distinct, seedable words (1–50 characters, as the table requires)', () => {
    expect(DEFAULT_SENSITIVE_WORDS.length).toBeGreaterThanOrEqual(10);
    expect(DEFAULT_SENSITIVE_WORDS.length).toBeLessThanOrEqual(20);
    expect(new Set(DEFAULT_SENSITIVE_WORDS).size).toBe(DEFAULT_SENSITIVE_WORDS.length);
    for (const word of DEFAULT_SENSITIVE_WORDS) expect(word.length).toBeGreaterThanOrEqual(1);
  });

  it('does not flag an ordinary complaint', () => {
    const complaint = { title: '拖欠农民工工资', body: '某工地拖欠工资三个月，多次讨要无果，请领导帮助解决。' };
    expect(screeningFlags(complaint, [...DEFAULT_SENSITIVE_WORDS])).toEqual([]);
  });
});
