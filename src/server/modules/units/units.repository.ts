import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import { unitManagedBy, unitVisibleSql, unitVisibleTo } from '../access/access.policy.js';

function unitRows(db: Executor) {
  return db
    .selectFrom('units')
    .innerJoin('regions', 'regions.code', 'units.region_code')
    .leftJoin('units as parent', 'parent.id', 'units.parent_id')
    .leftJoin('units as merged_into', 'merged_into.id', 'units.merged_into_id')
    .select([
      'units.id',
      'units.key',
      'units.name',
      'units.short_name',
      'units.contact',
      'units.reply_review',
      'units.retired_at',
      'units.kind',
      'units.region_code',
      'regions.name as region_name',
      'units.parent_id',
      'parent.name as parent_name',
      'units.merged_into_id',
      'merged_into.name as merged_into_name',
      sql<string>`units.path::text`.as('path'),
    ])
    .select((eb) => [
      eb.selectFrom('units as child').select(sql<number>`count(*)::int`.as('n')).whereRef('child.parent_id', '=', 'units.id').as('child_count'),
      // kind = 'staff' lets the count use the partial index accounts_unit_idx instead of reading every citizen.
      eb.selectFrom('accounts').select(sql<number>`count(*)::int`.as('n')).whereRef('accounts.unit_id', '=', 'units.id').where('accounts.kind', '=', 'staff').as('account_count'),
    ]);
}

export type UnitRow = Awaited<ReturnType<ReturnType<typeof unitRows>['executeTakeFirstOrThrow']>>;

export interface UnitQuery {
  /** Children of this unit; null: the top of the actor's visible forest. */
  parentId: string | null;
  q: string | null;
  /** Only active or only retired units; null: both. */
  status?: 'active' | 'retired' | null;
  cursor: string | null;
  limit: number;
}

/**
 * Units the actor may see. Without a parent or a search, the roots of what the
 * actor sees: units whose parent is not visible to the actor.
 */
/** `scope` replaces the actor's visibility (e.g. the units an assignment may be passed down to). */
export async function listVisibleUnits(db: Executor, actor: Actor, query: UnitQuery, scope: RawBuilder<boolean> | null = null) {
  let q = (scope ? unitRows(db).where(() => scope as never) : unitRows(db).where(unitVisibleTo(actor))).orderBy('units.id').limit(query.limit + 1);
  if (query.cursor) q = q.where('units.id', '>', query.cursor);
  if (query.status === 'active') q = q.where('units.retired_at', 'is', null);
  if (query.status === 'retired') q = q.where('units.retired_at', 'is not', null);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('units.name', 'ilike', like), eb('units.short_name', 'ilike', like)]));
  } else if (query.parentId) {
    q = q.where('units.parent_id', '=', query.parentId);
  } else if (!scope && query.status !== 'retired') {
    // Retired units are few and scattered over the tree: that filter lists them flat.
    q = q.where((eb) => eb.or([eb('units.parent_id', 'is', null), sql<boolean>`NOT EXISTS (SELECT 1 FROM units p WHERE p.id = units.parent_id AND ${unitVisibleSql(actor, 'p')})`]));
  }
  return q.execute();
}

export async function findVisibleUnit(db: Executor, actor: Actor, id: string) {
  return unitRows(db).where('units.id', '=', id).where(unitVisibleTo(actor)).executeTakeFirst();
}

export async function findManagedUnit(db: Executor, actor: Actor, id: string) {
  return unitRows(db).where('units.id', '=', id).where(unitManagedBy(actor)).executeTakeFirst();
}

/** Of the given ids, those the actor may manage. */
export async function managedUnitIds(db: Executor, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('units').select('id').where('id', 'in', ids).where(unitManagedBy(actor)).execute();
  return new Set(rows.map((r) => r.id));
}

/** `except`: the unit being renamed or moved, which does not clash with itself. */
export async function unitNameTaken(db: Executor, parentId: string | null, name: string, except: string | null = null): Promise<boolean> {
  let q = db
    .selectFrom('units')
    .select('id')
    .where(sql<boolean>`coalesce(parent_id, 0) = ${parentId ?? 0}`)
    .where('name', '=', name);
  if (except !== null) q = q.where('id', '<>', except);
  const row = await q.executeTakeFirst();
  return row !== undefined;
}

export interface NewUnit {
  key?: string | null;
  name: string;
  kind: string;
  regionCode: string;
  parentId: string | null;
  parentPath: string | null;
}

/** Inserts a unit; its path is the parent's path plus its own id. */
export async function insertUnit(db: Executor, unit: NewUnit): Promise<string> {
  const { id } = await sql<{ id: string }>`SELECT nextval('units_id_seq')::text AS id`.execute(db).then((r) => r.rows[0]!);
  const path = unit.parentPath ? `${unit.parentPath}.${id}` : id;
  await db
    .insertInto('units')
    .values({ id, key: unit.key ?? null, name: unit.name, kind: unit.kind, region_code: unit.regionCode, parent_id: unit.parentId, path })
    .execute();
  return id;
}

/** The unit's own row, locked for a change of it (FOR UPDATE also waits for work being assigned to it: FOR KEY SHARE). */
export async function lockUnit(db: Executor, id: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'short_name', 'contact', 'region_code', 'parent_id', 'reply_review', 'retired_at', 'merged_into_id', sql<string>`path::text`.as('path')])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * A unit that is to receive something new (a child, a board, work), locked
 * FOR KEY SHARE so a unit being retired meanwhile either waits for this
 * transaction (and then counts what it added) or has retired first (and this
 * read sees it). Undefined when there is no such unit.
 */
export async function unitForUse(db: Executor, id: string) {
  return db.selectFrom('units').select(['id', 'retired_at', sql<string>`path::text`.as('path'), 'region_code']).where('id', '=', id).forKeyShare().executeTakeFirst();
}

export interface UnitChanges {
  name?: string;
  short_name?: string | null;
  contact?: string | null;
  region_code?: string;
  reply_review?: string;
}

export async function updateUnitRow(db: Executor, id: string, changes: UnitChanges): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('units').set(changes).where('id', '=', id).execute();
}

/** Whether every child of the unit lies in the region `code` (or its subtree). */
export async function childrenWithinRegion(db: Executor, unitId: string, code: string): Promise<boolean> {
  const row = await sql<{ outside: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM units c JOIN regions cr ON cr.code = c.region_code JOIN regions r ON r.code = ${code}
       WHERE c.parent_id = ${unitId} AND NOT (cr.path <@ r.path)) AS outside`.execute(db);
  return !row.rows[0]!.outside;
}

/**
 * Moves a unit and its subtree under a new parent (null: to the top): the
 * parent id of the unit, and the path of the unit and of every descendant,
 * which all begin with the unit's old path. One statement; the caller holds
 * the transaction and the move lock.
 */
export async function moveSubtree(db: Executor, unit: { id: string; path: string }, parent: { id: string; path: string } | null): Promise<number> {
  await db.updateTable('units').set({ parent_id: parent?.id ?? null }).where('id', '=', unit.id).execute();
  const prefix = parent ? sql`${parent.path}::ltree || ` : sql``;
  const result = await sql`
    UPDATE units SET path = ${prefix}subpath(path, nlevel(${unit.path}::ltree) - 1)
     WHERE path <@ ${unit.path}::ltree`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Serialises moves: two moves that each look fine alone could otherwise make a cycle together. */
export async function takeMoveLock(db: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('units.move'))`.execute(db);
}

export const BLOCKER_EXAMPLES = 5;

/**
 * What keeps a unit from retiring: open assignments (their message numbers),
 * active staff accounts (their logins), open boards (their names), active
 * child units (their names). Counts and the first few of each.
 */
export async function unitBlockers(db: Executor, unitId: string) {
  const n = sql.lit(BLOCKER_EXAMPLES);
  const statements = {
    openAssignments: sql<{ count: number; examples: string[] }>`
      SELECT count(*)::int AS count, coalesce((array_agg(DISTINCT m.number ORDER BY m.number))[1:${n}], '{}') AS examples
        FROM assignments a JOIN messages m ON m.id = a.message_id
       WHERE a.unit_id = ${unitId} AND a.status IN ('pending', 'signed', 'passed_down')`,
    activeAccounts: sql<{ count: number; examples: string[] }>`
      SELECT count(*)::int AS count, coalesce((array_agg(coalesce(login, display_name) ORDER BY id))[1:${n}], '{}') AS examples
        FROM accounts WHERE unit_id = ${unitId} AND kind = 'staff' AND status = 'active'`,
    openBoards: sql<{ count: number; examples: string[] }>`
      SELECT count(*)::int AS count, coalesce((array_agg(name ORDER BY id))[1:${n}], '{}') AS examples
        FROM boards WHERE unit_id = ${unitId} AND retired_at IS NULL`,
    activeChildren: sql<{ count: number; examples: string[] }>`
      SELECT count(*)::int AS count, coalesce((array_agg(name ORDER BY id))[1:${n}], '{}') AS examples
        FROM units WHERE parent_id = ${unitId} AND retired_at IS NULL`,
  };
  const blockers: { kind: string; count: number; examples: string[] }[] = [];
  // One after the other: a transaction has one connection.
  for (const [kind, statement] of Object.entries(statements)) {
    const row = (await statement.execute(db)).rows[0]!;
    if (row.count > 0) blockers.push({ kind, count: row.count, examples: row.examples });
  }
  return blockers;
}

export async function setUnitRetired(db: Executor, id: string, retired: boolean): Promise<void> {
  await db.updateTable('units').set({ retired_at: retired ? sql`now()` as never : null }).where('id', '=', id).execute();
}
