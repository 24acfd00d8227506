/**
 * The official working-day calendar, kept by platform admins (issue 13).
 *
 * - Deadlines read the table through a snapshot (working-days.ts); code that stores a deadline
 *   calls `calendarForDeadlines(tx)` first: it holds the calendar lock shared and reloads the
 *   snapshot when the database's version moved, so no process computes on a stale calendar.
 * - A change (one day, or a whole year from the State Council's notice) takes the lock
 *   exclusively, bumps the version, recomputes every open deadline still ahead whose span the
 *   change touches (an event on each message's timeline; deadlines already passed stay), and
 *   marks the replied messages across it for the statistics to count again. Every change is audited.
 * - A year nobody entered counts weekends only and its deadlines are provisional; from 1 November
 *   the platform admins are warned until the next year is entered.
 */
import { sql } from 'kysely';
import { CALENDAR_WARNING_FROM_MONTH, isCalendarDate, type CalendarEntry, type CalendarKind, type CalendarStatus, type CalendarYearView, type RecomputedDeadline } from '../../../shared/calendar.js';
import type { Database, Executor } from '../../db/database.js';
import { transaction } from '../../db/transaction.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize } from '../access/access.policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { insertEvent } from '../messages/messages.repository.js';
import { notify } from '../notifications/notifications.service.js';
import * as repo from './calendar.repository.js';
import { packageSeed } from './calendar.package.js';
import { currentCalendar, endOfShanghaiDay, nextDay, shanghaiDay, useCalendar, WorkingCalendar, type CalendarDay } from './working-days.js';

// ── the snapshot ───────────────────────────────────────────────────────────

/** How long a read-only page may show a snapshot without asking the database whether it moved. */
const READ_CHECK_MS = 5_000;
let checkedAt = 0;

async function loadCalendar(db: Executor): Promise<WorkingCalendar> {
  const rows = await repo.loadCalendarRows(db);
  return new WorkingCalendar(rows.days, rows.years, rows.version);
}

/** Reloads the process's snapshot when the database's calendar version differs from it. */
export async function syncCalendar(db: Executor): Promise<WorkingCalendar> {
  const version = await repo.calendarVersion(db);
  checkedAt = Date.now();
  if (version !== currentCalendar().version) useCalendar(await loadCalendar(db));
  return currentCalendar();
}

/** For pages that only show deadlines (the provisional mark): at most one version check every few seconds. */
export async function calendarForReading(db: Executor): Promise<WorkingCalendar> {
  if (Date.now() - checkedAt < READ_CHECK_MS && currentCalendar().version > 0) return currentCalendar();
  return syncCalendar(db);
}

/**
 * Call inside the transaction that computes and stores deadlines, before computing them: the
 * calendar cannot change until that transaction ends, and the snapshot is the current one.
 */
export async function calendarForDeadlines(tx: Executor): Promise<WorkingCalendar> {
  await repo.lockCalendarShared(tx);
  return syncCalendar(tx);
}

// ── reading ────────────────────────────────────────────────────────────────

function statusOf(calendar: WorkingCalendar, now: Date): CalendarStatus {
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const next = { year: year + 1, entered: calendar.isEntered(year + 1) };
  const current = { year, entered: calendar.isEntered(year) };
  let warning: CalendarStatus['warning'] = null;
  if (!current.entered) warning = { year, since: `${year}-01-01` };
  else if (month >= CALENDAR_WARNING_FROM_MONTH && !next.entered) warning = { year: year + 1, since: `${year}-${String(CALENDAR_WARNING_FROM_MONTH).padStart(2, '0')}-01` };
  return { today, enteredYears: calendar.enteredYears(), currentYear: current, nextYear: next, warning };
}

/** Whether the calendar needs an admin: every staff member may ask (the console shows the mark). @throws unauthenticated, forbidden. */
export async function getCalendarStatus(db: Database, actor: Actor | null, now = new Date()): Promise<CalendarStatus> {
  authorize(actor, 'console.enter');
  return statusOf(await syncCalendar(db), now);
}

/** One year of the calendar, as the admin page shows it. @throws unauthenticated, forbidden. */
export async function getCalendarYear(db: Database, actor: Actor | null, year: number): Promise<CalendarYearView> {
  authorize(actor, 'calendar.manage');
  const [entered, days, years] = await Promise.all([repo.yearRow(db, year), repo.daysOfYear(db, year), repo.yearSummaries(db)]);
  return {
    year,
    entered: entered ? { source: entered.source, notice: entered.notice, at: new Date(entered.entered_at).toISOString(), by: entered.entered_by_name } : null,
    provisional: !entered,
    days: days.map((d) => ({ day: d.day, kind: d.kind, name: d.name, source: d.source, updatedAt: new Date(d.updated_at).toISOString(), updatedBy: d.updated_by_name })),
    years: years.map((y) => ({ year: y.year, entered: y.entered, source: y.source, holidays: y.holidays, workdays: y.workdays })),
  };
}

// ── changing ───────────────────────────────────────────────────────────────

/**
 * Moves every open deadline still ahead whose span touches [firstDay, lastDay] from the old
 * calendar to the new one: a deadline of N working days (counted on the old calendar from the
 * moment its clock started) becomes the N-th working day on the new one. Never moves one into the
 * past: at the earliest it ends today. One timeline event per message.
 */
async function recomputeDeadlines(tx: Executor, actor: Actor | null, oldCal: WorkingCalendar, newCal: WorkingCalendar, firstDay: string, lastDay: string, reason: Record<string, unknown>, now: Date): Promise<RecomputedDeadline[]> {
  const rows = await repo.openDeadlinesAround(tx, firstDay, lastDay, now);
  // Step 1 of the lock order: the messages, ascending (rows come ordered by message), before their assignments.
  await repo.lockMessages(tx, [...new Set(rows.map((r) => r.message_id))]);
  // Locked now: read again, a handling step may have changed them meanwhile.
  const locked = rows.length === 0 ? [] : await repo.openDeadlinesAround(tx, firstDay, lastDay, now);
  const endOfToday = endOfShanghaiDay(shanghaiDay(now));
  const moved = (due: Date, start: Date): Date | null => {
    if (due.getTime() <= now.getTime()) return null; // passed: stays as it was
    const n = oldCal.workingDaysBetween(start, due);
    if (n < 1) return null;
    let next = newCal.addWorkingDays(start, n);
    if (next.getTime() < endOfToday.getTime()) next = endOfToday;
    return next.getTime() === due.getTime() ? null : next;
  };
  const changes: RecomputedDeadline[] = [];
  const byMessage = new Map<string, RecomputedDeadline[]>();
  for (const a of locked) {
    const reply = moved(new Date(a.reply_due), new Date(a.root_assigned_at));
    const contact = moved(new Date(a.contact_due), new Date(a.root_assigned_at));
    let sign = moved(new Date(a.sign_due), new Date(a.assigned_at));
    // A unit passed the work down signs at the latest when the reply is due.
    const replyDue = reply ?? new Date(a.reply_due);
    if ((sign ?? new Date(a.sign_due)).getTime() > replyDue.getTime() && new Date(a.sign_due).getTime() > now.getTime()) sign = replyDue.getTime() === new Date(a.sign_due).getTime() ? null : replyDue;
    const patch: { sign_due?: Date; contact_due?: Date; reply_due?: Date } = {};
    const list = byMessage.get(a.message_id) ?? [];
    const note = (deadline: RecomputedDeadline['deadline'], before: Date, after: Date) =>
      list.push({ assignmentId: Number(a.id), unitId: Number(a.unit_id), unitName: a.unit_name, deadline, from: new Date(before).toISOString(), to: after.toISOString() });
    if (sign) (patch.sign_due = sign), note('sign', a.sign_due, sign);
    if (contact) (patch.contact_due = contact), note('contact', a.contact_due, contact);
    if (reply) (patch.reply_due = reply), note('reply', a.reply_due, reply);
    if (Object.keys(patch).length === 0) continue;
    await tx.updateTable('assignments').set(patch).where('id', '=', a.id).execute();
    byMessage.set(a.message_id, list);
  }
  for (const [messageId, list] of byMessage) {
    await insertEvent(tx, { messageId, kind: 'deadlines_recomputed', visibility: 'internal', actorId: actor?.accountId ?? null, unitId: null, data: { ...reason, changes: list } });
    changes.push(...list);
  }
  return changes;
}

/** The days of [first, last] whose working-day status differs between two calendars. */
function daysThatDiffer(a: WorkingCalendar, b: WorkingCalendar, first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = nextDay(d)) if (a.isWorkingDay(d) !== b.isWorkingDay(d)) out.push(d);
  return out;
}

/**
 * Runs a calendar change: lock, change, new version, recompute what it moves, audit. Returns the
 * deadlines moved. The change callback writes the rows; everything else is common to every change.
 */
async function changeCalendar(
  db: Database,
  actor: Actor | null,
  span: { first: string; last: string },
  audit: { action: string; targetId: string; details: Record<string, unknown> },
  change: (tx: Executor) => Promise<void>,
  now: Date,
): Promise<{ recomputed: RecomputedDeadline[]; version: number }> {
  // The lock order of docs/decisions/0011: the calendar (step 0), then the messages whose deadlines move, in id order.
  const result = await transaction(db, async (tx) => {
    await repo.lockCalendarExclusive(tx);
    const oldCal = await loadCalendar(tx);
    await change(tx);
    const version = await repo.bumpCalendarVersion(tx);
    const newCal = await loadCalendar(tx);
    const differing = daysThatDiffer(oldCal, newCal, span.first, span.last);
    let recomputed: RecomputedDeadline[] = [];
    if (differing.length > 0) {
      const first = differing[0]!;
      const last = differing[differing.length - 1]!;
      recomputed = await recomputeDeadlines(tx, actor, oldCal, newCal, first, last, { source: audit.action, days: { from: first, to: last } }, now);
      await repo.markRepliedAcross(tx, first, last);
    }
    await recordAudit(tx, { actorId: actor?.accountId ?? null, action: audit.action, targetType: 'calendar', targetId: audit.targetId, details: { ...audit.details, changedDays: differing.length, recomputed: recomputed.length } });
    return { recomputed, version, newCal };
  });
  useCalendar(result.newCal);
  return { recomputed: result.recomputed, version: result.version };
}

function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

function isWeekend(day: string): boolean {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 || w === 6;
}

/** Expands entries into days, checking each against the year. @throws calendar_* with the field at fault. */
export function daysOfEntries(year: number, entries: readonly CalendarEntry[]): CalendarDay[] {
  const days = new Map<string, CalendarDay>();
  entries.forEach((e, i) => {
    const field = `entries[${i}]`;
    const to = e.to ?? e.from;
    if (!isCalendarDate(e.from)) throw new DomainError('validation_failed', { field: `${field}.from` });
    if (!isCalendarDate(to)) throw new DomainError('validation_failed', { field: `${field}.to` });
    if (to < e.from) throw new DomainError('calendar_range_invalid', { field: `${field}.to`, params: { from: e.from, to } });
    for (let d = e.from; d <= to; d = nextDay(d)) {
      if (yearOf(d) !== year) throw new DomainError('calendar_outside_year', { field: `${field}.${d === e.from ? 'from' : 'to'}`, params: { day: d, year } });
      if (days.has(d)) throw new DomainError('calendar_duplicate_day', { field: `${field}.from`, params: { day: d } });
      if (e.kind === 'workday' && !isWeekend(d)) throw new DomainError('calendar_workday_not_weekend', { field: `${field}.from`, params: { day: d } });
      days.set(d, { day: d, kind: e.kind, name: e.name.trim() });
    }
  });
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * 录入全年: replaces a year's holidays and make-up days with the State Council's arrangement and
 * marks the year entered. @throws unauthenticated, forbidden, validation_failed, calendar_*.
 */
export async function enterCalendarYear(db: Database, actor: Actor | null, year: number, input: { entries: CalendarEntry[]; notice?: string | null }, now = new Date()) {
  authorize(actor, 'calendar.manage');
  const days = daysOfEntries(year, input.entries);
  if (!days.some((d) => d.kind === 'holiday')) throw new DomainError('calendar_year_empty', { field: 'entries' });
  const notice = input.notice?.trim() || null;
  const result = await changeCalendar(
    db,
    actor,
    { first: `${year}-01-01`, last: `${year}-12-31` },
    { action: 'calendar.year_enter', targetId: String(year), details: { year, holidays: days.filter((d) => d.kind === 'holiday').length, workdays: days.filter((d) => d.kind === 'workday').length, notice } },
    async (tx) => {
      await repo.deleteDaysOfYear(tx, year);
      await repo.insertDays(tx, days, 'admin', actor.accountId, 'fail');
      await repo.upsertYear(tx, year, 'admin', notice, actor.accountId);
    },
    now,
  );
  return { ...(await getCalendarYear(db, actor, year)), recomputed: result.recomputed };
}

/**
 * Edits one day: a holiday, a make-up working day, or back to an ordinary day ('normal').
 * @throws unauthenticated, forbidden, validation_failed, calendar_workday_not_weekend.
 */
export async function setCalendarDay(db: Database, actor: Actor | null, day: string, input: { kind: CalendarKind | 'normal'; name?: string | null }, now = new Date()) {
  authorize(actor, 'calendar.manage');
  if (!isCalendarDate(day)) throw new DomainError('validation_failed', { field: 'day' });
  const name = input.name?.trim() ?? '';
  if (input.kind !== 'normal' && (name.length === 0 || name.length > 50)) throw new DomainError('validation_failed', { field: 'name' });
  if (input.kind === 'workday' && !isWeekend(day)) throw new DomainError('calendar_workday_not_weekend', { field: 'kind', params: { day } });
  const result = await changeCalendar(
    db,
    actor,
    { first: day, last: day },
    { action: 'calendar.day_set', targetId: day, details: { day, kind: input.kind, name: input.kind === 'normal' ? null : name } },
    async (tx) => {
      if (input.kind === 'normal') await repo.deleteDay(tx, day);
      else await repo.putDay(tx, { day, kind: input.kind, name }, 'admin', actor.accountId);
    },
    now,
  );
  const year = await getCalendarYear(db, actor, yearOf(day));
  return { ...year, recomputed: result.recomputed };
}

/**
 * The package's years that the table does not have yet, entered as its seed (at every start: a
 * newer `chinese-days` with a new year fills it in, unless an admin entered that year already).
 * Returns the years added.
 */
export async function seedCalendarFromPackage(db: Database, now = new Date()): Promise<number[]> {
  const seed = packageSeed();
  const have = new Set(await repo.enteredYears(db));
  const missing = seed.years.filter((y) => !have.has(y));
  if (missing.length === 0) return [];
  const first = `${missing[0]}-01-01`;
  const last = `${missing[missing.length - 1]}-12-31`;
  const wanted = new Set(missing);
  await changeCalendar(
    db,
    null,
    { first, last },
    { action: 'calendar.seed', targetId: seed.source, details: { source: seed.source, years: missing } },
    async (tx) => {
      // Days an admin set in a year not yet entered stay as the admin set them.
      await repo.insertDays(tx, seed.days.filter((d) => wanted.has(yearOf(d.day))), seed.source, null, 'keep');
      for (const y of missing) await repo.upsertYear(tx, y, seed.source, null, null);
    },
    now,
  );
  return missing;
}

// ── the warning ────────────────────────────────────────────────────────────

/**
 * From 1 November, while next year's arrangement is missing, every platform admin gets a
 * notification (again each week, so it is not lost under others). Returns how many were sent.
 */
export async function warnAboutMissingYear(db: Database, now = new Date()): Promise<number> {
  const status = statusOf(await syncCalendar(db), now);
  if (!status.warning) return 0;
  const { year } = status.warning;
  const week = Math.floor((Date.parse(`${status.today}T00:00:00Z`) - Date.parse(`${status.warning.since}T00:00:00Z`)) / (7 * 86_400_000));
  const admins = await db.selectFrom('accounts').select('id').where('kind', '=', 'staff').where(sql<boolean>`roles @> ARRAY['platform_admin']::text[]`).where('status', '=', 'active').execute();
  if (admins.length === 0) return 0;
  return notify(db, {
    kind: 'calendar_missing',
    recipients: { accountIds: admins.map((a) => a.id) },
    title: {
      'zh-CN': `${year}年节假日安排尚未录入，该年的时限暂按双休日计算`,
      'zh-TW': `${year}年節假日安排尚未錄入，該年的時限暫按雙休日計算`,
      en: `The ${year} public holidays are not entered yet; deadlines in ${year} count weekends only`,
    },
    body: {
      'zh-CN': `请在国务院办公厅公布${year}年部分节假日安排后，到“工作日历”录入全年的放假和调休上班日期。`,
      'zh-TW': `請在國務院辦公廳公布${year}年部分節假日安排後，到「工作日曆」錄入全年的放假和調休上班日期。`,
      en: `Once the State Council publishes the ${year} arrangement, enter its holidays and make-up working days under Working calendar.`,
    },
    link: `/console/calendar?year=${year}`,
    dedupeKey: `calendar-missing-${year}-w${week}`,
  });
}
