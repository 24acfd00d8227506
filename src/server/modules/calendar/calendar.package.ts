/**
 * The `chinese-days` package as the calendar's seed: the holidays and make-up
 * workdays of the years it covers. It is only a seed — the table is what
 * deadlines read, and admins enter the years the package does not have yet.
 */
import { createRequire } from 'node:module';
import { WorkingCalendar, type CalendarDay } from './working-days.js';

const require = createRequire(import.meta.url);

interface PackageData {
  holidays: Record<string, string>; // "YYYY-MM-DD": "English name,中文名,days"
  workdays: Record<string, string>;
}

export interface PackageSeed {
  source: string;
  years: number[];
  days: CalendarDay[];
}

let cached: PackageSeed | null = null;

/** The package's days and the years it covers (every year with at least one holiday). */
export function packageSeed(): PackageSeed {
  if (cached) return cached;
  const data = require('chinese-days/dist/chinese-days.json') as PackageData;
  const version = (require('chinese-days/package.json') as { version: string }).version;
  const nameOf = (value: string) => value.split(',')[1]?.trim() || value.split(',')[0]!.trim();
  const days: CalendarDay[] = [
    ...Object.entries(data.holidays).map(([day, v]) => ({ day, kind: 'holiday' as const, name: nameOf(v) })),
    ...Object.entries(data.workdays).map(([day, v]) => ({ day, kind: 'workday' as const, name: nameOf(v) })),
  ].sort((a, b) => a.day.localeCompare(b.day));
  const years = [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  cached = { source: `chinese-days@${version}`, years, days };
  return cached;
}

/** A calendar built from the package alone, for a process that has not read the database yet. */
export function packageCalendar(): WorkingCalendar {
  const seed = packageSeed();
  return new WorkingCalendar(seed.days, seed.years, 0);
}
