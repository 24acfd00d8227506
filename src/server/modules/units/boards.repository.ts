import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

function boardRows(db: Executor) {
  return db
    .selectFrom('boards')
    .leftJoin('regions', 'regions.code', 'boards.region_code')
    .leftJoin('units', 'units.id', 'boards.unit_id')
    .select(['boards.id', 'boards.kind', 'boards.title', 'boards.name', 'boards.region_code', 'regions.name as region_name', 'regions.level as region_level', 'units.id as unit_id', 'units.name as unit_name']);
}

export type BoardRow = Awaited<ReturnType<ReturnType<typeof boardRows>['executeTakeFirstOrThrow']>>;

export async function listRegionBoards(db: Executor, regionCode: string) {
  return boardRows(db).where('boards.region_code', '=', regionCode).orderBy('boards.sort').orderBy('boards.id').execute();
}

export async function listMinistryBoards(db: Executor) {
  return boardRows(db).where('boards.kind', '=', 'ministry').orderBy('boards.sort').orderBy('boards.id').execute();
}

export async function findBoard(db: Executor, id: string) {
  return boardRows(db).where('boards.id', '=', id).executeTakeFirst();
}

export async function boardExists(db: Executor, regionCode: string | null, title: string): Promise<boolean> {
  const row = await db.selectFrom('boards').select('id').where(sql<boolean>`coalesce(region_code, '') = ${regionCode ?? ''}`).where('title', '=', title).executeTakeFirst();
  return row !== undefined;
}

export async function insertBoard(db: Executor, board: { kind: 'leader' | 'ministry'; title: string; name: string; regionCode: string | null; unitId: string | null; sort: number }): Promise<string> {
  const row = await db
    .insertInto('boards')
    .values({ kind: board.kind, title: board.title, name: board.name, region_code: board.regionCode, unit_id: board.unitId, sort: board.sort })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
