/** SQL of the handling module: assignments, policies, replies, extensions, letters. */
import { sql, type Selectable } from 'kysely';
import { ASSIGNMENT_TRANSITIONS, canAssignmentTransition, OPEN_ASSIGNMENT_STATUSES, type AssignmentAction, type AssignmentStatus, type HandlingClass } from '../../../shared/handling.js';
import type { Executor } from '../../db/database.js';
import type { AssignmentsTable } from '../../db/schema.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { isGlobal } from '../access/access.policy.js';
import { addWorkingDays } from '../calendar/working-days.js';

export type AssignmentRow = Selectable<AssignmentsTable>;

export interface Policy {
  sign_days: number;
  contact_days: number;
  reply_days: number;
  max_extension_days: number;
}

/** The policy of the nearest region (the message's region, then its ancestors, then 000000) for the class. */
export async function policyFor(db: Executor, regionCode: string, handlingClass: HandlingClass): Promise<Policy> {
  const row = await sql<Policy>`
    SELECT p.sign_days, p.contact_days, p.reply_days, p.max_extension_days
    FROM deadline_policies p
    LEFT JOIN regions pr ON pr.code = p.region_code
    WHERE p.handling_class = ${handlingClass}
      AND (p.region_code = '000000' OR pr.path @> (SELECT path FROM regions WHERE code = ${regionCode}))
    ORDER BY coalesce(nlevel(pr.path), 0) DESC, (p.region_code = '000000')
    LIMIT 1`.execute(db);
  if (!row.rows[0]) throw new Error(`no deadline policy for ${handlingClass}`);
  return row.rows[0];
}

export function deadlinesFrom(now: Date, policy: Policy) {
  return { sign_due: addWorkingDays(now, policy.sign_days), contact_due: addWorkingDays(now, policy.contact_days), reply_due: addWorkingDays(now, policy.reply_days) };
}

export async function findAssignment(db: Executor, id: string, forUpdate = false): Promise<AssignmentRow | undefined> {
  let q = db.selectFrom('assignments').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * A message's assignments with their units' names as they were (unit_names): the handling unit's when its part
 * ended (today's while open), the assigner's when it assigned; with `namesAt` (a letter), every name at that moment.
 */
export async function assignmentsOf(db: Executor, messageId: string, namesAt: Date | null = null) {
  const at = namesAt ? sql`${namesAt}::timestamptz` : sql`coalesce(assignments.finished_at, assignments.returned_at)`;
  return db
    .selectFrom('assignments')
    .innerJoin('units', 'units.id', 'assignments.unit_id')
    .leftJoin('units as by_unit', 'by_unit.id', 'assignments.assigned_by_unit_id')
    .selectAll('assignments')
    .select([
      sql<string>`coalesce(unit_name_at(units.id, ${at}), units.name)`.as('unit_name'),
      sql<string>`units.path::text`.as('unit_path'),
      sql<string | null>`coalesce(unit_name_at(by_unit.id, ${namesAt ? at : sql`assignments.assigned_at`}), by_unit.name)`.as('assigned_by_unit_name'),
    ])
    .where('assignments.message_id', '=', messageId)
    .orderBy('assignments.id')
    .execute();
}

export type AssignmentWithUnit = Awaited<ReturnType<typeof assignmentsOf>>[number];

/** Moves an assignment along its machine (src/shared/handling.ts). @throws assignment_state. */
export async function moveAssignment(db: Executor, row: AssignmentRow, action: AssignmentAction, patch: Partial<Record<keyof AssignmentRow, unknown>> = {}): Promise<void> {
  if (!canAssignmentTransition(row.status as AssignmentStatus, action)) throw new DomainError('assignment_state');
  const to = ASSIGNMENT_TRANSITIONS[action].to;
  const finished = to === 'done' || to === 'cancelled' || to === 'returned' ? { finished_at: sql`now()` } : {};
  await db
    .updateTable('assignments')
    .set({ ...finished, ...(patch as object), status: to } as never)
    .where('id', '=', row.id)
    .execute();
  row.status = to;
}

/** Cancels every open assignment of the message's round (reassignment, 重办). */
export async function cancelOpenAssignments(db: Executor, messageId: string, round: number, exceptIds: string[] = []): Promise<void> {
  let q = db
    .updateTable('assignments')
    .set({ status: 'cancelled', finished_at: sql`now()` as never })
    .where('message_id', '=', messageId)
    .where('round', '=', round)
    .where('status', 'in', OPEN_ASSIGNMENT_STATUSES as AssignmentStatus[]);
  if (exceptIds.length > 0) q = q.where('id', 'not in', exceptIds);
  await q.execute();
}

/** True when the assignment's unit is the actor's unit or below it (unit subtree scope); everything for platform admins. */
export async function actsForUnit(db: Executor, actor: Actor, unitId: string): Promise<boolean> {
  if (isGlobal(actor)) return true;
  if (!actor.unitPath) return false;
  const row = await sql<{ ok: boolean }>`SELECT path <@ ${actor.unitPath}::ltree AS ok FROM units WHERE id = ${unitId}`.execute(db);
  return row.rows[0]?.ok === true;
}

/** True when some assignment of the message (any round) went to the actor's unit subtree. */
export async function assignedToActor(db: Executor, actor: Actor, messageId: string): Promise<boolean> {
  if (!actor.unitPath) return false;
  const row = await sql<{ ok: boolean }>`
    SELECT EXISTS (SELECT 1 FROM assignments a JOIN units u ON u.id = a.unit_id
                   WHERE a.message_id = ${messageId} AND u.path <@ ${actor.unitPath}::ltree) AS ok`.execute(db);
  return row.rows[0]?.ok === true;
}

/** Next number of a letter kind in a year: 民声交办〔2026〕第000123号. */
export async function nextLetterSeq(db: Executor, kind: 'assignment' | 'supervision', year: number): Promise<number> {
  // Serialise numbering per kind and year inside the transaction.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`letter:${kind}:${year}`}))`.execute(db);
  const row = await db.selectFrom('letters').select(sql<number>`coalesce(max(seq), 0)::int + 1`.as('next')).where('kind', '=', kind).where('year', '=', year).executeTakeFirstOrThrow();
  return row.next;
}

/** The accounts of a unit's staff (for notifications). */
export async function unitAccountIds(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db.selectFrom('accounts').select('id').where('unit_id', '=', unitId).where('kind', '=', 'staff').where('status', '=', 'active').execute();
  return rows.map((r) => r.id);
}
