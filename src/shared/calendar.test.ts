import { describe, expect, it } from 'vitest';
import { isCalendarDate, parseCalendarText } from './calendar.js';

describe('reading the State Council notice as pasted', () => {
  it('reads CSV with ranges, single days, Chinese kinds, a header and comments', () => {
    const { entries, errors } = parseCalendarText('日期,结束,类型,名称\n# 元旦\n2027-01-01,2027-01-03,休,元旦\n2027/2/14,,班,春节\n2027-10-01~2027-10-07,假,国庆节');
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      { from: '2027-01-01', to: '2027-01-03', kind: 'holiday', name: '元旦' },
      { from: '2027-02-14', kind: 'workday', name: '春节' },
      { from: '2027-10-01', to: '2027-10-07', kind: 'holiday', name: '国庆节' },
    ]);
  });

  it('reads the three JSON shapes', () => {
    expect(parseCalendarText('[{"from":"2027-01-01","to":"2027-01-03","kind":"holiday","name":"元旦"}]').entries).toHaveLength(1);
    expect(parseCalendarText('{"entries":[{"from":"2027-01-01","kind":"holiday","name":"元旦"}]}').entries).toHaveLength(1);
    const split = parseCalendarText('{"holidays":[{"name":"春节","from":"2027-02-06","to":"2027-02-13"}],"workdays":[{"name":"春节","date":"2027-02-14"}]}');
    expect(split.entries).toEqual([
      { from: '2027-02-06', to: '2027-02-13', kind: 'holiday', name: '春节' },
      { from: '2027-02-14', kind: 'workday', name: '春节' },
    ]);
  });

  it('names every line it cannot read', () => {
    const { entries, errors } = parseCalendarText('2027-01-01,2027-01-03,休,元旦\n2027-02-30,,休,春节\n2027-03-01,,上学,测试\n2027-04-01\n2027-05-01,,休,');
    expect(entries).toHaveLength(1);
    expect(errors.map((e) => [e.line, e.reason])).toEqual([[2, 'date'], [3, 'kind'], [4, 'columns'], [5, 'name']]);
    expect(parseCalendarText('').errors[0]!.reason).toBe('empty');
    expect(parseCalendarText('{not json').errors[0]!.reason).toBe('json');
  });

  it('knows real dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-1-1')).toBe(false);
  });
});
