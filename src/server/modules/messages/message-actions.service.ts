/**
 * What citizens and coordinators do to a message around handling: screening,
 * withdrawal, follow-ups, ratings. Assignment, replies and supervision are in
 * the handling module.
 */
import { sql } from 'kysely';
import { canTransition, FOLLOW_UP_STATUSES, gradeOf, type MessageStatus, type RejectReason } from '../../../shared/messages.js';
import type { Database } from '../../db/database.js';
import { transaction } from '../../db/transaction.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, requireActor } from '../access/access.policy.js';
import { hitRateLimit } from '../access/rate-limit.js';
import { canChangeRating, presentTimelineEntry } from './messages.present.js';
import { findMessage, findRating, insertEvent, listTimeline, staffSeesBoard, type MessageRow } from './messages.repository.js';
import { presentDetail, refreshSearch } from './messages.service.js';
import { transition } from './message-transition.js';
import { onDissatisfied } from '../handling/handling.notices.js';
import { noticeRejected } from './messages.notices.js';

/** Loads a message for a change, locked. @throws not_found when missing or not visible to the staff actor. */
async function lockForStaff(tx: Parameters<typeof findMessage>[0], actor: Actor, id: string): Promise<MessageRow> {
  const row = await findMessage(tx, id, true);
  if (!row || !(await staffSeesBoard(tx, actor, row.board_id))) throw new DomainError('not_found');
  return row;
}

/** Loads the actor's own message, locked. @throws not_found for anyone else's (its existence is not revealed). */
async function lockOwn(tx: Parameters<typeof findMessage>[0], actor: Actor, id: string): Promise<MessageRow> {
  const row = await findMessage(tx, id, true);
  if (!row || row.author_id !== actor.accountId) {
    // Someone else's message they can see publicly: refuse plainly rather than pretend it is not there.
    if (row?.listed) throw new DomainError('forbidden');
    throw new DomainError('not_found');
  }
  return row;
}

export type ScreeningDecision = { decision: 'accept' } | { decision: 'reject'; reason: RejectReason; note?: string };

/** 受理审核. @throws forbidden, not_found, message_state. */
export async function screenMessage(db: Database, actor: Actor | null, id: string, input: ScreeningDecision) {
  authorize(actor, 'message.screen');
  return transaction(db, async (tx) => {
    const row = await lockForStaff(tx, actor, id);
    if (input.decision === 'accept') {
      await transition(tx, row, 'accept', { accepted_at: sql`now()` as never, activity_at: sql`now()` as never });
      await insertEvent(tx, { messageId: row.id, kind: 'accepted', visibility: 'public', actorId: actor.accountId, unitId: actor.unitId });
      await refreshSearch(tx, row.id, row.title, row.body);
    } else {
      const note = input.note?.trim() || null;
      await transition(tx, row, 'reject', { reject_reason: input.reason });
      await insertEvent(tx, { messageId: row.id, kind: 'rejected', visibility: 'author', actorId: actor.accountId, unitId: actor.unitId, body: note, data: { reason: input.reason } });
      await noticeRejected(tx, row, input.reason, note);
    }
    return presentDetail(tx, actor, (await findMessage(tx, id))!, 'staff');
  });
}

/** The author takes back a message not yet screened. @throws not_found, message_state. */
export async function withdrawMessage(db: Database, actor: Actor | null, id: string) {
  requireActor(actor);
  return transaction(db, async (tx) => {
    const row = await lockOwn(tx, actor, id);
    await transition(tx, row, 'withdraw');
    await insertEvent(tx, { messageId: row.id, kind: 'withdrawn', visibility: 'author', actorId: actor.accountId });
    return presentDetail(tx, actor, (await findMessage(tx, id))!, 'author');
  });
}

/**
 * 追问: the author adds to the thread of an accepted message, also a thank-you after it closed. It does not move
 * the message up in "latest reply" order: that order is the government's answers.
 * @throws not_found, forbidden, message_state.
 */
export async function addFollowUp(db: Database, actor: Actor | null, id: string, input: { body: string }) {
  requireActor(actor);
  const body = input.body.trim();
  if (body.length === 0) throw new DomainError('validation_failed', { field: 'body', errors: [{ field: 'body', code: 'minLength', message: { 'zh-CN': '追问内容不能为空', 'zh-TW': '追問內容不能為空', en: 'the follow-up must not be empty' } }] });
  return transaction(db, async (tx) => {
    const row = await lockOwn(tx, actor, id);
    if (!FOLLOW_UP_STATUSES.includes(row.status as MessageStatus)) throw new DomainError('message_state');
    await hitRateLimit(tx, { key: `follow-up:account:${actor.accountId}`, limit: 30, windowSeconds: 3600 });
    const eventId = await insertEvent(tx, { messageId: row.id, kind: 'follow_up', visibility: 'public', actorId: actor.accountId, body });
    const [entry] = (await listTimeline(tx, row.id, ['public'])).filter((e) => e.id === eventId);
    return presentTimelineEntry({ ...entry!, data: entry!.data as Record<string, unknown> }, 'author');
  });
}

export interface RatingInput {
  resolution: number;
  attitude: number;
  speed: number;
  comment?: string;
}

/**
 * The author rates the final reply: once, and may change it once within 7
 * days. 满意 and 基本满意 close the message, also when a 不满意 is changed to
 * one of them; 不满意 leaves it for the coordinator (the handling module's queue).
 * @throws not_found, forbidden, message_state, rating_locked.
 */
export async function rateMessage(db: Database, actor: Actor | null, id: string, input: RatingInput) {
  requireActor(actor);
  return transaction(db, async (tx) => {
    const row = await lockOwn(tx, actor, id);
    if (row.final_reply_at === null || !['replied', 'dissatisfied', 'closed'].includes(row.status)) throw new DomainError('message_state');
    const grade = gradeOf(input);
    const comment = input.comment?.trim() || null;
    const existing = await findRating(tx, row.id);
    // Closed as 未评价 (no rating within the days allowed): too late for a first rating.
    if (!existing && row.status === 'closed' && row.close_reason === 'unrated') throw new DomainError('rating_locked');
    if (!existing) {
      await tx.insertInto('message_ratings').values({ message_id: row.id, resolution: input.resolution, attitude: input.attitude, speed: input.speed, grade, comment, rated_at: sql`now()` as never }).execute();
      await insertEvent(tx, { messageId: row.id, kind: 'rated', visibility: 'public', actorId: actor.accountId, body: comment, data: { grade, resolution: input.resolution, attitude: input.attitude, speed: input.speed } });
    } else {
      if (!canChangeRating(existing)) throw new DomainError('rating_locked');
      await tx
        .updateTable('message_ratings')
        .set({ resolution: input.resolution, attitude: input.attitude, speed: input.speed, grade, comment, changed_at: sql`now()` as never, change_count: existing.change_count + 1 })
        .where('message_id', '=', row.id)
        .execute();
      await insertEvent(tx, { messageId: row.id, kind: 'rating_changed', visibility: 'public', actorId: actor.accountId, body: comment, data: { grade, previous: existing.grade } });
    }
    // A first rating or a changed one: 满意 closes a message still open (不满意 changed to 满意 too);
    // 不满意 sends it to the coordinator's queue (src/shared/messages.ts: rate_dissatisfied).
    const satisfied = grade !== 'dissatisfied' && grade !== 'very_dissatisfied';
    if (satisfied && canTransition(row.status as MessageStatus, 'rate_satisfied')) {
      await transition(tx, row, 'rate_satisfied', { closed_at: sql`now()` as never, close_reason: 'rated' });
      await insertEvent(tx, { messageId: row.id, kind: 'closed', visibility: 'public', actorId: null, data: { by: 'rating' } });
    } else if (!satisfied && (row.status === 'replied' || (row.status === 'closed' && row.close_reason === 'rated')) && canTransition(row.status as MessageStatus, 'rate_dissatisfied')) {
      // Back to the coordinator only from a reply or a closing the rating itself caused; a closing the coordinator explained stays.
      await transition(tx, row, 'rate_dissatisfied', { closed_at: null, close_reason: null });
      await onDissatisfied(tx, row, grade, comment);
    }
    return presentDetail(tx, actor, (await findMessage(tx, id))!, 'author');
  });
}
