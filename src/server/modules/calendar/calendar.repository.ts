/** SQL of the calendar module: the special days, the entered years, the version. */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { CalendarDay } from './working-days.js';

// One number for the calendar's advisory lock: deadline writers hold it shared, a calendar change
// exclusively, so no deadline is computed on a calendar that is being changed.
const CALENDAR_LOCK = 2_026_120_601;

export async function lockCalendarShared(tx: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(${CALENDAR_LOCK})`.execute(tx);
}

export async function lockCalendarExclusive(tx: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${CALENDAR_LOCK})`.execute(tx);
}

export async function calendarVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('calendar_state').select('version').executeTakeFirst();
  return row ? Number(row.version) : 0;
}

export async function bumpCalendarVersion(tx: Executor): Promise<number> {
  const row = await tx.updateTable('calendar_state').set({ version: sql`version + 1` as never }).returning('version').executeTakeFirstOrThrow();
  return Number(row.version);
}

export async function loadCalendarRows(db: Executor): Promise<{ days: CalendarDay[]; years: number[]; version: number }> {
  const [days, years, version] = await Promise.all([
    db.selectFrom('calendar_days').select([sql<string>`day::text`.as('day'), 'kind', 'name']).orderBy('day').execute(),
    db.selectFrom('calendar_years').select('year').orderBy('year').execute(),
    calendarVersion(db),
  ]);
  return { days, years: years.map((y) => y.year), version };
}

export interface CalendarDayRow extends CalendarDay {
  source: string;
  updated_at: Date;
  updated_by_name: string | null;
}

export async function daysOfYear(db: Executor, year: number): Promise<CalendarDayRow[]> {
  return db
    .selectFrom('calendar_days')
    .leftJoin('accounts', 'accounts.id', 'calendar_days.updated_by')
    .select([sql<string>`calendar_days.day::text`.as('day'), 'calendar_days.kind', 'calendar_days.name', 'calendar_days.source', 'calendar_days.updated_at', 'accounts.display_name as updated_by_name'])
    .where('calendar_days.day', '>=', `${year}-01-01`)
    .where('calendar_days.day', '<=', `${year}-12-31`)
    .orderBy('calendar_days.day')
    .execute();
}

export async function yearRow(db: Executor, year: number) {
  return db
    .selectFrom('calendar_years')
    .leftJoin('accounts', 'accounts.id', 'calendar_years.entered_by')
    .select(['calendar_years.year', 'calendar_years.source', 'calendar_years.notice', 'calendar_years.entered_at', 'accounts.display_name as entered_by_name'])
    .where('calendar_years.year', '=', year)
    .executeTakeFirst();
}

export async function yearSummaries(db: Executor) {
  const rows = await sql<{ year: number; holidays: number; workdays: number; entered: boolean; source: string | null }>`
    WITH d AS (
      SELECT extract(year FROM day)::int AS year, count(*) FILTER (WHERE kind = 'holiday')::int AS holidays,
             count(*) FILTER (WHERE kind = 'workday')::int AS workdays
      FROM calendar_days GROUP BY 1
    )
    SELECT coalesce(y.year, d.year) AS year, coalesce(d.holidays, 0) AS holidays, coalesce(d.workdays, 0) AS workdays,
           y.year IS NOT NULL AS entered, y.source
    FROM calendar_years y FULL JOIN d ON d.year = y.year
    ORDER BY 1`.execute(db);
  return rows.rows;
}

export async function putDay(tx: Executor, day: CalendarDay, source: string, accountId: string | null): Promise<void> {
  await tx
    .insertInto('calendar_days')
    .values({ day: day.day, kind: day.kind, name: day.name, source, updated_by: accountId, updated_at: sql`now()` as never })
    .onConflict((oc) => oc.column('day').doUpdateSet({ kind: day.kind, name: day.name, source, updated_by: accountId, updated_at: sql`now()` as never }))
    .execute();
}

export async function deleteDay(tx: Executor, day: string): Promise<boolean> {
  const r = await tx.deleteFrom('calendar_days').where('day', '=', day).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteDaysOfYear(tx: Executor, year: number): Promise<void> {
  await tx.deleteFrom('calendar_days').where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).execute();
}

export async function insertDays(tx: Executor, days: readonly CalendarDay[], source: string, accountId: string | null, onConflict: 'keep' | 'fail'): Promise<number> {
  let inserted = 0;
  // A few hundred rows a year; chunks keep the statement's parameters well below PostgreSQL's limit.
  for (let i = 0; i < days.length; i += 1000) {
    let q = tx.insertInto('calendar_days').values(days.slice(i, i + 1000).map((d) => ({ day: d.day, kind: d.kind, name: d.name, source, updated_by: accountId })));
    if (onConflict === 'keep') q = q.onConflict((oc) => oc.column('day').doNothing());
    const r = await q.executeTakeFirst();
    inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function upsertYear(tx: Executor, year: number, source: string, notice: string | null, accountId: string | null): Promise<void> {
  await tx
    .insertInto('calendar_years')
    .values({ year, source, notice, entered_by: accountId })
    .onConflict((oc) => oc.column('year').doUpdateSet({ source, notice, entered_by: accountId, entered_at: sql`now()` as never }))
    .execute();
}

export async function enteredYears(db: Executor): Promise<number[]> {
  return (await db.selectFrom('calendar_years').select('year').orderBy('year').execute()).map((r) => r.year);
}

/** Locks message rows in ascending id order (step 1 of the lock order, docs/decisions/0011). */
export async function lockMessages(tx: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`SELECT id FROM messages WHERE id = ANY(${ids}::bigint[]) ORDER BY id FOR UPDATE`.execute(tx);
}

export interface OpenDeadlineRow {
  id: string;
  message_id: string;
  unit_id: string;
  unit_name: string;
  role: 'lead' | 'co';
  assigned_at: Date;
  root_assigned_at: Date;
  sign_due: Date;
  contact_due: Date;
  reply_due: Date;
}

/**
 * The open assignments with a deadline still ahead whose span may cover a changed day, each with
 * the moment its round's clock started (the top of its chain: a unit passed the work down keeps the
 * citizen's contact and reply deadlines, which run from the first assignment).
 */
export async function openDeadlinesAround(tx: Executor, firstDay: string, lastDay: string, now: Date): Promise<OpenDeadlineRow[]> {
  const rows = await sql<OpenDeadlineRow>`
    WITH RECURSIVE open_rounds AS (
      SELECT DISTINCT message_id, round FROM assignments
      WHERE status IN ('pending','signed','passed_down')
        AND greatest(sign_due, contact_due, reply_due) > ${now}
        AND assigned_at < (${lastDay}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND greatest(sign_due, contact_due, reply_due) >= ${firstDay}::date::timestamp AT TIME ZONE 'Asia/Shanghai'
    ),
    chain AS (
      SELECT a.id, a.assigned_at AS root_assigned_at
      FROM assignments a JOIN open_rounds r ON r.message_id = a.message_id AND r.round = a.round
      WHERE a.parent_id IS NULL
      UNION ALL
      SELECT a.id, c.root_assigned_at FROM assignments a JOIN chain c ON a.parent_id = c.id
    )
    SELECT a.id, a.message_id, a.unit_id, u.name AS unit_name, a.role, a.assigned_at, c.root_assigned_at, a.sign_due, a.contact_due, a.reply_due
    FROM chain c JOIN assignments a ON a.id = c.id JOIN units u ON u.id = a.unit_id
    WHERE a.status IN ('pending','signed','passed_down')
    ORDER BY a.message_id, a.id`.execute(tx);
  return rows.rows;
}

/** Replied messages whose time to reply spans a changed day: their working-day figures are counted again. */
export async function markRepliedAcross(tx: Executor, firstDay: string, lastDay: string): Promise<void> {
  await sql`
    INSERT INTO stat_dirty (message_id)
    SELECT id FROM messages
    WHERE first_reply_at IS NOT NULL
      AND created_at < (${lastDay}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND first_reply_at >= ${firstDay}::date::timestamp AT TIME ZONE 'Asia/Shanghai'
    ON CONFLICT DO NOTHING`.execute(tx);
}
