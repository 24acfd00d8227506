/**
 * Windows of Beijing calendar days (YYYY-MM-DD, both ends included): the
 * comparison windows for growth, and the buckets of a time series.
 */
import { MAX_WINDOW_YEARS, type Interval } from '../../../shared/stats.js';
import { invalidField } from '../../http/errors.js';
import { shanghaiDay } from '../calendar/working-days.js';

const DAY_MS = 86_400_000;

function parse(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}
export function addDays(day: string, n: number): string {
  return format(new Date(parse(day).getTime() + n * DAY_MS));
}
function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / DAY_MS);
}
function addMonths(day: string, n: number): string {
  const d = parse(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return format(target);
}
function isMonthStart(day: string): boolean {
  return day.endsWith('-01');
}
function isMonthEnd(day: string): boolean {
  return isMonthStart(addDays(day, 1));
}

/** The same dates a year before (29 February → 28 February). */
export function previousYear(from: string, to: string): { from: string; to: string } {
  return { from: addMonths(from, -12), to: isMonthEnd(to) ? addDays(addMonths(addDays(to, 1), -12), -1) : addMonths(to, -12) };
}

/**
 * The window just before, of the same length: the same number of whole months
 * when the window is whole months (环比: March against February), else the same number of days.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  if (isMonthStart(from) && isMonthEnd(to)) {
    const months = (parse(to).getUTCFullYear() - parse(from).getUTCFullYear()) * 12 + parse(to).getUTCMonth() - parse(from).getUTCMonth() + 1;
    return { from: addMonths(from, -months), to: addDays(from, -1) };
  }
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDay(day: string): boolean {
  return DATE.test(day) && format(parse(day)) === day;
}

/**
 * The window of a request: `from`/`to` as given, else this year so far (Beijing).
 * @throws validation_failed naming `from` or `to`: not a date, from after to, longer than 10 years.
 */
export function windowOf(from: string | undefined, to: string | undefined, now = new Date()): { from: string; to: string } {
  const end = to ?? shanghaiDay(now);
  const start = from ?? `${end.slice(0, 4)}-01-01`;
  if (!validDay(start)) throw invalidField('from', 'date', { 'zh-CN': '开始日期格式应为 YYYY-MM-DD', 'zh-TW': '開始日期格式應為 YYYY-MM-DD', en: 'from must be a date YYYY-MM-DD' });
  if (!validDay(end)) throw invalidField('to', 'date', { 'zh-CN': '结束日期格式应为 YYYY-MM-DD', 'zh-TW': '結束日期格式應為 YYYY-MM-DD', en: 'to must be a date YYYY-MM-DD' });
  if (start > end) throw invalidField('from', 'after_to', { 'zh-CN': '开始日期不能晚于结束日期', 'zh-TW': '開始日期不能晚於結束日期', en: 'from must not be after to' });
  if (start < '2000-01-01') throw invalidField('from', 'too_early', { 'zh-CN': '开始日期不能早于2000年', 'zh-TW': '開始日期不能早於2000年', en: 'from must not be before 2000' });
  if (addMonths(start, MAX_WINDOW_YEARS * 12) <= end) {
    throw invalidField('to', 'window_too_long', { 'zh-CN': `统计区间不能超过${MAX_WINDOW_YEARS}年`, 'zh-TW': `統計區間不能超過${MAX_WINDOW_YEARS}年`, en: `The window may be at most ${MAX_WINDOW_YEARS} years` });
  }
  return { from: start, to: end };
}

export const MAX_POINTS = 400;

function bucketStart(day: string, interval: Interval): string {
  const d = parse(day);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (interval) {
    case 'day':
      return day;
    case 'week':
      return addDays(day, -((d.getUTCDay() + 6) % 7)); // Monday
    case 'month':
      return format(new Date(Date.UTC(y, m, 1)));
    case 'quarter':
      return format(new Date(Date.UTC(y, m - (m % 3), 1)));
    case 'half':
      return format(new Date(Date.UTC(y, m < 6 ? 0 : 6, 1)));
    case 'year':
      return `${y}-01-01`;
  }
}

function nextBucket(start: string, interval: Interval): string {
  switch (interval) {
    case 'day':
      return addDays(start, 1);
    case 'week':
      return addDays(start, 7);
    case 'month':
      return addMonths(start, 1);
    case 'quarter':
      return addMonths(start, 3);
    case 'half':
      return addMonths(start, 6);
    case 'year':
      return addMonths(start, 12);
  }
}

function label(start: string, interval: Interval): string {
  const y = start.slice(0, 4);
  const m = Number(start.slice(5, 7));
  switch (interval) {
    case 'day':
    case 'week':
      return start;
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'half':
      return `${y}-H${m <= 6 ? 1 : 2}`;
    case 'year':
      return y;
  }
}

/**
 * The buckets of a time series, clipped to the window; `end` is the bucket's own last day
 * (after `to` when the window cuts it short). @throws validation_failed (interval) for more than MAX_POINTS.
 */
export function bucketsOf(from: string, to: string, interval: Interval): Array<{ period: string; from: string; to: string; end: string }> {
  const buckets: Array<{ period: string; from: string; to: string; end: string }> = [];
  for (let start = bucketStart(from, interval); start <= to; start = nextBucket(start, interval)) {
    if (buckets.length === MAX_POINTS) {
      throw invalidField('interval', 'too_many_points', { 'zh-CN': `时间点过多（最多${MAX_POINTS}个），请选择更长的间隔或更短的区间`, 'zh-TW': `時間點過多（最多${MAX_POINTS}個），請選擇更長的間隔或更短的區間`, en: `Too many points (at most ${MAX_POINTS}); choose a longer interval or a shorter window` });
    }
    const end = addDays(nextBucket(start, interval), -1);
    buckets.push({ period: label(start, interval), from: start < from ? from : start, to: end > to ? to : end, end });
  }
  return buckets;
}
