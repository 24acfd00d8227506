import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, toSearchDocument, toSearchQuery } from './search-text.js';

describe('toSearchQuery', () => {
  it.each([
    ['拖欠工资', "'拖欠' & '工资'"],
    ['醫保繳費', "'医保' & '缴费'"],
    ['医保缴费', "'医保' & '缴费'"],
    ['农民工工资', "'农民' & '民工' & '工资'"],
    ['物业费', "'物业费'"],
    ['  路灯　坏了！', "'路灯' & '坏'"],
    ['iPhone15 ＷＩＦＩ', "'iphone15' & 'wifi'"],
  ])('turns %s into %s', (q, tsquery) => {
    expect(toSearchQuery(q)?.tsquery).toBe(tsquery);
  });

  it('gives the same query for Traditional and Simplified', () => {
    expect(toSearchQuery('醫保')).toEqual(toSearchQuery('医保'));
    expect(toSearchQuery('許昌市繳費')).toEqual(toSearchQuery('许昌市缴费'));
  });

  it('returns folded terms for highlighting', () => {
    expect(toSearchQuery('醫保 繳費')?.terms).toEqual(['医保', '缴费']);
  });

  it('uses each term once', () => {
    expect(toSearchQuery('医保 医保 醫保')?.tsquery).toBe("'医保'");
  });

  it.each([[''], ['   '], ['，。！？'], ['的了和'], ['请问您好'], ['a b c'], ["'&|!():*"]])('returns null for %j', (q) => {
    expect(toSearchQuery(q)).toBeNull();
  });

  it('quotes every term, so operators in the query are text', () => {
    const query = toSearchQuery("医保' | !社保 & (工资):*");
    expect(query?.tsquery).toBe("'医保' & '社保' & '工资'");
  });

  it(`keeps at most ${MAX_QUERY_TERMS} terms`, () => {
    const q = '路灯 水管 电梯 物业 停车 噪音 垃圾 绿化 学校 医院 公交 地铁 工资 社保 医保 公积金 户口 拆迁';
    expect(toSearchQuery(q)?.terms).toHaveLength(MAX_QUERY_TERMS);
  });
});

describe('toSearchDocument', () => {
  it('returns the title and body tokens apart, for weights A and B', () => {
    const document = toSearchDocument({ title: '拖欠農民工工資', body: '医保缴费' });
    expect(document.title.split(' ')).toEqual(expect.arrayContaining(['拖欠', '农民工', '工资']));
    expect(document.title.split(' ')).not.toContain('医保');
    expect(document.body.split(' ')).toEqual(expect.arrayContaining(['医保', '缴费']));
    expect(document.body.split(' ')).not.toContain('工资');
  });

  it('indexes the replies with the body', () => {
    const document = toSearchDocument({ title: '路灯坏了', body: '小区路灯不亮。', replies: ['已安排维修', '维修完毕'] });
    expect(document.body.split(' ')).toEqual(expect.arrayContaining(['小区', '路灯', '安排', '维修', '完毕']));
  });

  it('does not index personal data that the public text masks', () => {
    const document = toSearchDocument({ title: '联系13812345678', body: '邮箱zhangsan@example.com，身份证11010119900307123X' });
    const tokens = [...document.title.split(' '), ...document.body.split(' ')];
    expect(tokens).not.toContain('13812345678');
    expect(tokens).not.toContain('zhangsan');
    expect(tokens.join(' ')).not.toMatch(/19900307/);
  });
});
