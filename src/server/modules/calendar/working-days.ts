/**
 * Working days on the official calendar (holidays and make-up workdays), in
 * China's time zone. The calendar is data kept by platform admins in the
 * `calendar_days` / `calendar_years` tables (calendar.service.ts); this file
 * holds the pure arithmetic over one snapshot of it.
 *
 * A deadline of N working days ends at the close of the N-th working day after
 * the day the clock starts: assigned on Wed 2026-09-30, 1 working day → Thu
 * 2026-10-08 (国庆 1–7 October). A year nobody has entered yet counts weekends
 * only, and every deadline that lands in it is provisional (暂按双休日计算).
 *
 * The process keeps the snapshot it last loaded (`currentCalendar()`); code that
 * stores a deadline first calls `calendarForDeadlines(tx)` (calendar.service.ts),
 * which checks the snapshot against the database's calendar version, so a
 * change made by another process is never missed.
 */
import { packageCalendar } from './calendar.package.js';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2000, 0, 1);

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  day: string; // YYYY-MM-DD
  kind: CalendarDayKind;
  name: string;
}

/** The calendar day in Asia/Shanghai (UTC+8 all year, no DST), as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a Shanghai calendar day, as an instant. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** One immutable snapshot of the official calendar. */
export class WorkingCalendar {
  private readonly special = new Map<string, CalendarDay>();
  private readonly entered: ReadonlySet<number>;
  // ordinals[i] = working days from 2000-01-01 up to and including day i; built lazily, so that
  // counting over thousands of messages (the statistics fold) is O(1) per message.
  private readonly ordinals: number[] = [];

  constructor(
    days: readonly CalendarDay[],
    enteredYears: Iterable<number>,
    /** The database's calendar version this snapshot was read at (0: not from a database). */
    readonly version: number,
  ) {
    for (const d of days) this.special.set(d.day, d);
    this.entered = new Set(enteredYears);
  }

  isWorkingDay(day: string): boolean {
    const special = this.special.get(day);
    if (special) return special.kind === 'workday';
    return !isWeekend(day);
  }

  /** The holiday or make-up day on this date, if any. */
  specialDay(day: string): CalendarDay | undefined {
    return this.special.get(day);
  }

  /** Whether the State Council's arrangement for the year has been entered. */
  isEntered(year: number): boolean {
    return this.entered.has(year);
  }

  enteredYears(): number[] {
    return [...this.entered].sort((a, b) => a - b);
  }

  /** A deadline landing on a day of a year nobody entered counts weekends only: 暂按双休日计算. */
  isProvisional(due: Date | string): boolean {
    const day = typeof due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : shanghaiDay(new Date(due));
    return !this.entered.has(Number(day.slice(0, 4)));
  }

  /** The N-th working day after `from`'s day (N ≥ 1), as YYYY-MM-DD. @throws RangeError for N < 1. */
  nthWorkingDayAfter(from: Date, n: number): string {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer, got ${n}`);
    let day = shanghaiDay(from);
    let left = n;
    while (left > 0) {
      day = nextDay(day);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** The deadline N working days after `from`: the end of that working day in Shanghai. */
  addWorkingDays(from: Date, n: number): Date {
    return endOfShanghaiDay(this.nthWorkingDayAfter(from, n));
  }

  /** Working days after `from`'s day up to and including `to`'s day (0 when `to` is on or before `from`'s day). */
  workingDaysBetween(from: Date, to: Date): number {
    return Math.max(0, this.ordinalOf(shanghaiDay(to)) - this.ordinalOf(shanghaiDay(from)));
  }

  private ordinalOf(day: string): number {
    const index = Math.round((Date.parse(`${day}T00:00:00Z`) - EPOCH) / DAY_MS);
    if (index < 0) return this.slowOrdinalBeforeEpoch(day);
    while (this.ordinals.length <= index) {
      const i = this.ordinals.length;
      const d = new Date(EPOCH + i * DAY_MS).toISOString().slice(0, 10);
      this.ordinals.push((i > 0 ? this.ordinals[i - 1]! : 0) + (this.isWorkingDay(d) ? 1 : 0));
    }
    return this.ordinals[index]!;
  }

  // Days before 2000 never hold a deadline; count them directly to stay exact:
  // ordinal(d) = ordinal(2000-01-01) − the working days in (d, 2000-01-01].
  private slowOrdinalBeforeEpoch(day: string): number {
    let count = 0;
    for (let d = nextDay(day); d <= '2000-01-01'; d = nextDay(d)) if (this.isWorkingDay(d)) count++;
    return this.ordinalOf('2000-01-01') - count;
  }
}

// Built on first use, not at import: calendar.package.ts imports this file too.
let current: WorkingCalendar | null = null;

/** The snapshot this process holds: the package's seed until the database's calendar has been loaded. */
export function currentCalendar(): WorkingCalendar {
  return (current ??= packageCalendar());
}

/** Replaces the process's snapshot (calendar.service.ts, after reading the database). */
export function useCalendar(calendar: WorkingCalendar): void {
  current = calendar;
}

export function isWorkingDay(day: string): boolean {
  return currentCalendar().isWorkingDay(day);
}

/** The N-th working day after `from`'s day (N ≥ 1), as YYYY-MM-DD. */
export function nthWorkingDayAfter(from: Date, n: number): string {
  return currentCalendar().nthWorkingDayAfter(from, n);
}

/** The deadline N working days after `from`: the end of that working day in Shanghai. */
export function addWorkingDays(from: Date, n: number): Date {
  return currentCalendar().addWorkingDays(from, n);
}

/** Working days after `from`'s day up to and including `to`'s day (0 when `to` is on or before `from`'s day). */
export function workingDaysBetween(from: Date, to: Date): number {
  return currentCalendar().workingDaysBetween(from, to);
}
