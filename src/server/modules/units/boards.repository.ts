import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

function boardRows(db: Executor) {
  return db
    .selectFrom('boards')
    .leftJoin('regions', 'regions.code', 'boards.region_code')
    .leftJoin('units', 'units.id', 'boards.unit_id')
    .select(['boards.id', 'boards.kind', 'boards.title', 'boards.name', 'boards.region_code', 'boards.retired_at', 'regions.name as region_name', 'regions.level as region_level', 'units.id as unit_id', 'units.name as unit_name']);
}

export type BoardRow = Awaited<ReturnType<ReturnType<typeof boardRows>['executeTakeFirstOrThrow']>>;

/** Open boards (taking messages), retired ones (history only), or all. */
export type BoardStatus = 'open' | 'retired' | 'all';

function withStatus(q: ReturnType<typeof boardRows>, status: BoardStatus) {
  if (status === 'open') return q.where('boards.retired_at', 'is', null);
  if (status === 'retired') return q.where('boards.retired_at', 'is not', null);
  return q;
}

export async function listRegionBoards(db: Executor, regionCode: string, status: BoardStatus = 'open') {
  return withStatus(boardRows(db).where('boards.region_code', '=', regionCode), status).orderBy('boards.sort').orderBy('boards.id').execute();
}

export async function listMinistryBoards(db: Executor, status: BoardStatus = 'open') {
  return withStatus(boardRows(db).where('boards.kind', '=', 'ministry'), status).orderBy('boards.sort').orderBy('boards.id').execute();
}

export async function findBoard(db: Executor, id: string) {
  return boardRows(db).where('boards.id', '=', id).executeTakeFirst();
}

/** `except`: the board being renamed, which does not clash with itself. */
export async function boardExists(db: Executor, regionCode: string | null, title: string, except: string | null = null): Promise<boolean> {
  let q = db.selectFrom('boards').select('id').where(sql<boolean>`coalesce(region_code, '') = ${regionCode ?? ''}`).where('title', '=', title);
  if (except !== null) q = q.where('id', '<>', except);
  const row = await q.executeTakeFirst();
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

export async function lockBoard(db: Executor, id: string) {
  return db.selectFrom('boards').select(['id', 'kind', 'title', 'name', 'region_code', 'unit_id', 'retired_at']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateBoardRow(db: Executor, id: string, changes: { title?: string; name?: string; unit_id?: string | null; retired_at?: Date | null }): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('boards').set(changes).where('id', '=', id).execute();
}
