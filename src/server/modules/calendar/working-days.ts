/**
 * Working days on the official calendar (holidays and make-up workdays, from
 * `chinese-days`), in China's time zone. A deadline of N working days ends at
 * the close of the N-th working day after the day the clock starts:
 * assigned on Wed 2026-09-30, 1 working day → Thu 2026-10-08 (国庆 1–7 October).
 */
import chineseDays from 'chinese-days';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The calendar day in Asia/Shanghai (UTC+8 all year, no DST), as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a Shanghai calendar day, as an instant. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

export function isWorkingDay(day: string): boolean {
  return chineseDays.isWorkday(day);
}

/** The N-th working day after `from`'s day (N ≥ 1), as YYYY-MM-DD. */
export function nthWorkingDayAfter(from: Date, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer, got ${n}`);
  let day = shanghaiDay(from);
  let left = n;
  while (left > 0) {
    day = nextDay(day);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** The deadline N working days after `from`: the end of that working day in Shanghai. */
export function addWorkingDays(from: Date, n: number): Date {
  return endOfShanghaiDay(nthWorkingDayAfter(from, n));
}

/** Working days after `from`'s day up to and including `to`'s day (0 when `to` is on or before `from`'s day). */
export function workingDaysBetween(from: Date, to: Date): number {
  const last = shanghaiDay(to);
  let day = shanghaiDay(from);
  let count = 0;
  while (day < last) {
    day = nextDay(day);
    if (isWorkingDay(day)) count++;
  }
  return count;
}
