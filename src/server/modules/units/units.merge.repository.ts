/** SQL of merging one unit into another (units.merge.service.ts). */
import { sql } from 'kysely';
import { OPEN_ASSIGNMENT_STATUSES } from '../../../shared/handling.js';
import type { Executor } from '../../db/database.js';
import { BLOCKER_EXAMPLES } from './units.repository.js';

const OPEN = OPEN_ASSIGNMENT_STATUSES as string[];

/** What a merge of `unitId` moves: open assignments (and the messages they belong to), staff accounts, boards, child units. */
export async function mergeCounts(db: Executor, unitId: string) {
  const row = await sql<{ open_assignments: number; messages: number; accounts: number; boards: number; children: number }>`
    SELECT (SELECT count(*)::int FROM assignments WHERE unit_id = ${unitId} AND status = ANY(${OPEN}::text[])) AS open_assignments,
           (SELECT count(DISTINCT message_id)::int FROM assignments WHERE unit_id = ${unitId} AND status = ANY(${OPEN}::text[])) AS messages,
           (SELECT count(*)::int FROM accounts WHERE unit_id = ${unitId} AND kind = 'staff') AS accounts,
           (SELECT count(*)::int FROM boards WHERE unit_id = ${unitId}) AS boards,
           (SELECT count(*)::int FROM units WHERE parent_id = ${unitId}) AS children`.execute(db);
  const r = row.rows[0]!;
  return { openAssignments: r.open_assignments, messages: r.messages, accounts: r.accounts, boards: r.boards, children: r.children };
}

/**
 * Messages on which both units hold an open assignment: one unit may hold one
 * open assignment of a message (assignments_one_open_idx), so such a merge
 * would have to decide whose part wins. Count and the first few numbers.
 */
export async function sharedOpenMessages(db: Executor, unitId: string, intoId: string) {
  const row = await sql<{ count: number; examples: string[] }>`
    SELECT count(*)::int AS count, coalesce((array_agg(m.number ORDER BY m.number))[1:${sql.lit(BLOCKER_EXAMPLES)}], '{}') AS examples
      FROM messages m
     WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.message_id = m.id AND a.unit_id = ${unitId} AND a.status = ANY(${OPEN}::text[]))
       AND EXISTS (SELECT 1 FROM assignments a WHERE a.message_id = m.id AND a.unit_id = ${intoId} AND a.status = ANY(${OPEN}::text[]))`.execute(db);
  return row.rows[0]!;
}

/** Children of the merged unit whose name a child of the surviving unit already has (units_parent_name_idx). */
export async function childNameClashes(db: Executor, unitId: string, intoId: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT c.name FROM units c WHERE c.parent_id = ${unitId}
       AND EXISTS (SELECT 1 FROM units s WHERE s.parent_id = ${intoId} AND s.name = c.name)
     ORDER BY c.name LIMIT ${sql.lit(BLOCKER_EXAMPLES)}`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Children of the merged unit outside the surviving unit's region. */
export async function childrenOutsideRegion(db: Executor, unitId: string, regionCode: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT c.name FROM units c JOIN regions cr ON cr.code = c.region_code JOIN regions r ON r.code = ${regionCode}
     WHERE c.parent_id = ${unitId} AND NOT (cr.path <@ r.path)
     ORDER BY c.name LIMIT ${sql.lit(BLOCKER_EXAMPLES)}`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function childUnits(db: Executor, unitId: string) {
  return db.selectFrom('units').select(['id', sql<string>`path::text`.as('path')]).where('parent_id', '=', unitId).orderBy('id').execute();
}

/** Moves the unit's open assignments, and the replies of them waiting for review, to the surviving unit. */
export async function moveOpenAssignments(db: Executor, unitId: string, intoId: string) {
  const moved = await db
    .updateTable('assignments')
    .set({ unit_id: intoId })
    .where('unit_id', '=', unitId)
    .where('status', 'in', OPEN_ASSIGNMENT_STATUSES as never)
    .returning(['id', 'message_id'])
    .execute();
  if (moved.length > 0) {
    await db
      .updateTable('replies')
      .set({ unit_id: intoId })
      .where('assignment_id', 'in', moved.map((a) => a.id))
      .where('status', '=', 'pending_review')
      .execute();
  }
  return moved;
}

export async function moveAccounts(db: Executor, unitId: string, intoId: string): Promise<number> {
  const r = await db.updateTable('accounts').set({ unit_id: intoId }).where('unit_id', '=', unitId).where('kind', '=', 'staff').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function moveBoards(db: Executor, unitId: string, intoId: string): Promise<number> {
  const r = await db.updateTable('boards').set({ unit_id: intoId }).where('unit_id', '=', unitId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function setMerged(db: Executor, unitId: string, intoId: string): Promise<void> {
  await db.updateTable('units').set({ retired_at: sql`now()` as never, merged_into_id: intoId }).where('id', '=', unitId).execute();
}

export async function messageRefs(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('messages').select(['id', 'number', 'title']).where('id', 'in', ids).orderBy('id').execute();
}
