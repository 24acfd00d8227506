import { describe, expect, it } from 'vitest';
import {
  comparisonPeriod,
  figureChange,
  figureDelta,
  formatCount,
  formatGrowth,
  formatRate,
  isoWeek,
  lastCompletePeriod,
  mondayOf,
  parseReportPeriod,
  periodLabel,
  periodName,
  growthText,
} from './reports.js';
import { growthOf } from './stats.js';

describe('report periods', () => {
  it('runs weeks Monday to Sunday and numbers them as ISO 8601 does', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // the Sunday after
    expect(isoWeek('2026-11-23')).toEqual({ year: 2026, week: 48 });
    // 1 January 2027 is a Friday: it belongs to the last week of 2026, week 53.
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1 });
  });

  it('reads a day of the week or a half, and refuses what does not fit the kind', () => {
    expect(parseReportPeriod('weekly', '2026-11-26')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(parseReportPeriod('half_year', '2026-H1')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(parseReportPeriod('half_year', '2026-H2')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(parseReportPeriod('weekly', '2026-H1')).toBeNull();
    expect(parseReportPeriod('half_year', '2026-11-26')).toBeNull();
    expect(parseReportPeriod('weekly', '2026-02-30')).toBeNull();
  });

  it('finds the last whole week and half, and what each is compared with', () => {
    expect(lastCompletePeriod('weekly', '2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(lastCompletePeriod('weekly', '2026-11-29')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(lastCompletePeriod('half_year', '2026-07-01')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(lastCompletePeriod('half_year', '2026-01-01')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(comparisonPeriod('weekly', { from: '2026-11-16', to: '2026-11-22' })).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(comparisonPeriod('half_year', { from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2025-01-01', to: '2025-06-30' });
  });

  it('names periods as the reports do', () => {
    expect(periodLabel('half_year', { from: '2026-01-01', to: '2026-06-30' })).toBe('2026年上半年');
    expect(periodLabel('half_year', { from: '2026-07-01', to: '2026-12-31' })).toBe('2026年下半年');
    expect(periodLabel('weekly', { from: '2026-11-16', to: '2026-11-22' })).toBe('2026年第47周（11月16日—11月22日）');
    expect(periodName('half_year', { from: '2026-07-01', to: '2026-12-31' })).toBe('2026-H2');
    expect(periodName('weekly', { from: '2026-11-16', to: '2026-11-22' })).toBe('2026-11-16');
  });
});

describe('report numbers', () => {
  it('writes counts in 万 from ten thousand up, rates as per cent, and growth in words', () => {
    expect(formatCount(331_000)).toBe('33.1万');
    expect(formatCount(40_000)).toBe('4万');
    expect(formatCount(9_999)).toBe('9999');
    expect(formatRate(0.8354)).toBe('83.5%');
    expect(formatRate(0.67)).toBe('67%');
    expect(formatRate(null)).toBe('—');
    expect(formatGrowth(0.53)).toBe('增长53%');
    expect(formatGrowth(-0.04)).toBe('下降4%');
    expect(formatGrowth(0)).toBe('持平');
    expect(formatGrowth(null)).toBeNull();
  });

  it('compares counts in per cent and rates in percentage points', () => {
    expect(figureChange('count', 126, 112)).toBe('+12.5%');
    expect(figureChange('rate', 0.778, 0.804)).toBe('−2.6个百分点');
    expect(figureChange('days', 3.6, 4)).toBe('−0.4');
    expect(figureChange('rate', null, 0.5)).toBe('—');
  });

  it('writes 新增 for a count that was 0 and — for one whose baseline is under the minimum, never 401700%', () => {
    expect(figureChange('count', 5, 0)).toBe('新增');
    expect(figureChange('count', 0, 0)).toBe('—');
    expect(figureChange('count', 4018, 1)).toBe('—');
    expect(figureChange('count', 4018, 29, { now: 4018, before: 29, min: 30 })).toBe('—');
    expect(figureChange('count', 60, 30, { now: 60, before: 30, min: 30 })).toBe('+100%');
    expect(figureChange('count', 4018, 1, { now: 4018, before: 1, min: 1 })).toBe('+401700%');
  });

  it('gives no percentage-point change when either period rests on fewer messages than the minimum', () => {
    // 1 of 1 replied before, 1 of 1000 now: not "−99.9个百分点".
    expect(figureChange('rate', 0.001, 1, { now: 1000, before: 1, min: 30 })).toBe('—');
    expect(figureChange('rate', 1, 0.5, { now: 3, before: 400, min: 30 })).toBe('—');
    expect(figureChange('days', 2, 5, { now: 3, before: 400, min: 30 })).toBe('—');
    expect(figureChange('rate', 0.6, 0.5, { now: 30, before: 30, min: 30 })).toBe('+10个百分点');
    expect(figureDelta('rate', 0.6, 0.5, { now: 40, before: 0, min: 30 })).toEqual({ value: null, reason: 'new' });
    expect(growthText(null, 'new')).toBe('新增');
    expect(growthText(null, 'small_base')).toBe('—');
    expect(growthText(-0.25, null)).toBe('−25%');
  });
});

describe('growth against a baseline', () => {
  it('says why there is no growth: new, a small base, or nothing either time', () => {
    expect(growthOf(10, 0, 30)).toEqual({ rate: null, reason: 'new' });
    expect(growthOf(0, 0, 30)).toEqual({ rate: null, reason: 'no_data' });
    expect(growthOf(4018, 1, 30)).toEqual({ rate: null, reason: 'small_base' });
    expect(growthOf(4018, 29, 30)).toEqual({ rate: null, reason: 'small_base' });
    expect(growthOf(45, 30, 30)).toEqual({ rate: 0.5, reason: null });
    expect(growthOf(0, 40, 30)).toEqual({ rate: -1, reason: null });
  });
});
