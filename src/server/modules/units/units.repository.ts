import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import { unitManagedBy, unitVisibleSql, unitVisibleTo } from '../access/access.policy.js';

function unitRows(db: Executor) {
  return db
    .selectFrom('units')
    .innerJoin('regions', 'regions.code', 'units.region_code')
    .leftJoin('units as parent', 'parent.id', 'units.parent_id')
    .select([
      'units.id',
      'units.key',
      'units.name',
      'units.kind',
      'units.region_code',
      'regions.name as region_name',
      'units.parent_id',
      'parent.name as parent_name',
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
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where('units.name', 'ilike', like);
  } else if (query.parentId) {
    q = q.where('units.parent_id', '=', query.parentId);
  } else if (!scope) {
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

export async function unitNameTaken(db: Executor, parentId: string | null, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('units')
    .select('id')
    .where(sql<boolean>`coalesce(parent_id, 0) = ${parentId ?? 0}`)
    .where('name', '=', name)
    .executeTakeFirst();
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
