import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends to the audit log; call it inside the transaction of the change it records. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

/** Filters already checked and resolved to ids by the service. */
export interface AuditFilter {
  /** The entries the caller may see (audit.policy.ts auditVisibleSql). */
  scope: RawBuilder<boolean>;
  actorId: string | null;
  /** Part of a staff member's name or login, or a citizen's exact mobile or login. */
  actorText: string | null;
  /** Entries by staff of this unit's subtree (their unit as it is now). */
  unitId: string | null;
  actions: string[];
  /** `account` for `account.*`. */
  kinds: string[];
  targetType: string | null;
  targetId: string | null;
  /** Days in Beijing time, inclusive. */
  dateFrom: string | null;
  dateTo: string | null;
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The WHERE clause of a filter. Id sets are written `= ANY(ARRAY(subquery))`:
 * PostgreSQL computes the set once and looks each id up in the audit indexes
 * (migration 2026-12-07T0110_audit_filters), instead of testing every row.
 */
function whereOf(f: AuditFilter): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [f.scope];
  if (f.actorId) parts.push(sql<boolean>`a.actor_id = ${f.actorId}`);
  if (f.actorText) {
    const like = `%${likeEscape(f.actorText)}%`;
    parts.push(sql<boolean>`a.actor_id = ANY(ARRAY(
      (SELECT id FROM accounts WHERE kind = 'staff' AND (display_name ILIKE ${like} OR login ILIKE ${like}) LIMIT 1000)
      UNION SELECT id FROM accounts WHERE login = ${f.actorText} OR mobile = ${f.actorText}))`);
  }
  if (f.unitId) {
    parts.push(sql<boolean>`a.actor_id = ANY(ARRAY(
      SELECT acc.id FROM accounts acc JOIN units u ON u.id = acc.unit_id
      WHERE acc.kind = 'staff' AND u.path <@ (SELECT path FROM units WHERE id = ${f.unitId})))`);
  }
  const actionOrs: RawBuilder<boolean>[] = [];
  if (f.actions.length > 0) actionOrs.push(sql<boolean>`a.action = ANY(${f.actions}::text[])`);
  for (const kind of f.kinds) actionOrs.push(sql<boolean>`a.action LIKE ${`${likeEscape(kind)}.%`}`);
  if (actionOrs.length > 0) parts.push(sql<boolean>`(${sql.join(actionOrs, sql` OR `)})`);
  if (f.targetType) parts.push(sql<boolean>`a.target_type = ${f.targetType}`);
  if (f.targetId) parts.push(sql<boolean>`a.target_id = ${f.targetId}`);
  if (f.dateFrom) parts.push(sql<boolean>`a.at >= (${f.dateFrom}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (f.dateTo) parts.push(sql<boolean>`a.at < (${f.dateTo}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  return sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_login: string | null;
  actor_kind: 'citizen' | 'staff' | null;
  actor_unit_id: string | null;
  actor_unit_name: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: unknown;
  ip: string | null;
}

/** One page, newest first, after `cursor` (an id); `limit` + 1 rows so the caller knows whether more follow. */
export async function listAudit(db: Executor, filter: AuditFilter, page: { cursor: string | null; limit: number }): Promise<AuditRow[]> {
  const after = page.cursor ? sql`AND a.id < ${page.cursor}` : sql``;
  const { rows } = await sql<AuditRow>`
    SELECT a.id, a.at, a.actor_id, acc.display_name AS actor_name, acc.login AS actor_login, acc.kind AS actor_kind,
           acc.unit_id AS actor_unit_id, u.name AS actor_unit_name,
           a.action, a.target_type, a.target_id, a.details, a.ip
    FROM audit_log a
    LEFT JOIN accounts acc ON acc.id = a.actor_id
    LEFT JOIN units u ON u.id = acc.unit_id
    WHERE ${whereOf(filter)} ${after}
    ORDER BY a.id DESC
    LIMIT ${page.limit + 1}`.execute(db);
  return rows;
}

/** How many entries match, counting at most `cap` (a count of millions would take seconds). */
export async function countAudit(db: Executor, filter: AuditFilter, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_log a WHERE ${whereOf(filter)} LIMIT ${cap + 1}) capped`.execute(db);
  return rows[0]!.n;
}

/** The id of the message with this public number, or null. */
export async function messageIdByNumber(db: Executor, number: string): Promise<string | null> {
  const row = await db.selectFrom('messages').select('id').where('number', '=', number).executeTakeFirst();
  return row?.id ?? null;
}

/** The id of the account with this login or mobile, or null. */
export async function accountIdByLogin(db: Executor, login: string): Promise<string | null> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where((eb) => eb.or([eb('login', '=', login), eb('mobile', '=', login)]))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Whether the unit exists and lies inside `path` (null: anywhere). */
export async function unitWithin(db: Executor, unitId: string, path: string | null): Promise<boolean> {
  const row = await sql<{ ok: boolean }>`
    SELECT true AS ok FROM units WHERE id = ${unitId} ${path === null ? sql`` : sql`AND path <@ ${path}::ltree`}`.execute(db);
  return row.rows.length > 0;
}

const NUMERIC_ID = /^[1-9][0-9]{0,17}$/;

/** Names for the targets of a page of entries, keyed `type:id`: a few lookups by primary key. */
export async function targetNames(db: Executor, targets: Array<{ type: string; id: string | null }>): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(targets.filter((t) => t.type === type && t.id !== null && NUMERIC_ID.test(t.id)).map((t) => t.id!))];
  const names = new Map<string, string>();
  const accountIds = ids('account');
  const unitIds = ids('unit');
  const boardIds = ids('board');
  const messageIds = ids('message');
  const campaignIds = ids('campaign');
  const codes = (type: string) => [...new Set(targets.filter((t) => t.type === type && t.id !== null).map((t) => t.id!))];
  const fieldCodes = codes('field');
  const regionCodes = codes('region').filter((c) => /^[0-9]{6}$/.test(c));
  await Promise.all([
    accountIds.length > 0 &&
      db.selectFrom('accounts').leftJoin('units', 'units.id', 'accounts.unit_id').select(['accounts.id', 'accounts.display_name', 'accounts.login', 'units.name as unit_name']).where('accounts.id', 'in', accountIds).execute()
        .then((rows) => rows.forEach((r) => names.set(`account:${r.id}`, [r.display_name, r.login ? `(${r.login})` : null, r.unit_name ? `· ${r.unit_name}` : null].filter(Boolean).join(' ')))),
    unitIds.length > 0 && db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute().then((rows) => rows.forEach((r) => names.set(`unit:${r.id}`, r.name))),
    boardIds.length > 0 && db.selectFrom('boards').select(['id', 'name']).where('id', 'in', boardIds).execute().then((rows) => rows.forEach((r) => names.set(`board:${r.id}`, r.name))),
    messageIds.length > 0 && db.selectFrom('messages').select(['id', 'number', 'title']).where('id', 'in', messageIds).execute().then((rows) => rows.forEach((r) => names.set(`message:${r.id}`, `${r.number} ${r.title}`))),
    campaignIds.length > 0 && db.selectFrom('campaigns').select(['id', 'title']).where('id', 'in', campaignIds).execute().then((rows) => rows.forEach((r) => names.set(`campaign:${r.id}`, r.title))),
    regionCodes.length > 0 && db.selectFrom('regions').select(['code', 'name']).where('code', 'in', regionCodes).execute().then((rows) => rows.forEach((r) => names.set(`region:${r.code}`, r.name))),
    fieldCodes.length > 0 && db.selectFrom('fields').select(['code', 'name_zh']).where('code', 'in', fieldCodes).execute().then((rows) => rows.forEach((r) => names.set(`field:${r.code}`, r.name_zh))),
  ]);
  return names;
}
