/**
 * The unit's work on an assignment: contact with the citizen, the
 * co-handler's contribution, replies (published at once or after review),
 * extensions, internal notes.
 */
import { sql } from 'kysely';
import type { ContactMethod, ReplyReviewMode } from '../../../shared/handling.js';
import type { Database, Executor } from '../../db/database.js';
import { transaction } from '../../db/transaction.js';
import { DomainError, invalidField } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, isGlobal } from '../access/access.policy.js';
import { findMessage, insertEvent, staffSeesBoard, type MessageRow } from '../messages/messages.repository.js';
import { presentDetail, refreshSearch } from '../messages/messages.service.js';
import { transition } from '../messages/message-transition.js';
import { calendarForDeadlines } from '../calendar/calendar.service.js';
import { lockMessageInRegion, lockOwnAssignment, lockVisibleMessage, requireText, T } from './handling.common.js';
import { noticeReplyPublished, noticeToAccounts, noticeToUnits, roundAssigners } from './handling.notices.js';
import { actsForUnit, findAssignment, moveAssignment, policyFor, type AssignmentRow } from './handling.repository.js';
import { presentExtension, presentReplyRecord } from './handling.present.js';
import type { HandlingClass } from '../../../shared/handling.js';

/** The chain above an assignment (itself first). */
async function chainUp(tx: Executor, assignmentId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    WITH RECURSIVE up AS (SELECT id, parent_id FROM assignments WHERE id = ${assignmentId}
                          UNION ALL SELECT p.id, p.parent_id FROM assignments p JOIN up ON p.id = up.parent_id)
    SELECT id FROM up`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** The chain below an assignment (itself first). */
async function chainDown(tx: Executor, assignmentId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    WITH RECURSIVE down AS (SELECT id FROM assignments WHERE id = ${assignmentId}
                            UNION ALL SELECT c.id FROM assignments c JOIN down ON c.parent_id = down.id)
    SELECT id FROM down`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** First contact anywhere on the chain counts for the whole chain (the citizen was reached). */
async function markContacted(tx: Executor, assignmentId: string, at: Date): Promise<void> {
  const ids = await chainUp(tx, assignmentId);
  await tx.updateTable('assignments').set({ contacted_at: at }).where('id', 'in', ids).where('contacted_at', 'is', null).execute();
}

/** 联系网民: recorded on the assignment and the internal timeline. @throws not_found, assignment_state. */
export async function recordContact(db: Database, actor: Actor | null, assignmentId: string, input: { method: ContactMethod; summary: string; contactedAt?: string }, now = new Date()) {
  authorize(actor, 'assignment.handle');
  const summary = requireText('summary', input.summary, T.summary);
  const at = input.contactedAt ? new Date(input.contactedAt) : now;
  // A few minutes of clock skew, never the future.
  if (at.getTime() > now.getTime() + 5 * 60_000) throw invalidField('contactedAt', 'future', { 'zh-CN': '联系时间不能晚于现在', 'zh-TW': '聯繫時間不能晚於現在', en: 'the contact time cannot be in the future' });
  return transaction(db, async (tx) => {
    const { assignment: a, message: m } = await lockOwnAssignment(tx, actor, assignmentId);
    if (a.status !== 'signed') throw new DomainError('assignment_state');
    if (at < new Date(a.assigned_at)) throw invalidField('contactedAt', 'beforeAssignment', { 'zh-CN': '联系时间不能早于交办时间', 'zh-TW': '聯繫時間不能早於交辦時間', en: 'the contact time cannot be before the assignment' });
    await markContacted(tx, a.id, at);
    await insertEvent(tx, { messageId: m.id, kind: 'contacted', visibility: 'internal', actorId: actor.accountId, unitId: a.unit_id, body: summary, data: { assignmentId: Number(a.id), method: input.method, at: at.toISOString() } });
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

/** 协办意见: a co-handler's part, given to the lead unit; it ends the co-handler's assignment. @throws not_found, assignment_state. */
export async function contribute(db: Database, actor: Actor | null, assignmentId: string, input: { body: string }) {
  authorize(actor, 'assignment.handle');
  const body = requireText('body', input.body, T.note);
  return transaction(db, async (tx) => {
    const { assignment: a, message: m } = await lockOwnAssignment(tx, actor, assignmentId);
    if (a.role !== 'co') throw new DomainError('assignment_state');
    await moveAssignment(tx, a, 'complete', { replied_at: sql`now()` });
    await insertEvent(tx, { messageId: m.id, kind: 'contribution', visibility: 'internal', actorId: actor.accountId, unitId: a.unit_id, body, data: { assignmentId: Number(a.id) } });
    const leads = await tx.selectFrom('assignments').select('unit_id').where('message_id', '=', m.id).where('round', '=', a.round).where('role', '=', 'lead').where('status', 'in', ['pending', 'signed', 'passed_down']).execute();
    await noticeToUnits(tx, 'contribution', m, leads.map((l) => l.unit_id), { 'zh-CN': `协办单位提交了留言 ${m.number} 的办理意见`, 'zh-TW': `協辦單位提交了留言 ${m.number} 的辦理意見`, en: `A co-handling unit contributed to ${m.number}` });
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

/** The actor's signed lead assignment in the message's current round (the deepest, when a parent and a child are both the actor's). */
async function actorLeadAssignment(tx: Executor, actor: Actor, m: MessageRow): Promise<AssignmentRow | null> {
  // Locked in ascending id order, like every statement that locks several assignments; the deepest is the newest.
  const rows = await tx.selectFrom('assignments').selectAll().where('message_id', '=', m.id).where('round', '=', m.round).where('role', '=', 'lead').where('status', '=', 'signed').orderBy('id').forUpdate().execute();
  for (const row of rows.reverse()) if (await actsForUnit(tx, actor, row.unit_id)) return row;
  return null;
}

/**
 * Makes a reply public: the message moves (interim: stays 办理中; final: 已办理),
 * the reply joins the public timeline under the unit's name, the chain's
 * work is done (final) or contact is counted (interim), and the citizen hears.
 */
async function publishReply(tx: Executor, m: MessageRow, reply: { id: string; assignment_id: string; unit_id: string; author_id: string; kind: 'interim' | 'final'; body: string }, now: Date): Promise<void> {
  const final = reply.kind === 'final';
  await transition(tx, m, final ? 'reply_final' : 'reply_interim', {
    reply_count: sql`reply_count + 1` as never,
    first_reply_at: sql`coalesce(first_reply_at, now())` as never,
    last_reply_at: sql`now()` as never,
    activity_at: sql`now()` as never,
    ...(final ? { final_reply_at: sql`now()` as never } : {}),
  });
  await tx.updateTable('replies').set({ status: 'published', published_at: now }).where('id', '=', reply.id).execute();
  await insertEvent(tx, { messageId: m.id, kind: 'reply', visibility: 'public', actorId: reply.author_id, unitId: reply.unit_id, body: reply.body, data: { final, replyId: Number(reply.id) } });
  await markContacted(tx, reply.assignment_id, now);
  if (final) {
    const up = await chainUp(tx, reply.assignment_id);
    await tx.updateTable('assignments').set({ status: 'done', replied_at: now, finished_at: now }).where('id', 'in', up).where('status', 'in', ['signed', 'passed_down']).execute();
    // Whatever else is still open in the round (co-handlers who did not contribute) ends with the final reply.
    await tx.updateTable('assignments').set({ status: 'cancelled', finished_at: now }).where('message_id', '=', m.id).where('round', '=', m.round).where('status', 'in', ['pending', 'signed', 'passed_down']).execute();
  }
  await refreshSearch(tx, m.id, m.title, m.body);
  const unitName = (await tx.selectFrom('units').select('name').where('id', '=', reply.unit_id).executeTakeFirstOrThrow()).name;
  await noticeReplyPublished(tx, m, unitName, final);
}

/** The unit admins who act for a unit: of the unit itself or of a unit above it. */
async function unitAdminsOver(tx: Executor, unitId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT acc.id FROM accounts acc JOIN units au ON au.id = acc.unit_id, units u
    WHERE u.id = ${unitId} AND u.path <@ au.path AND acc.kind = 'staff' AND acc.status = 'active' AND 'unit_admin' = ANY(acc.roles)`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** Whether the actor's own approval is the review the unit requires. */
function actorIsReviewer(actor: Actor, mode: ReplyReviewMode): boolean {
  if (mode === 'none' || isGlobal(actor)) return true;
  return actor.roles.includes(mode);
}

/**
 * A reply by the unit holding the signed lead assignment: published at once,
 * or held for review when the unit requires it (unless the writer is the
 * reviewer). One final reply per round.
 * @throws forbidden, not_found, not_assigned, final_reply_exists, message_state, validation_failed.
 */
export async function submitReply(db: Database, actor: Actor | null, messageId: string, input: { body: string; final: boolean }, now = new Date()) {
  authorize(actor, 'message.reply');
  const body = requireText('body', input.body, T.reply);
  return transaction(db, async (tx) => {
    const m = await lockVisibleMessage(tx, actor, messageId);
    // Answered already (its chain's work is done): say so, not "no assignment".
    if (['replied', 'dissatisfied', 'closed'].includes(m.status)) throw new DomainError(input.final ? 'final_reply_exists' : 'message_state');
    const a = await actorLeadAssignment(tx, actor, m);
    if (!a) throw new DomainError('not_assigned');
    if (m.status !== 'handling') throw new DomainError('message_state');
    const kind = input.final ? 'final' : 'interim';
    if (input.final) {
      const existing = await tx.selectFrom('replies').select('id').where('message_id', '=', m.id).where('round', '=', m.round).where('kind', '=', 'final').where('status', 'in', ['pending_review', 'published']).executeTakeFirst();
      if (existing) throw new DomainError('final_reply_exists');
    }
    const unit = await tx.selectFrom('units').select(['reply_review', 'name']).where('id', '=', a.unit_id).executeTakeFirstOrThrow();
    const mode = unit.reply_review as ReplyReviewMode;
    const held = !actorIsReviewer(actor, mode);
    const inserted = await tx
      .insertInto('replies')
      .values({ message_id: m.id, round: m.round, assignment_id: a.id, unit_id: a.unit_id, author_id: actor.accountId, kind, body, status: held ? 'pending_review' : 'published', review_by: held ? (mode as 'unit_admin' | 'coordinator') : null, submitted_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const reply = { id: inserted.id, assignment_id: a.id, unit_id: a.unit_id, author_id: actor.accountId, kind: kind as 'interim' | 'final', body };
    if (held) {
      await insertEvent(tx, { messageId: m.id, kind: 'reply_submitted', visibility: 'internal', actorId: actor.accountId, unitId: a.unit_id, body, data: { replyId: Number(inserted.id), final: input.final, reviewBy: mode } });
      const title = { 'zh-CN': `${unit.name} 对留言 ${m.number} 的回复待审核`, 'zh-TW': `${unit.name} 對留言 ${m.number} 的回覆待審核`, en: `A reply of ${unit.name} to ${m.number} awaits review` };
      if (mode === 'coordinator') await noticeToAccounts(tx, 'review_requested', m, await roundAssigners(tx, m.id, m.round), title);
      else await noticeToAccounts(tx, 'review_requested', m, await unitAdminsOver(tx, a.unit_id), title);
    } else {
      await publishReply(tx, m, reply, now);
    }
    return presentReplyRecord(tx, inserted.id);
  });
}

/** May the actor review replies held for `mode` of this unit and message? */
async function mayReview(tx: Executor, actor: Actor, mode: string, unitId: string, m: MessageRow): Promise<boolean> {
  if (isGlobal(actor)) return true;
  if (mode === 'unit_admin') return actor.roles.includes('unit_admin') && (await actsForUnit(tx, actor, unitId));
  if (mode === 'coordinator') return actor.roles.includes('coordinator') && (await staffSeesBoard(tx, actor, m.board_id));
  return false;
}

/** 审核: approve (publish) or send back a held reply. @throws forbidden, not_found, review_state, message_state. */
export async function reviewReply(db: Database, actor: Actor | null, replyId: string, input: { approve: boolean; note?: string }, now = new Date()) {
  authorize(actor, 'reply.review');
  return transaction(db, async (tx) => {
    const peek = await tx.selectFrom('replies').select(['message_id']).where('id', '=', replyId).executeTakeFirst();
    if (!peek) throw new DomainError('not_found');
    const m = (await findMessage(tx, peek.message_id, true))!;
    const r = await tx.selectFrom('replies').selectAll().where('id', '=', replyId).forUpdate().executeTakeFirstOrThrow();
    if (!r.review_by || !(await mayReview(tx, actor, r.review_by, r.unit_id, m))) throw new DomainError('not_found');
    if (r.status !== 'pending_review') throw new DomainError('review_state');
    const note = input.note?.trim() || null;
    await tx.updateTable('replies').set({ reviewed_by: actor.accountId, reviewed_at: now, review_note: note }).where('id', '=', r.id).execute();
    if (input.approve) {
      const a = (await findAssignment(tx, r.assignment_id, true))!;
      if (a.status !== 'signed' || m.round !== r.round) throw new DomainError('message_state');
      await insertEvent(tx, { messageId: m.id, kind: 'reply_approved', visibility: 'internal', actorId: actor.accountId, unitId: actor.unitId, body: note, data: { replyId: Number(r.id) } });
      await publishReply(tx, m, { id: r.id, assignment_id: r.assignment_id, unit_id: r.unit_id, author_id: r.author_id, kind: r.kind, body: r.body }, now);
    } else {
      await tx.updateTable('replies').set({ status: 'rejected' }).where('id', '=', r.id).execute();
      await insertEvent(tx, { messageId: m.id, kind: 'reply_rejected', visibility: 'internal', actorId: actor.accountId, unitId: actor.unitId, body: note, data: { replyId: Number(r.id) } });
      await noticeToAccounts(tx, 'reply_rejected', m, [r.author_id], { 'zh-CN': `您对留言 ${m.number} 的回复未通过审核，请修改后重新提交`, 'zh-TW': `您對留言 ${m.number} 的回覆未通過審核，請修改後重新提交`, en: `Your reply to ${m.number} was sent back by the reviewer; please revise it` }, note ? { 'zh-CN': `审核意见：${note}`, 'zh-TW': `審核意見：${note}`, en: `Reviewer's note: ${note}` } : undefined);
    }
    return presentReplyRecord(tx, r.id);
  });
}

/** 延期申请: within the policy's maximum for the whole assignment. @throws not_found, assignment_state, extension_pending, extension_too_long. */
export async function requestExtension(db: Database, actor: Actor | null, assignmentId: string, input: { days: number; reason: string }) {
  authorize(actor, 'assignment.handle');
  const reason = requireText('reason', input.reason, T.reason);
  return transaction(db, async (tx) => {
    const { assignment: a, message: m } = await lockOwnAssignment(tx, actor, assignmentId);
    if (a.status !== 'signed' && a.status !== 'passed_down') throw new DomainError('assignment_state');
    const policy = await policyFor(tx, m.region_code, a.handling_class as HandlingClass);
    const left = policy.max_extension_days - a.extension_days;
    if (input.days > left) throw new DomainError('extension_too_long', { field: 'days', params: { days: Math.max(0, left) } });
    const pending = await tx.selectFrom('extension_requests').select('id').where('assignment_id', '=', a.id).where('status', '=', 'pending').executeTakeFirst();
    if (pending) throw new DomainError('extension_pending');
    const row = await tx.insertInto('extension_requests').values({ assignment_id: a.id, message_id: m.id, days: input.days, reason, status: 'pending', requested_by: actor.accountId }).returning('id').executeTakeFirstOrThrow();
    await insertEvent(tx, { messageId: m.id, kind: 'extension_requested', visibility: 'internal', actorId: actor.accountId, unitId: a.unit_id, body: reason, data: { assignmentId: Number(a.id), days: input.days, requestId: Number(row.id) } });
    await noticeToAccounts(tx, 'extension_requested', m, await roundAssigners(tx, m.id, m.round), { 'zh-CN': `留言 ${m.number} 申请延期${input.days}个工作日，请审批`, 'zh-TW': `留言 ${m.number} 申請延期${input.days}個工作日，請審批`, en: `An extension of ${input.days} working days is requested for ${m.number}` });
    return presentExtension(tx, row.id);
  });
}

/**
 * 延期审批 by the coordinator: approval moves the reply deadline of the
 * assignment's whole open round (its chain and the co-handlers beside it) by the working days.
 * @throws forbidden, not_found, extension_state, extension_too_long.
 */
export async function decideExtension(db: Database, actor: Actor | null, requestId: string, input: { approve: boolean; note?: string }, now = new Date()) {
  authorize(actor, 'message.supervise');
  return transaction(db, async (tx) => {
    // Step 0 of the lock order, before the message: an approval moves deadlines on the calendar (docs/decisions/0011).
    const calendar = await calendarForDeadlines(tx);
    const peek = await tx.selectFrom('extension_requests').select(['message_id']).where('id', '=', requestId).executeTakeFirst();
    if (!peek) throw new DomainError('not_found');
    const m = await lockMessageInRegion(tx, actor, peek.message_id);
    const req = await tx.selectFrom('extension_requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
    if (req.status !== 'pending') throw new DomainError('extension_state');
    const a = (await findAssignment(tx, req.assignment_id, true))!;
    // The work it was asked for has ended (replied, returned, a new round): nothing left to extend.
    if (input.approve && !['signed', 'passed_down', 'pending'].includes(a.status)) throw new DomainError('assignment_state');
    const note = input.note?.trim() || null;
    if (input.approve) {
      const policy = await policyFor(tx, m.region_code, a.handling_class as HandlingClass);
      const left = policy.max_extension_days - a.extension_days;
      if (req.days > left) throw new DomainError('extension_too_long', { field: 'days', params: { days: Math.max(0, left) } });
      const newDue = calendar.addWorkingDays(new Date(a.reply_due), req.days);
      // The whole open round moves: the chain above and below, and the co-handlers working beside it.
      await tx.updateTable('assignments').set({ reply_due: newDue, extension_days: sql`extension_days + ${req.days}` as never }).where('message_id', '=', a.message_id).where('round', '=', a.round).where('status', 'in', ['pending', 'signed', 'passed_down']).execute();
    }
    await tx.updateTable('extension_requests').set({ status: input.approve ? 'approved' : 'refused', decided_by: actor.accountId, decided_at: now, decision_note: note }).where('id', '=', req.id).execute();
    await insertEvent(tx, { messageId: m.id, kind: 'extension_decided', visibility: 'internal', actorId: actor.accountId, unitId: actor.unitId, body: note, data: { requestId: Number(req.id), approved: input.approve, days: req.days, assignmentId: Number(a.id) } });
    await noticeToUnits(tx, 'extension_decided', m, [a.unit_id], input.approve ? { 'zh-CN': `留言 ${m.number} 的延期申请已批准（${req.days}个工作日）`, 'zh-TW': `留言 ${m.number} 的延期申請已批准（${req.days}個工作日）`, en: `The extension for ${m.number} was approved (${req.days} working days)` } : { 'zh-CN': `留言 ${m.number} 的延期申请未获批准`, 'zh-TW': `留言 ${m.number} 的延期申請未獲批准`, en: `The extension for ${m.number} was refused` });
    return presentExtension(tx, req.id);
  });
}

/** 内部备注: staff only, never public. @throws forbidden, not_found. */
export async function addInternalNote(db: Database, actor: Actor | null, messageId: string, input: { body: string }) {
  authorize(actor, 'message.read_internal');
  const body = requireText('body', input.body, T.note);
  return transaction(db, async (tx) => {
    const m = await lockVisibleMessage(tx, actor, messageId);
    await insertEvent(tx, { messageId: m.id, kind: 'note', visibility: 'internal', actorId: actor.accountId, unitId: actor.unitId, body });
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}
