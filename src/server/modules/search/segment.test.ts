import { describe, expect, it } from 'vitest';
import { isSearchableToken, searchParts, segmentForIndex, segmentQuery } from './segment.js';

describe('segmentForIndex', () => {
  it('yields the parts of a compound as well as the compound', () => {
    expect(segmentForIndex('农民工工资')).toEqual(expect.arrayContaining(['农民', '民工', '农民工', '工资']));
  });

  it('yields every dictionary word in the text, not only those on the best route (路灯 in 小区路灯不亮)', () => {
    expect(segmentForIndex('小区路灯不亮')).toEqual(expect.arrayContaining(['小区', '路灯', '灯不亮', '亮']));
  });

  it('keeps characters the dictionary lacks', () => {
    expect(segmentForIndex('鱻龘')).toEqual(expect.arrayContaining(['鱻', '龘']));
  });

  it('folds before cutting, so Traditional text gives Simplified tokens', () => {
    expect(segmentForIndex('拖欠農民工工資')).toEqual(segmentForIndex('拖欠农民工工资'));
  });

  it('drops punctuation, spaces and stop words', () => {
    const tokens = segmentForIndex('请问您好，我们小区的路灯坏了！');
    expect(tokens).toEqual(expect.arrayContaining(['小区', '路灯', '坏']));
    expect(tokens.filter((token) => ['，', '！', ' ', '的', '了', '我们', '请问', '您好'].includes(token))).toEqual([]);
  });

  it('keeps numbers and Latin words, lower-cased, and drops lone ASCII characters', () => {
    const tokens = segmentForIndex('2026年 iPhone15 a 3 号');
    expect(tokens).toEqual(expect.arrayContaining(['2026', '年', 'iphone15', '号']));
    expect(tokens).not.toContain('a');
    expect(tokens).not.toContain('3');
    expect(tokens).not.toContain('iPhone15');
  });

  it('returns nothing for text without words', () => {
    expect(segmentForIndex('，。！？ …… ')).toEqual([]);
  });
});

describe('segmentQuery', () => {
  it('cuts in precise mode (the longest words)', () => {
    expect(segmentQuery('农民工工资')).toEqual(['农民工', '工资']);
  });
});

describe('searchParts', () => {
  it.each([
    ['拖欠工资', ['拖欠', '工资']],
    ['农民工', ['农民', '民工']],
    ['物业费', ['物业费']],
    ['新能源', ['新能源']],
    ['医保', ['医保']],
  ])('splits %s into %j', (word, parts) => {
    expect(searchParts(word)).toEqual(parts);
  });
});

describe('isSearchableToken', () => {
  it.each([
    ['医保', true],
    ['2026', true],
    ['ab', true],
    ['水', true],
    ['的', false],
    ['一个', false],
    ['a', false],
    ['7', false],
    ['，', false],
    [' ', false],
  ])('%s → %s', (token, expected) => {
    expect(isSearchableToken(token)).toBe(expected);
  });
});
