import { describe, expect, it } from 'vitest';
import { bucketsOf, previousPeriod, previousYear, windowOf } from './stats.windows.js';
import { splitWindow } from './stats.source.js';
import { figuresOf, emptyMeasures, heatScores } from '../../../shared/stats.js';

describe('comparison windows', () => {
  it('compares whole months with the months before (环比) and a custom window with the same number of days', () => {
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('2026-07-01', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(previousPeriod('2026-03-10', '2026-03-16')).toEqual({ from: '2026-03-03', to: '2026-03-09' });
  });

  it('compares with the same dates a year before (同比), 29 February becoming 28 February', () => {
    expect(previousYear('2026-01-01', '2026-06-30')).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(previousYear('2024-02-01', '2024-02-29')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(previousYear('2024-02-29', '2024-03-05')).toEqual({ from: '2023-02-28', to: '2023-03-05' });
  });
});

describe('windows of a request', () => {
  it('defaults to this year so far (Beijing), and refuses reversed, impossible or over-long windows', () => {
    expect(windowOf(undefined, undefined, new Date('2026-12-31T17:00:00Z'))).toEqual({ from: '2027-01-01', to: '2027-01-01' });
    expect(() => windowOf('2026-05-01', '2026-04-01')).toThrow();
    expect(() => windowOf('2026-02-30', '2026-03-01')).toThrow();
    expect(() => windowOf('2016-01-01', '2026-01-01')).toThrow();
    expect(windowOf('2016-01-02', '2026-01-01')).toEqual({ from: '2016-01-02', to: '2026-01-01' });
  });

  it('splits a window into whole months and the days at its edges', () => {
    expect(splitWindow('2026-01-01', '2026-06-30')).toEqual({ months: ['2026-01-01', '2026-06-01'], days: [] });
    expect(splitWindow('2025-10-17', '2026-03-09')).toEqual({ months: ['2025-11-01', '2026-02-01'], days: [['2025-10-17', '2025-10-31'], ['2026-03-01', '2026-03-09']] });
    expect(splitWindow('2026-03-10', '2026-03-20')).toEqual({ months: null, days: [['2026-03-10', '2026-03-20']] });
    expect(splitWindow('2026-03-10', '2026-04-30')).toEqual({ months: ['2026-04-01', '2026-04-01'], days: [['2026-03-10', '2026-03-31']] });
  });

  it('cuts a series into weeks from Monday, quarters and half-years, clipped to the window', () => {
    expect(bucketsOf('2026-11-18', '2026-11-30', 'week').map((b) => [b.period, b.from, b.to])).toEqual([
      ['2026-11-16', '2026-11-18', '2026-11-22'], ['2026-11-23', '2026-11-23', '2026-11-29'], ['2026-11-30', '2026-11-30', '2026-11-30'],
    ]);
    expect(bucketsOf('2025-05-01', '2026-01-15', 'half').map((b) => b.period)).toEqual(['2025-H1', '2025-H2', '2026-H1']);
    expect(bucketsOf('2025-05-01', '2025-12-31', 'quarter').map((b) => [b.period, b.from])).toEqual([['2025-Q2', '2025-05-01'], ['2025-Q3', '2025-07-01'], ['2025-Q4', '2025-10-01']]);
  });
});

describe('总热度', () => {
  it('scales each part across the peers, so the best in every part scores 100 and the worst 0', () => {
    const make = (received: number, replied: number, rated: number, good: number) => figuresOf({ ...emptyMeasures(), total: received, received, replied, final_replied: replied, closed: replied, on_time: replied, rated, g_satisfied: good, g_dissatisfied: rated - good });
    const [best, middle, worst] = heatScores([make(1000, 900, 500, 450), make(100, 50, 20, 10), make(10, 0, 0, 0)]);
    expect(best!.heat).toBeCloseTo(100);
    expect(worst!.heat).toBeCloseTo(0);
    expect(middle!.heat).toBeGreaterThan(0);
    expect(middle!.heat).toBeLessThan(100);
    expect(best!.satisfaction).toBeCloseTo(0.9);
  });
});
