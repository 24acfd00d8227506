/**
 * The coordinator's and the leader's hand on a message: 催办, 督办 (with its
 * letter), 批示, the leader's list, closing a badly rated message with an
 * explanation, and 回访 (callback visits).
 */
import { OPEN_STATUSES, RATING_GRADES, type MessageStatus, type RatingGrade } from '../../../shared/messages.js';
import type { Database, Executor } from '../../db/database.js';
import { transaction } from '../../db/transaction.js';
import { DomainError, invalidField } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize } from '../access/access.policy.js';
import { findMessage, insertEvent, type MessageRow } from '../messages/messages.repository.js';
import { presentDetail } from '../messages/messages.service.js';
import { transition } from '../messages/message-transition.js';
import { lockMessageInRegion, requireText, T } from './handling.common.js';
import { noticeToAccounts, noticeToUnits, roundAssigners } from './handling.notices.js';
import { nextLetterSeq } from './handling.repository.js';

async function openUnits(tx: Executor, m: MessageRow, assignmentId?: number): Promise<{ id: string; unit_id: string }[]> {
  let q = tx.selectFrom('assignments').select(['id', 'unit_id']).where('message_id', '=', m.id).where('round', '=', m.round).where('status', 'in', ['pending', 'signed', 'passed_down']);
  if (assignmentId !== undefined) q = q.where('id', '=', String(assignmentId));
  return q.execute();
}

/** 催办: every open unit of the round (or one assignment) is notified. @throws forbidden, not_found, message_state. */
export async function urgeMessage(db: Database, actor: Actor | null, id: string, input: { body?: string; assignmentId?: number }) {
  authorize(actor, 'message.supervise');
  const body = input.body?.trim() || null;
  return transaction(db, async (tx) => {
    const m = await lockMessageInRegion(tx, actor, id);
    const open = await openUnits(tx, m, input.assignmentId);
    if (open.length === 0) throw input.assignmentId === undefined ? new DomainError('message_state') : new DomainError('not_found', { field: 'assignmentId' });
    await insertEvent(tx, { messageId: m.id, kind: 'urged', visibility: 'internal', actorId: actor.accountId, unitId: actor.unitId, body, data: { assignmentIds: open.map((o) => Number(o.id)) } });
    await noticeToUnits(tx, 'urged', m, open.map((o) => o.unit_id), { 'zh-CN': `催办：请加快办理留言 ${m.number}「${m.title}」`, 'zh-TW': `催辦：請加快辦理留言 ${m.number}「${m.title}」`, en: `Urged: please speed up ${m.number} "${m.title}"` }, body ? { 'zh-CN': body, 'zh-TW': body, en: body } : undefined);
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

/** 督办 on a message: it joins the supervision list and a numbered 督办函 is issued. Also used by the timers (actor null). */
export async function openSupervision(tx: Executor, m: MessageRow, by: { accountId: string | null; unitId: string | null }, requirements: string, now: Date, auto: boolean): Promise<void> {
  const first = m.supervised_at === null;
  if (first) await tx.updateTable('messages').set({ supervised_at: now }).where('id', '=', m.id).execute();
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  const seq = await nextLetterSeq(tx, 'supervision', year);
  // The round's top lead assignment: the letter shows the chain from it down to whoever holds the work now.
  const lead = await tx.selectFrom('assignments').select('id').where('message_id', '=', m.id).where('round', '=', m.round).where('role', '=', 'lead').where('parent_id', 'is', null).orderBy('id', 'desc').executeTakeFirst();
  await tx.insertInto('letters').values({ message_id: m.id, assignment_id: lead?.id ?? null, kind: 'supervision', year, seq, requirements, issued_by: by.accountId, issuer_unit_id: by.unitId, issued_at: now }).execute();
  await insertEvent(tx, { messageId: m.id, kind: 'supervised', visibility: 'internal', actorId: by.accountId, unitId: by.unitId, body: requirements, data: { auto, letter: { year, seq } } });
  const open = await openUnits(tx, m);
  await noticeToUnits(tx, 'supervised', m, open.map((o) => o.unit_id), { 'zh-CN': `督办：留言 ${m.number}「${m.title}」已列入督办，请按督办函要求办理`, 'zh-TW': `督辦：留言 ${m.number}「${m.title}」已列入督辦，請按督辦函要求辦理`, en: `Supervision: ${m.number} "${m.title}" is under formal supervision; follow the letter's requirements` });
}

/** @throws forbidden, not_found, message_state, validation_failed. */
export async function superviseMessage(db: Database, actor: Actor | null, id: string, input: { requirements: string }, now = new Date()) {
  authorize(actor, 'message.supervise');
  const requirements = requireText('requirements', input.requirements, T.requirements);
  return transaction(db, async (tx) => {
    const m = await lockMessageInRegion(tx, actor, id);
    if (!OPEN_STATUSES.includes(m.status as MessageStatus)) throw new DomainError('message_state');
    await openSupervision(tx, m, { accountId: actor.accountId, unitId: actor.unitId }, requirements, now, false);
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

/** 批示: the leader's instruction, on the internal timeline and to every unit on the round's chain. @throws forbidden, not_found. */
export async function instructOnMessage(db: Database, actor: Actor | null, id: string, input: { body: string }) {
  authorize(actor, 'message.instruct');
  const body = requireText('body', input.body, T.note);
  return transaction(db, async (tx) => {
    const m = await lockMessageInRegion(tx, actor, id);
    await insertEvent(tx, { messageId: m.id, kind: 'instruction', visibility: 'internal', actorId: actor.accountId, unitId: actor.unitId, body });
    const chain = await tx.selectFrom('assignments').select('unit_id').distinct().where('message_id', '=', m.id).where('round', '=', m.round).where('status', 'not in', ['cancelled', 'returned']).execute();
    const title = { 'zh-CN': `领导对留言 ${m.number}「${m.title}」作出批示`, 'zh-TW': `領導對留言 ${m.number}「${m.title}」作出批示`, en: `A leader wrote an instruction on ${m.number} "${m.title}"` };
    const text = { 'zh-CN': body, 'zh-TW': body, en: body };
    await noticeToUnits(tx, 'instruction', m, chain.map((c) => c.unit_id), title, text);
    await noticeToAccounts(tx, 'instruction', m, await roundAssigners(tx, m.id, m.round), title, text);
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

/** Puts a message on (or takes it off) the leader's list. @throws forbidden, not_found. */
export async function setLeaderAttention(db: Database, actor: Actor | null, id: string, input: { attention: boolean; note?: string }) {
  authorize(actor, 'message.supervise');
  return transaction(db, async (tx) => {
    const m = await lockMessageInRegion(tx, actor, id);
    await tx.updateTable('messages').set({ leader_attention: input.attention }).where('id', '=', m.id).execute();
    await insertEvent(tx, { messageId: m.id, kind: input.attention ? 'leader_flagged' : 'leader_unflagged', visibility: 'internal', actorId: actor.accountId, unitId: actor.unitId, body: input.note?.trim() || null });
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

/** 说明办结: the coordinator closes a badly rated message, explaining why to the citizen. @throws forbidden, not_found, message_state. */
export async function closeWithExplanation(db: Database, actor: Actor | null, id: string, input: { explanation: string }, now = new Date()) {
  authorize(actor, 'message.supervise');
  const explanation = requireText('explanation', input.explanation, T.explanation);
  return transaction(db, async (tx) => {
    const m = await lockMessageInRegion(tx, actor, id);
    await transition(tx, m, 'close_explained', { closed_at: now, close_reason: 'explained' });
    await insertEvent(tx, { messageId: m.id, kind: 'closed', visibility: 'public', actorId: actor.accountId, unitId: actor.unitId, body: explanation, data: { by: 'coordinator' } });
    await noticeToAccounts(tx, 'closed', m, [m.author_id], { 'zh-CN': `您的留言「${m.title}」已办结，请查看办结说明`, 'zh-TW': `您的留言「${m.title}」已辦結，請查看辦結說明`, en: `Your message "${m.title}" was closed; see the explanation` });
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

export interface CallbackInput {
  visitedOn: string;
  method: 'phone' | 'visit' | 'sms' | 'other';
  outcome: string;
  satisfaction: RatingGrade;
}

/** 回访: a record of a callback visit, on any accepted message. @throws forbidden, not_found, message_state, validation_failed. */
export async function recordCallback(db: Database, actor: Actor | null, id: string, input: CallbackInput) {
  authorize(actor, 'message.supervise');
  const outcome = requireText('outcome', input.outcome, T.outcome);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  if (input.visitedOn > today) throw invalidField('visitedOn', 'future', { 'zh-CN': '回访日期不能晚于今天', 'zh-TW': '回訪日期不能晚於今天', en: 'the visit date cannot be in the future' });
  if (!RATING_GRADES.includes(input.satisfaction)) throw new DomainError('validation_failed', { field: 'satisfaction' });
  return transaction(db, async (tx) => {
    const m = await lockMessageInRegion(tx, actor, id);
    if (['submitted', 'rejected', 'withdrawn'].includes(m.status)) throw new DomainError('message_state');
    await insertEvent(tx, { messageId: m.id, kind: 'callback', visibility: 'internal', actorId: actor.accountId, unitId: actor.unitId, body: outcome, data: { visitedOn: input.visitedOn, method: input.method, satisfaction: input.satisfaction } });
    return presentDetail(tx, actor, (await findMessage(tx, m.id))!, 'staff');
  });
}

