/**
 * The handling block of a message as staff see it: the chain of assignments
 * with deadlines and their state, held replies, extension requests, and what
 * the asking actor may do now (the web reads `abilities`, never re-derives a rule).
 */
import { sql } from 'kysely';
import { deadlineState, type AssignmentStatus } from '../../../shared/handling.js';
import { MAX_REOPENS, OPEN_STATUSES, type MessageStatus } from '../../../shared/messages.js';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import { can, isGlobal } from '../access/access.policy.js';
import { staffSeesBoard, type MessageRow } from '../messages/messages.repository.js';
import { assignmentsOf, type AssignmentWithUnit } from './handling.repository.js';
import { calendarForReading } from '../calendar/calendar.service.js';
import { currentCalendar } from '../calendar/working-days.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentDeadlines(a: Pick<AssignmentWithUnit, 'assigned_at' | 'sign_due' | 'contact_due' | 'reply_due' | 'signed_at' | 'contacted_at' | 'replied_at' | 'status' | 'role'>, now: Date) {
  const open = ['pending', 'signed', 'passed_down'].includes(a.status);
  // A closed assignment's deadlines no longer run: what was not done in time shows as missed, the rest as met.
  const state = (due: Date | string, doneAt: Date | string | null) => {
    if (doneAt !== null) return 'met' as const;
    if (!open) return 'met' as const;
    return deadlineState(a.assigned_at, due, null, now);
  };
  // A deadline in a year whose holidays nobody entered yet counts weekends only: 暂按双休日计算.
  const calendar = currentCalendar();
  return {
    sign: { due: iso(a.sign_due)!, doneAt: iso(a.signed_at), state: state(a.sign_due, a.signed_at), late: a.signed_at !== null && new Date(a.signed_at) > new Date(a.sign_due), provisional: calendar.isProvisional(a.sign_due) },
    contact: { due: iso(a.contact_due)!, doneAt: iso(a.contacted_at), state: a.role === 'co' ? ('met' as const) : state(a.contact_due, a.contacted_at), late: a.contacted_at !== null && new Date(a.contacted_at) > new Date(a.contact_due), provisional: calendar.isProvisional(a.contact_due) },
    reply: { due: iso(a.reply_due)!, doneAt: iso(a.replied_at), state: state(a.reply_due, a.replied_at), late: a.replied_at !== null && new Date(a.replied_at) > new Date(a.reply_due), provisional: calendar.isProvisional(a.reply_due) },
  };
}

export function presentAssignment(a: AssignmentWithUnit, now: Date, actsFor: boolean, extensionPending = false) {
  const status = a.status as AssignmentStatus;
  return {
    id: Number(a.id),
    round: a.round,
    parentId: a.parent_id === null ? null : Number(a.parent_id),
    unit: { id: Number(a.unit_id), name: a.unit_name },
    role: a.role,
    status,
    handlingClass: a.handling_class,
    instructions: a.instructions,
    assignedBy: a.assigned_by_unit_id === null ? null : { id: Number(a.assigned_by_unit_id), name: a.assigned_by_unit_name ?? '' },
    assignedAt: iso(a.assigned_at)!,
    returnReason: a.return_reason,
    extensionDays: a.extension_days,
    deadlines: presentDeadlines(a, now),
    abilities: {
      sign: actsFor && status === 'pending',
      return: actsFor && (status === 'pending' || status === 'signed'),
      passDown: actsFor && status === 'signed' && a.role === 'lead',
      contact: actsFor && status === 'signed',
      contribute: actsFor && status === 'signed' && a.role === 'co',
      reply: actsFor && status === 'signed' && a.role === 'lead',
      requestExtension: actsFor && (status === 'signed' || status === 'passed_down') && !extensionPending,
    },
  };
}

/** Units the actor acts for, by path test in memory (the paths come with the rows). */
function actsForPath(actor: Actor, unitPath: string): boolean {
  if (isGlobal(actor)) return true;
  if (!actor.unitPath) return false;
  return unitPath === actor.unitPath || unitPath.startsWith(`${actor.unitPath}.`);
}

export async function presentHandling(db: Executor, actor: Actor, row: MessageRow, now = new Date()) {
  await calendarForReading(db);
  const [assignments, replies, extensions, inRegion] = await Promise.all([
    assignmentsOf(db, row.id),
    db
      .selectFrom('replies')
      .innerJoin('units', 'units.id', 'replies.unit_id')
      .select(['replies.id', 'replies.kind', 'replies.body', 'replies.status', 'replies.review_by', 'replies.review_note', 'replies.submitted_at', 'replies.round', 'units.id as unit_id', sql<string>`coalesce(unit_name_at(units.id, replies.submitted_at), units.name)`.as('unit_name'), 'replies.author_id'])
      .where('replies.message_id', '=', row.id)
      .where('replies.status', 'in', ['pending_review', 'rejected'])
      .orderBy('replies.id')
      .execute(),
    db.selectFrom('extension_requests').selectAll().where('message_id', '=', row.id).orderBy('id').execute(),
    staffSeesBoard(db, actor, row.board_id),
  ]);
  const status = row.status as MessageStatus;
  const supervises = can(actor, 'message.supervise') && inRegion;
  const reviewer = (mode: string | null, unitPath: string) =>
    isGlobal(actor) || (mode === 'unit_admin' && actor.roles.includes('unit_admin') && actsForPath(actor, unitPath)) || (mode === 'coordinator' && actor.roles.includes('coordinator') && inRegion);
  const unitPaths = new Map(assignments.map((a) => [a.unit_id, a.unit_path]));
  const letters = await db.selectFrom('letters').select(['kind']).distinct().where('message_id', '=', row.id).execute();
  return {
    handlingClass: row.handling_class,
    round: row.round,
    reopensLeft: Math.max(0, MAX_REOPENS - row.round),
    supervisedAt: iso(row.supervised_at),
    leaderAttention: row.leader_attention,
    overdueCount: row.overdue_count,
    closeReason: row.close_reason,
    assignments: assignments.map((a) => presentAssignment(a, now, can(actor, 'assignment.handle') && actsForPath(actor, a.unit_path), extensions.some((e) => e.assignment_id === a.id && e.status === 'pending'))),
    heldReplies: replies.map((r) => ({
      id: Number(r.id),
      round: r.round,
      kind: r.kind,
      final: r.kind === 'final',
      body: r.body,
      status: r.status,
      reviewBy: r.review_by,
      reviewNote: r.review_note,
      unit: { id: Number(r.unit_id), name: r.unit_name },
      submittedAt: iso(r.submitted_at)!,
      canReview: r.status === 'pending_review' && can(actor, 'reply.review') && reviewer(r.review_by, unitPaths.get(r.unit_id) ?? ''),
    })),
    extensions: extensions.map((e) => ({
      id: Number(e.id),
      assignmentId: Number(e.assignment_id),
      days: e.days,
      reason: e.reason,
      status: e.status,
      requestedAt: iso(e.requested_at)!,
      decidedAt: iso(e.decided_at),
      decisionNote: e.decision_note,
      canDecide: e.status === 'pending' && supervises,
    })),
    letters: letters.map((l) => l.kind),
    abilities: {
      assign: can(actor, 'message.assign') && inRegion && status === 'accepted',
      reopen: supervises && status === 'dissatisfied' && row.round < MAX_REOPENS,
      closeExplained: supervises && status === 'dissatisfied',
      urge: supervises && (status === 'assigned' || status === 'handling'),
      supervise: supervises && OPEN_STATUSES.includes(status),
      callback: supervises && !['submitted', 'rejected', 'withdrawn'].includes(status),
      leaderAttention: supervises,
      instruct: can(actor, 'message.instruct') && inRegion,
      note: can(actor, 'message.read_internal'),
    },
  };
}

/** Replies as `ReplyRecord`s, in the order of `ids`, with one query however many. */
export async function presentReplyRecords(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('replies')
    .innerJoin('units', 'units.id', 'replies.unit_id')
    .innerJoin('messages', 'messages.id', 'replies.message_id')
    .select(['replies.id', 'replies.message_id', 'messages.number as message_number', 'messages.title as message_title', 'replies.kind', 'replies.body', 'replies.status', 'replies.review_by', 'replies.review_note', 'replies.submitted_at', 'replies.published_at', 'replies.round', 'units.id as unit_id', sql<string>`coalesce(unit_name_at(units.id, coalesce(replies.published_at, replies.submitted_at)), units.name)`.as('unit_name')])
    .where('replies.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    return {
      id: Number(r.id),
      messageId: Number(r.message_id),
      messageNumber: r.message_number,
      messageTitle: r.message_title,
      round: r.round,
      kind: r.kind,
      final: r.kind === 'final',
      body: r.body,
      status: r.status,
      reviewBy: r.review_by,
      reviewNote: r.review_note,
      unit: { id: Number(r.unit_id), name: r.unit_name },
      submittedAt: iso(r.submitted_at)!,
      publishedAt: iso(r.published_at),
    };
  });
}

export async function presentReplyRecord(db: Executor, id: string) {
  return (await presentReplyRecords(db, [id]))[0]!;
}

/** Extension requests as `Extension`s, in the order of `ids`, with one query however many. */
export async function presentExtensions(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('extension_requests')
    .innerJoin('assignments', 'assignments.id', 'extension_requests.assignment_id')
    .innerJoin('units', 'units.id', 'assignments.unit_id')
    .innerJoin('messages', 'messages.id', 'extension_requests.message_id')
    .select(['extension_requests.id', 'extension_requests.message_id', 'messages.number', 'messages.title', 'extension_requests.assignment_id', 'extension_requests.days', 'extension_requests.reason', 'extension_requests.status', 'extension_requests.requested_at', 'extension_requests.decided_at', 'extension_requests.decision_note', 'units.id as unit_id', 'units.name as unit_name', 'assignments.reply_due'])
    .where('extension_requests.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    return {
      id: Number(r.id),
      messageId: Number(r.message_id),
      messageNumber: r.number,
      messageTitle: r.title,
      assignmentId: Number(r.assignment_id),
      unit: { id: Number(r.unit_id), name: r.unit_name },
      days: r.days,
      reason: r.reason,
      status: r.status,
      replyDue: iso(r.reply_due)!,
      requestedAt: iso(r.requested_at)!,
      decidedAt: iso(r.decided_at),
      decisionNote: r.decision_note,
    };
  });
}

export async function presentExtension(db: Executor, id: string) {
  return (await presentExtensions(db, [id]))[0]!;
}
