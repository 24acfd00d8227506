/** SQL of the reports module: stored reports, subscriptions, and the cases a weekly digest names. */
import { sql } from 'kysely';
import type { ReportKind } from '../../../shared/reports.js';
import type { StaffRole } from '../../../shared/permissions.js';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import { messageRows } from '../messages/messages.repository.js';
import { reportVisibleSql } from './reports.policy.js';

export interface StoredReportInput {
  kind: ReportKind;
  regionCode: string;
  from: string;
  to: string;
  complete: boolean;
  title: string;
  generatedBy: string | null;
  content: unknown;
}

/**
 * Stores a report under its unique key (kind, region, period). `replace`:
 * 'always' (on demand: the new snapshot replaces the old, version + 1),
 * 'if_incomplete' (the schedule: only a report made before its period ended is
 * replaced; a complete one is left as it is). Returns the stored row's id and
 * version, or null when nothing was written. One statement, so two processes
 * storing the same report at once leave one row.
 */
export async function storeReport(db: Executor, r: StoredReportInput, replace: 'always' | 'if_incomplete'): Promise<{ id: string; version: number } | null> {
  const row = await db
    .insertInto('stat_reports')
    .values({
      kind: r.kind,
      region_code: r.regionCode,
      period_from: r.from,
      period_to: r.to,
      complete: r.complete,
      title: r.title,
      generated_by: r.generatedBy,
      content: JSON.stringify(r.content),
    })
    .onConflict((oc) => {
      const update = oc.columns(['kind', 'region_code', 'period_from']).doUpdateSet({
        complete: (eb) => eb.ref('excluded.complete'),
        title: (eb) => eb.ref('excluded.title'),
        generated_by: (eb) => eb.ref('excluded.generated_by'),
        content: (eb) => eb.ref('excluded.content'),
        generated_at: sql`now()`,
        version: sql`stat_reports.version + 1`,
      });
      return replace === 'always' ? update : update.where('stat_reports.complete', '=', false);
    })
    .returning(['id', 'version'])
    .executeTakeFirst();
  return row ?? null;
}

/** True when a complete report of the key exists (the schedule then has nothing to do). */
export async function completeReportExists(db: Executor, kind: ReportKind, regionCode: string, from: string): Promise<boolean> {
  const row = await db
    .selectFrom('stat_reports')
    .select('id')
    .where('kind', '=', kind)
    .where('region_code', '=', regionCode)
    .where('period_from', '=', from)
    .where('complete', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

function reportRows(db: Executor) {
  return db
    .selectFrom('stat_reports')
    .innerJoin('regions as report_region', 'report_region.code', 'stat_reports.region_code')
    .leftJoin('accounts as generator', 'generator.id', 'stat_reports.generated_by')
    .select([
      'stat_reports.id',
      'stat_reports.kind',
      'stat_reports.region_code',
      'report_region.name as region_name',
      'report_region.level as region_level',
      sql<string>`report_region.path::text`.as('region_path'),
      sql<string>`stat_reports.period_from::text`.as('period_from'),
      sql<string>`stat_reports.period_to::text`.as('period_to'),
      'stat_reports.complete',
      'stat_reports.version',
      'stat_reports.title',
      'stat_reports.generated_at',
      'stat_reports.generated_by',
      'generator.display_name as generated_by_name',
    ]);
}

export type ReportRow = Awaited<ReturnType<ReturnType<typeof reportRows>['executeTakeFirstOrThrow']>>;

export async function findReport(db: Executor, id: string): Promise<(ReportRow & { content: unknown }) | undefined> {
  return reportRows(db).select('stat_reports.content').where('stat_reports.id', '=', id).executeTakeFirst();
}

export interface ReportListQuery {
  kind: ReportKind | null;
  regionCode: string | null;
  /** After this (period_from, id), newest first. */
  after: { from: string; id: string } | null;
  limit: number;
}

/** Reports the actor may read, newest period first; one row more than asked, to tell whether a next page exists. */
export async function listReports(db: Executor, actor: Actor | null, q: ReportListQuery): Promise<ReportRow[]> {
  let query = reportRows(db)
    .where(reportVisibleSql(actor))
    .orderBy('stat_reports.period_from', 'desc')
    .orderBy('stat_reports.id', 'desc')
    .limit(q.limit + 1);
  if (q.kind) query = query.where('stat_reports.kind', '=', q.kind);
  if (q.regionCode) query = query.where('stat_reports.region_code', '=', q.regionCode);
  if (q.after) query = query.where(sql<boolean>`(stat_reports.period_from, stat_reports.id) < (${q.after.from}::date, ${q.after.id}::bigint)`);
  return query.execute();
}

/** The Beijing day of the first message received, or null without messages. */
export async function firstMessageDay(db: Executor): Promise<string | null> {
  const row = await sql<{ day: string | null }>`SELECT to_char(min(created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM messages`.execute(db);
  return row.rows[0]?.day ?? null;
}

export async function regionsOfLevel(db: Executor, level: 'national' | 'province'): Promise<string[]> {
  const rows = await db.selectFrom('regions').select('code').where('level', '=', level).orderBy('sort').orderBy('code').execute();
  return rows.map((r) => r.code);
}

// ── notable cases ───────────────────────────────────────────────────────────

const LEVEL_COLUMN = { province: 'province_code', city: 'city_code', county: 'county_code' } as const;

/**
 * Public messages of the region closed in [start, end) whose author rated
 * them 非常满意 or 满意, the very satisfied first, then the latest; with the
 * unit of the final reply. Rows as messageRows gives them, to be presented
 * as the public board presents them.
 */
export async function satisfiedClosedMessages(db: Executor, region: { code: string; level: string }, start: Date, end: Date, limit: number) {
  let q = messageRows(db)
    .innerJoin('message_ratings', 'message_ratings.message_id', 'messages.id')
    .select(['message_ratings.grade'])
    .select((eb) =>
      eb
        .selectFrom('replies')
        .innerJoin('units', 'units.id', 'replies.unit_id')
        .select('units.name')
        .whereRef('replies.message_id', '=', 'messages.id')
        .where('replies.kind', '=', 'final')
        .where('replies.status', '=', 'published')
        .orderBy('replies.published_at', 'desc')
        .limit(1)
        .as('reply_unit_name'),
    )
    .where('messages.listed', '=', true)
    .where('messages.status', '=', 'closed')
    .where('messages.closed_at', '>=', start)
    .where('messages.closed_at', '<', end)
    .where('message_ratings.grade', 'in', ['very_satisfied', 'satisfied'])
    .orderBy(sql`message_ratings.grade = 'very_satisfied'`, 'desc')
    .orderBy('messages.closed_at', 'desc')
    .orderBy('messages.id', 'desc')
    .limit(limit);
  const column = LEVEL_COLUMN[region.level as keyof typeof LEVEL_COLUMN];
  if (column) q = q.where(`messages.${column}`, '=', region.code);
  return q.execute();
}

// ── subscriptions ───────────────────────────────────────────────────────────

/**
 * The e-mail addresses of the report's subscribers who may still receive it:
 * active accounts with an address, a role that may manage reports, and (but
 * for platform admins) the report's region inside their own region subtree.
 */
export async function subscriberEmails(db: Executor, kind: ReportKind, regionCode: string, managingRoles: readonly StaffRole[]): Promise<Array<{ accountId: string; email: string }>> {
  const rows = await sql<{ account_id: string; email: string }>`
    SELECT a.id AS account_id, a.email
    FROM report_subscriptions s
    JOIN accounts a ON a.id = s.account_id
    JOIN regions report_region ON report_region.code = s.region_code
    LEFT JOIN units u ON u.id = a.unit_id
    LEFT JOIN regions own_region ON own_region.code = u.region_code
    WHERE s.kind = ${kind} AND s.region_code = ${regionCode}
      AND a.status = 'active' AND a.kind = 'staff' AND a.email IS NOT NULL
      AND a.roles && ${sql.val([...managingRoles])}::text[]
      AND ('platform_admin' = ANY (a.roles) OR report_region.path <@ own_region.path)
    ORDER BY a.id`.execute(db);
  return rows.rows.map((r) => ({ accountId: r.account_id, email: r.email }));
}

export async function accountEmail(db: Executor, accountId: string): Promise<string | null> {
  const row = await db.selectFrom('accounts').select('email').where('id', '=', accountId).executeTakeFirst();
  return row?.email ?? null;
}

export async function insertSubscription(db: Executor, accountId: string, kind: ReportKind, regionCode: string): Promise<boolean> {
  const row = await db
    .insertInto('report_subscriptions')
    .values({ account_id: accountId, kind, region_code: regionCode })
    .onConflict((oc) => oc.doNothing())
    .returning('account_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteSubscription(db: Executor, accountId: string, kind: ReportKind, regionCode: string): Promise<boolean> {
  const result = await db.deleteFrom('report_subscriptions').where('account_id', '=', accountId).where('kind', '=', kind).where('region_code', '=', regionCode).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listSubscriptions(db: Executor, accountId: string) {
  return db
    .selectFrom('report_subscriptions')
    .innerJoin('regions', 'regions.code', 'report_subscriptions.region_code')
    .select(['report_subscriptions.kind', 'report_subscriptions.region_code', 'regions.name as region_name', 'regions.level as region_level', 'report_subscriptions.created_at'])
    .where('report_subscriptions.account_id', '=', accountId)
    .orderBy('report_subscriptions.created_at')
    .execute();
}
