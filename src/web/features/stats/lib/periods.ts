/**
 * Statistics windows are Beijing calendar days, both ends included (docs/api.md "Statistics").
 * The presets end today at the latest: a window reaching into the future would compare
 * a part period with a whole one.
 */

export const PERIOD_PRESETS = ['week', 'month', 'quarter', 'year', 'h1', 'h2', 'last30'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** Today in Beijing, YYYY-MM-DD. */
export function beijingToday(now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function parse(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return format(new Date(parse(day).getTime() + n * DAY_MS));
}

function min(a: string, b: string): string {
  return a < b ? a : b;
}

export function isDay(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && format(parse(value)) === value;
}

/**
 * The window of a preset on `today`. 上半年 and 下半年 are the latest half-year that has begun:
 * in March, 下半年 is the second half of last year.
 */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  const d = parse(today);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (preset) {
    case 'week':
      return { from: addDays(today, -((d.getUTCDay() + 6) % 7)), to: today };
    case 'month':
      return { from: format(new Date(Date.UTC(y, m, 1))), to: today };
    case 'quarter':
      return { from: format(new Date(Date.UTC(y, m - (m % 3), 1))), to: today };
    case 'year':
      return { from: `${y}-01-01`, to: today };
    case 'h1':
      return { from: `${y}-01-01`, to: min(`${y}-06-30`, today) };
    case 'h2':
      return m >= 6 ? { from: `${y}-07-01`, to: today } : { from: `${y - 1}-07-01`, to: `${y - 1}-12-31` };
    case 'last30':
      return { from: addDays(today, -29), to: today };
  }
}

/** The preset a window is, if any (the year first: it is the default). */
export function presetOf(period: Period, today: string): PeriodPreset | null {
  const order: PeriodPreset[] = ['year', ...PERIOD_PRESETS.filter((p) => p !== 'year')];
  return order.find((p) => {
    const w = presetPeriod(p, today);
    return w.from === period.from && w.to === period.to;
  }) ?? null;
}
