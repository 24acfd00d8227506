/**
 * 交办 and what follows it on the chain: the coordinator assigns a lead unit
 * and co-handlers; a unit signs (签收), returns (退回) or passes the work down
 * (链式交办); a badly rated message is reopened (重办) in a new round.
 */
import { sql } from 'kysely';
import { MAX_REOPENS } from '../../../shared/messages.js';
import type { HandlingClass } from '../../../shared/handling.js';
import type { Database, Executor } from '../../db/database.js';
import { transaction } from '../../db/transaction.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, isGlobal, unitVisibleSql } from '../access/access.policy.js';
import { insertEvent, type MessageRow } from '../messages/messages.repository.js';
import { presentDetail } from '../messages/messages.service.js';
import { transition } from '../messages/message-transition.js';
import { findMessage } from '../messages/messages.repository.js';
import { lockMessageInRegion, lockOwnAssignment, requireText, T } from './handling.common.js';
import { noticeAssigned, noticeReturned, noticeToUnits } from './handling.notices.js';
import { calendarForDeadlines } from '../calendar/calendar.service.js';
import { actsForUnit, cancelOpenAssignments, deadlinesFrom, findAssignment, moveAssignment, nextLetterSeq, policyFor, type AssignmentRow } from './handling.repository.js';

export interface AssignInput {
  leadUnitId: number;
  coUnitIds?: number[];
  handlingClass: HandlingClass;
  instructions?: string;
}

const DEFAULT_REQUIREMENTS = '请按照“首接首办、直转快办”要求，在规定时限内签收、联系留言网民并答复，办理结果按时反馈。';

function distinctUnits(input: { leadUnitId: number; coUnitIds?: number[] }): { lead: string; co: string[] } {
  const co = [...new Set((input.coUnitIds ?? []).map(String))];
  const lead = String(input.leadUnitId);
  if (co.includes(lead)) throw new DomainError('unit_not_assignable', { field: 'coUnitIds' });
  return { lead, co };
}

/**
 * Names of the units, in order; @throws unit_not_assignable (naming `field`) when one is missing or not
 * allowed by `allowed`, unit_retired when one is retired. FOR KEY SHARE: a unit being retired meanwhile
 * (units.lifecycle.service.ts, FOR UPDATE) either waits for this work and counts it, or retired first.
 */
async function checkUnits(tx: Executor, ids: string[], field: string, allowed: ReturnType<typeof sql<boolean>> | null): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  let q = tx.selectFrom('units').select(['units.id', 'units.name', 'units.retired_at']).where('units.id', 'in', ids);
  if (allowed) q = q.where(() => allowed as never);
  const rows = await q.forKeyShare().execute();
  if (rows.length !== ids.length) throw new DomainError('unit_not_assignable', { field });
  if (rows.some((r) => r.retired_at !== null)) throw new DomainError('unit_retired', { field });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The lead's and the co-handlers' names; a refusal names the field that holds the unit at fault. */
async function checkLeadAndCo(tx: Executor, units: { lead: string; co: string[] }, allowed: ReturnType<typeof sql<boolean>> | null): Promise<Map<string, string>> {
  const lead = await checkUnits(tx, [units.lead], 'leadUnitId', allowed);
  const co = await checkUnits(tx, units.co, 'coUnitIds', allowed);
  return new Map([...lead, ...co]);
}

async function insertAssignments(
  tx: Executor,
  m: MessageRow,
  round: number,
  units: { lead: string; co: string[] },
  by: { actor: Actor; parent: AssignmentRow | null },
  handlingClass: HandlingClass,
  instructions: string | null,
  now: Date,
): Promise<string[]> {
  const policy = await policyFor(tx, m.region_code, handlingClass);
  // The calendar cannot change under this transaction (its callers took the lock first; taking it
  // again is free), and the snapshot is the database's current one.
  await calendarForDeadlines(tx);
  const own = deadlinesFrom(now, policy);
  const parent = by.parent;
  // Passed down, the citizen's clock keeps running: the child keeps the parent's contact and reply deadlines.
  const dues = parent
    ? { sign_due: new Date(Math.min(own.sign_due.getTime(), new Date(parent.reply_due).getTime())), contact_due: parent.contact_due, reply_due: parent.reply_due }
    : own;
  const rows = [
    { unit_id: units.lead, role: 'lead' as const },
    ...units.co.map((unit_id) => ({ unit_id, role: 'co' as const })),
  ].map((u) => ({
    message_id: m.id,
    round,
    unit_id: u.unit_id,
    role: u.role,
    parent_id: parent?.id ?? null,
    assigned_by: by.actor.accountId,
    assigned_by_unit_id: parent?.unit_id ?? by.actor.unitId,
    handling_class: handlingClass,
    status: 'pending' as const,
    instructions,
    assigned_at: now,
    ...dues,
  }));
  try {
    const inserted = await tx.insertInto('assignments').values(rows).returning('id').execute();
    return inserted.map((r) => r.id);
  } catch (error) {
    // assignments_one_open_idx: the unit already holds open work on this message.
    if ((error as { code?: string }).code === '23505') throw new DomainError('unit_not_assignable', { field: 'leadUnitId' });
    throw error;
  }
}

async function issueAssignmentLetter(tx: Executor, actor: Actor, messageId: string, assignmentId: string, requirements: string, now: Date) {
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  const seq = await nextLetterSeq(tx, 'assignment', year);
  await tx.insertInto('letters').values({ message_id: messageId, assignment_id: assignmentId, kind: 'assignment', year, seq, requirements, issued_by: actor.accountId, issuer_unit_id: actor.unitId, issued_at: now }).execute();
}

/** 交办. @throws forbidden, not_found, message_state, unit_not_assignable. */
export async function assignMessage(db: Database, actor: Actor | null, id: string, input: AssignInput, now = new Date()) {
  authorize(actor, 'message.assign');
  const units = distinctUnits(input);
  const instructions = input.instructions?.trim() || null;
  return transaction(db, async (tx) => {
    await calendarForDeadlines(tx); // step 0 of the lock order: before the message (docs/decisions/0011)
    const m = await lockMessageInRegion(tx, actor, id);
    await transition(tx, m, 'assign', { handling_class: input.handlingClass, assigned_at: now });
    const names = await checkLeadAndCo(tx, units, unitVisibleSql(actor));
    const [leadId] = await insertAssignments(tx, m, m.round, units, { actor, parent: null }, input.handlingClass, instructions, now);
    await issueAssignmentLetter(tx, actor, m.id, leadId!, instructions ?? DEFAULT_REQUIREMENTS, now);
    await insertEvent(tx, {
      messageId: m.id,
      kind: 'assigned',
      visibility: 'public',
      actorId: actor.accountId,
      unitId: actor.unitId,
      body: instructions,
      data: { handlingClass: input.handlingClass, round: m.round, units: [units.lead, ...units.co].map((u) => ({ id: Number(u), name: names.get(u), role: u === units.lead ? 'lead' : 'co' })) },
    });
    await noticeAssigned(tx, m, [units.lead, ...units.co], false);
    return presentDetail(tx, actor, (await findMessage(tx, id))!, 'staff');
  });
}

/** 签收. The top lead unit signing moves the message to 办理中. @throws not_found, assignment_state. */
export async function signAssignment(db: Database, actor: Actor | null, assignmentId: string, now = new Date()) {
  authorize(actor, 'assignment.handle');
  return transaction(db, async (tx) => {
    const { assignment: a, message: m } = await lockOwnAssignment(tx, actor, assignmentId);
    await moveAssignment(tx, a, 'sign', { signed_at: now });
    if (a.parent_id === null && a.role === 'lead' && m.status === 'assigned') await transition(tx, m, 'sign');
    await insertEvent(tx, { messageId: m.id, kind: 'signed', visibility: 'public', actorId: actor.accountId, unitId: a.unit_id, data: { assignmentId: Number(a.id), role: a.role } });
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

/**
 * 退回: a misrouted assignment goes back to whoever assigned it: the parent
 * unit takes the work back, or, at the top, the message returns to the
 * coordinator's queue. Not after this unit replied.
 * @throws not_found, assignment_state, validation_failed.
 */
export async function returnAssignment(db: Database, actor: Actor | null, assignmentId: string, input: { reason: string }) {
  authorize(actor, 'assignment.handle');
  const reason = requireText('reason', input.reason, T.reason);
  return transaction(db, async (tx) => {
    const { assignment: a, message: m } = await lockOwnAssignment(tx, actor, assignmentId);
    const replied = await tx.selectFrom('replies').select('id').where('assignment_id', '=', a.id).where('status', 'in', ['published', 'pending_review']).executeTakeFirst();
    if (replied) throw new DomainError('assignment_state');
    await moveAssignment(tx, a, 'return', { returned_at: sql`now()`, return_reason: reason });
    const unitName = (await tx.selectFrom('units').select('name').where('id', '=', a.unit_id).executeTakeFirstOrThrow()).name;
    if (a.parent_id !== null) {
      const parent = (await findAssignment(tx, a.parent_id, true))!;
      if (a.role === 'lead' && parent.status === 'passed_down') {
        await moveAssignment(tx, parent, 'take_back');
        // The lead child's co-handlers worked for it; with the lead gone, so is their part.
        await tx.updateTable('assignments').set({ status: 'cancelled', finished_at: sql`now()` as never }).where('parent_id', '=', parent.id).where('role', '=', 'co').where('status', 'in', ['pending', 'signed', 'passed_down']).execute();
      }
      await noticeReturned(tx, m, { unitIds: [parent.unit_id] }, unitName, reason);
    } else if (a.role === 'lead') {
      await cancelOpenAssignments(tx, m.id, m.round);
      await transition(tx, m, 'return_to_coordinator');
      if (a.assigned_by) await noticeReturned(tx, m, { accountIds: [a.assigned_by] }, unitName, reason);
    } else if (a.assigned_by) {
      await noticeReturned(tx, m, { accountIds: [a.assigned_by] }, unitName, reason);
    }
    // Public as a step (the chain on the public page drops the unit), the reason staff only.
    await insertEvent(tx, { messageId: m.id, kind: 'returned', visibility: 'public', actorId: actor.accountId, unitId: a.unit_id, body: reason, data: { assignmentId: Number(a.id), role: a.role } });
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

/**
 * A condition on `units` rows: the units an assignment may be passed down to —
 * in the passing unit's subtree or its region's subtree, and not already on the chain.
 */
async function belowOnChain(tx: Executor, a: AssignmentRow) {
  const chain = await sql<{ unit_id: string }>`
    WITH RECURSIVE up AS (SELECT id, parent_id, unit_id FROM assignments WHERE id = ${a.id}
                          UNION ALL SELECT p.id, p.parent_id, p.unit_id FROM assignments p JOIN up ON p.id = up.parent_id)
    SELECT unit_id FROM up`.execute(tx);
  const onChain = chain.rows.map((r) => r.unit_id);
  return sql<boolean>`(units.id NOT IN (${sql.join(onChain)}) AND EXISTS (
    SELECT 1 FROM units passer JOIN regions pr ON pr.code = passer.region_code JOIN regions ur ON ur.code = units.region_code
    WHERE passer.id = ${a.unit_id} AND (units.path <@ passer.path OR ur.path <@ pr.path)))`;
}

/** For the unit picker: the condition on `units` of where the actor may pass this assignment down. @throws not_found. */
export async function passDownTargetsCondition(db: Executor, actor: Actor, assignmentId: string) {
  const a = await findAssignment(db, assignmentId);
  if (!a || !(await actsForUnit(db, actor, a.unit_id))) throw new DomainError('not_found', { field: 'passDownFrom', status: 404 });
  return belowOnChain(db, a);
}

/**
 * 链式交办: a signed lead unit passes the work to units below it — in its own
 * unit subtree or in its region's subtree (a city office to a district bureau
 * and a street office) — and waits for them. @throws not_found, assignment_state, unit_not_assignable.
 */
export async function passDownAssignment(db: Database, actor: Actor | null, assignmentId: string, input: { leadUnitId: number; coUnitIds?: number[]; instructions?: string }, now = new Date()) {
  authorize(actor, 'assignment.handle');
  const units = distinctUnits(input);
  const instructions = input.instructions?.trim() || null;
  return transaction(db, async (tx) => {
    await calendarForDeadlines(tx); // step 0 of the lock order: before the message (docs/decisions/0011)
    const { assignment: a, message: m } = await lockOwnAssignment(tx, actor, assignmentId);
    if (a.role !== 'lead') throw new DomainError('assignment_state');
    // A reply of this unit waiting for review would be stranded: the work would be with the child.
    const held = await tx.selectFrom('replies').select('id').where('assignment_id', '=', a.id).where('status', '=', 'pending_review').executeTakeFirst();
    if (held) throw new DomainError('assignment_state');
    await moveAssignment(tx, a, 'pass_down');
    const names = await checkLeadAndCo(tx, units, await belowOnChain(tx, a));
    await insertAssignments(tx, m, a.round, units, { actor, parent: a }, a.handling_class as HandlingClass, instructions, now);
    await insertEvent(tx, {
      messageId: m.id,
      kind: 'passed_down',
      visibility: 'public',
      actorId: actor.accountId,
      unitId: a.unit_id,
      body: instructions,
      data: { assignmentId: Number(a.id), units: [units.lead, ...units.co].map((u) => ({ id: Number(u), name: names.get(u), role: u === units.lead ? 'lead' : 'co' })) },
    });
    await noticeAssigned(tx, m, [units.lead, ...units.co], true);
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

/**
 * 重办: after 不满意, the coordinator starts a new round (at most MAX_REOPENS)
 * with fresh deadlines, by default with the unit that gave the last final reply.
 * The old rating stays in the timeline; the citizen rates the new reply.
 * @throws forbidden, not_found, message_state, reopen_limit, unit_not_assignable.
 */
export async function reopenMessage(db: Database, actor: Actor | null, id: string, input: { reason: string; leadUnitId?: number; coUnitIds?: number[]; handlingClass?: HandlingClass }, now = new Date()) {
  authorize(actor, 'message.supervise');
  const reason = requireText('reason', input.reason, T.reason);
  return transaction(db, async (tx) => {
    await calendarForDeadlines(tx); // step 0 of the lock order: before the message (docs/decisions/0011)
    const m = await lockMessageInRegion(tx, actor, id);
    if (m.status !== 'dissatisfied') throw new DomainError('message_state');
    if (m.round >= MAX_REOPENS) throw new DomainError('reopen_limit', { params: { max: MAX_REOPENS } });
    let leadUnitId = input.leadUnitId === undefined ? null : String(input.leadUnitId);
    if (leadUnitId === null) {
      const last = await tx.selectFrom('replies').select('unit_id').where('message_id', '=', m.id).where('kind', '=', 'final').where('status', '=', 'published').orderBy('id', 'desc').executeTakeFirst();
      leadUnitId = last?.unit_id ?? null;
    }
    if (leadUnitId === null) throw new DomainError('unit_not_assignable', { field: 'leadUnitId' });
    const units = distinctUnits({ leadUnitId: Number(leadUnitId), coUnitIds: input.coUnitIds });
    const round = m.round + 1;
    const handlingClass = input.handlingClass ?? ((m.handling_class ?? 'timely') as HandlingClass);
    await transition(tx, m, 'reopen', { round, handling_class: handlingClass, final_reply_at: null, closed_at: null, close_reason: null });
    const names = await checkLeadAndCo(tx, units, isGlobal(actor) ? null : unitVisibleSql(actor));
    await cancelOpenAssignments(tx, m.id, m.round);
    const [leadId] = await insertAssignments(tx, m, round, units, { actor, parent: null }, handlingClass, reason, now);
    await issueAssignmentLetter(tx, actor, m.id, leadId!, reason, now);
    // The new final reply is rated afresh; the earlier rating remains in the timeline's events.
    await tx.deleteFrom('message_ratings').where('message_id', '=', m.id).execute();
    await insertEvent(tx, {
      messageId: m.id,
      kind: 'reopened',
      visibility: 'public',
      actorId: actor.accountId,
      unitId: actor.unitId,
      body: reason,
      data: { round, handlingClass, units: [units.lead, ...units.co].map((u) => ({ id: Number(u), name: names.get(u), role: u === units.lead ? 'lead' : 'co' })) },
    });
    await noticeToUnits(tx, 'reopened', m, [units.lead, ...units.co], { 'zh-CN': `留言 ${m.number} 网民不满意，已重办，请重新签收办理`, 'zh-TW': `留言 ${m.number} 網民不滿意，已重辦，請重新簽收辦理`, en: `Message ${m.number} was rated dissatisfied and reopened; please sign and handle it again` });
    return presentDetail(tx, actor, (await findMessage(tx, id))!, 'staff');
  });
}
