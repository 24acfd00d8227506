import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

const regionColumns = ['regions.code', 'regions.name', 'regions.level', 'regions.parent_code'] as const;

function withHasChildren<T extends Executor>(db: T) {
  return db
    .selectFrom('regions')
    .select(regionColumns)
    .select((eb) => eb.exists(eb.selectFrom('regions as child').select(sql`1`.as('one')).whereRef('child.parent_code', '=', 'regions.code')).as('has_children'));
}

export async function findRegion(db: Executor, code: string) {
  return withHasChildren(db).select(sql<string>`regions.path::text`.as('path')).where('regions.code', '=', code).executeTakeFirst();
}

/** Children of a region in their official order; the provinces when parentCode is the national root. */
export async function listChildRegions(db: Executor, parentCode: string) {
  return withHasChildren(db).where('regions.parent_code', '=', parentCode).orderBy('regions.sort').orderBy('regions.code').execute();
}

/** The chain from the first province down to (excluding) the region itself. */
export async function listAncestors(db: Executor, path: string) {
  return withHasChildren(db)
    .where(sql<boolean>`regions.path @> ${path}::ltree`)
    .where(sql<boolean>`regions.path <> ${path}::ltree`)
    .where('regions.level', '<>', 'national')
    .orderBy(sql`nlevel(regions.path)`)
    .execute();
}

/** True when `code` lies in the subtree of `ancestorCode` (itself included). */
export async function regionWithin(db: Executor, code: string, ancestorCode: string): Promise<boolean> {
  const row = await sql<{ inside: boolean }>`
    SELECT r.path <@ a.path AS inside FROM regions r, regions a WHERE r.code = ${code} AND a.code = ${ancestorCode}`.execute(db);
  return row.rows[0]?.inside === true;
}
