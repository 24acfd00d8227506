/**
 * Handling lists: the unit inbox, the coordinator's and leader's views, the
 * review and extension queues. Keyset pages on ids, newest first.
 */
import { sql, type RawBuilder } from 'kysely';
import { OPEN_STATUSES } from '../../../shared/messages.js';
import type { Database, Executor } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, boardVisibleSql, can, isGlobal } from '../access/access.policy.js';
import { presentAssignment, presentExtensions, presentReplyRecords } from './handling.present.js';
import { calendarForReading } from '../calendar/calendar.service.js';
import { decodeCursor, encodeCursor } from '../campaigns/cursor.js';
import type { HandlingView, InboxTab } from './handling.schemas.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The deadline an open assignment works towards now (sign, contact or reply). */
export const CURRENT_DUE = sql`CASE WHEN a.status = 'pending' THEN a.sign_due
  WHEN a.role = 'lead' AND a.contacted_at IS NULL THEN LEAST(a.contact_due, a.reply_due)
  ELSE a.reply_due END`;
export const OPEN = sql`a.status IN ('pending','signed','passed_down')`;

function cursorId(cursor: string | undefined): string | null {
  if (!cursor) return null;
  if (!/^[1-9][0-9]{0,17}$/.test(cursor)) throw new DomainError('validation_failed', { field: 'cursor' });
  return cursor;
}

/** Units whose assignments the actor sees in an inbox: its unit subtree (one unit when `unit` is given and inside it). */
async function inboxScope(db: Executor, actor: Actor, unit: string | undefined): Promise<RawBuilder<boolean>> {
  if (unit) {
    const ok = isGlobal(actor) || (actor.unitPath !== null && (await sql<{ ok: boolean }>`SELECT path <@ ${actor.unitPath}::ltree AS ok FROM units WHERE id = ${unit}`.execute(db)).rows[0]?.ok === true);
    if (!ok) throw new DomainError('unit_not_found', { field: 'unit', status: 404 });
    return sql<boolean>`a.unit_id = ${unit}`;
  }
  if (isGlobal(actor)) return sql<boolean>`true`;
  if (!actor.unitPath) return sql<boolean>`false`;
  return sql<boolean>`a.unit_id IN (SELECT id FROM units WHERE path <@ ${actor.unitPath}::ltree)`;
}

function tabCondition(tab: InboxTab, now: Date): RawBuilder<boolean> {
  switch (tab) {
    case 'to_sign':
      return sql<boolean>`a.status = 'pending'`;
    case 'in_progress':
      return sql<boolean>`a.status IN ('signed','passed_down')`;
    case 'due_soon':
      return sql<boolean>`${OPEN} AND ${CURRENT_DUE} >= ${now} AND ${now} >= a.assigned_at + (${CURRENT_DUE} - a.assigned_at) * 0.8`;
    case 'overdue':
      return sql<boolean>`${OPEN} AND ${CURRENT_DUE} < ${now}`;
    case 'returned':
      return sql<boolean>`a.status = 'returned'`;
    case 'done':
      return sql<boolean>`a.status IN ('done','cancelled')`;
    default:
      return sql<boolean>`true`;
  }
}

interface InboxRow {
  id: string;
  message_id: string;
  round: number;
  unit_id: string;
  role: 'lead' | 'co';
  parent_id: string | null;
  assigned_by: string | null;
  assigned_by_unit_id: string | null;
  handling_class: string;
  status: 'pending' | 'signed' | 'passed_down' | 'returned' | 'done' | 'cancelled';
  instructions: string | null;
  assigned_at: Date;
  sign_due: Date;
  contact_due: Date;
  reply_due: Date;
  signed_at: Date | null;
  contacted_at: Date | null;
  replied_at: Date | null;
  returned_at: Date | null;
  return_reason: string | null;
  finished_at: Date | null;
  extension_days: number;
  unit_name: string;
  unit_path: string;
  assigned_by_unit_name: string | null;
  m_number: string;
  m_title: string;
  m_type: string;
  m_field: string;
  m_status: string;
  m_created_at: Date;
  m_supervised_at: Date | null;
  board_id: string;
  board_name: string;
}

export const INBOX_SORTS = ['urgency', 'newest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export interface InboxQuery {
  tab: InboxTab;
  unit?: string;
  /** urgency: the nearest deadline first (the default for open work); newest: the latest assignment first (the default for 已退回, 已办结). */
  sort?: InboxSort;
  /** A message number (exact) or words of its title. */
  q?: string;
  handlingClass?: string;
  cursor?: string;
  limit: number;
}

const MESSAGE_NUMBER = /^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}$/;

/** Open tabs are worked by deadline; closed ones are looked up, newest first. */
export function defaultInboxSort(tab: InboxTab): InboxSort {
  return tab === 'returned' || tab === 'done' || tab === 'all' ? 'newest' : 'urgency';
}

function inboxFilters(q: InboxQuery): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  const text = q.q?.trim();
  if (text) {
    parts.push(
      MESSAGE_NUMBER.test(text)
        ? sql<boolean>`a.message_id = (SELECT id FROM messages WHERE number = ${text})`
        : sql<boolean>`EXISTS (SELECT 1 FROM messages fm WHERE fm.id = a.message_id AND fm.title ILIKE ${`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`,
    );
  }
  if (q.handlingClass) parts.push(sql<boolean>`a.handling_class = ${q.handlingClass}`);
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

const isUrgencyCursor = (v: unknown): v is { due: string; id: string } =>
  typeof v === 'object' && v !== null && typeof (v as { due?: unknown }).due === 'string' && !Number.isNaN(Date.parse((v as { due: string }).due)) && /^[1-9][0-9]{0,17}$/.test(String((v as { id?: unknown }).id));

/**
 * 单位待办: a unit's assignments by tab, filtered, the most urgent first (keyset on the current
 * deadline and id) or the newest first (keyset on id), with the filtered total (capped).
 * @throws forbidden, unit_not_found, validation_failed (cursor).
 */
export async function listInbox(db: Database, actor: Actor | null, q: InboxQuery, now = new Date()) {
  authorize(actor, 'assignment.handle');
  const scope = await inboxScope(db, actor, q.unit);
  const sort = q.sort ?? defaultInboxSort(q.tab);
  const filters = inboxFilters(q);
  let after: RawBuilder<boolean> = sql<boolean>`true`;
  if (sort === 'urgency') {
    const c = decodeCursor(q.cursor, isUrgencyCursor);
    if (c) after = sql<boolean>`(${CURRENT_DUE}, a.id) > (${c.due}::timestamptz, ${c.id}::bigint)`;
  } else {
    const id = cursorId(q.cursor);
    if (id) after = sql<boolean>`a.id < ${id}`;
  }
  const order = sort === 'urgency' ? sql`${CURRENT_DUE} ASC, a.id ASC` : sql`a.id DESC`;
  // The page comes from assignments alone, then the joins: joined first, a busy unit's thousands of
  // rows were all joined before the sort picked twenty (docs/benchmarks.md, "Handling").
  const [rows, counted] = await Promise.all([
    sql<InboxRow & { current_due: string }>`
    WITH page AS MATERIALIZED (
      SELECT a.id, ${CURRENT_DUE} AS due_at, (${CURRENT_DUE})::text AS current_due FROM assignments a
      WHERE ${scope} AND ${tabCondition(q.tab, now)} AND ${filters} AND ${after}
      ORDER BY ${order}
      LIMIT ${q.limit + 1})
    SELECT a.*, coalesce(unit_name_at(u.id, coalesce(a.finished_at, a.returned_at)), u.name) AS unit_name, u.path::text AS unit_path,
           coalesce(unit_name_at(bu.id, a.assigned_at), bu.name) AS assigned_by_unit_name,
           m.number AS m_number, m.title AS m_title, m.type AS m_type, m.field_code AS m_field, m.status AS m_status,
           m.created_at AS m_created_at, m.supervised_at AS m_supervised_at, b.id AS board_id, b.name AS board_name,
           page.current_due
    FROM page
    JOIN assignments a ON a.id = page.id
    JOIN units u ON u.id = a.unit_id
    LEFT JOIN units bu ON bu.id = a.assigned_by_unit_id
    JOIN messages m ON m.id = a.message_id
    JOIN boards b ON b.id = m.board_id
    ORDER BY ${sort === 'urgency' ? sql`page.due_at ASC, page.id ASC` : sql`page.id DESC`}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM assignments a WHERE ${scope} AND ${tabCondition(q.tab, now)} AND ${filters} LIMIT ${COUNT_CAP}) x`.execute(db),
  ]);
  const page = rows.rows.slice(0, q.limit);
  const last = page[page.length - 1];
  await calendarForReading(db);
  return {
    items: page.map((r) => ({
      assignment: presentAssignment(r, now, true),
      message: { id: Number(r.message_id), number: r.m_number, title: r.m_title, type: r.m_type, fieldCode: r.m_field, status: r.m_status as never, board: { id: Number(r.board_id), name: r.board_name }, createdAt: iso(r.m_created_at)!, supervised: r.m_supervised_at !== null },
    })),
    nextCursor: rows.rows.length > q.limit && last ? (sort === 'urgency' ? encodeCursor({ due: last.current_due, id: last.id }) : last.id) : null,
    total: counted.rows[0]!.n,
    sort,
  };
}

const COUNT_CAP = 10_000;

/** Counts per inbox tab (each capped at 10,000). */
export async function inboxCounts(db: Database, actor: Actor | null, q: { unit?: string }, now = new Date()) {
  authorize(actor, 'assignment.handle');
  const scope = await inboxScope(db, actor, q.unit);
  // The open tabs in one pass over the scope's open work (an index-only scan of assignments_unit_open_idx);
  // the closed ones, which can be many, counted up to the cap.
  const open = await sql<{ to_sign: number; in_progress: number; due_soon: number; overdue: number }>`
    SELECT least(count(*) FILTER (WHERE ${tabCondition('to_sign', now)}), ${COUNT_CAP})::int AS to_sign,
           least(count(*) FILTER (WHERE ${tabCondition('in_progress', now)}), ${COUNT_CAP})::int AS in_progress,
           least(count(*) FILTER (WHERE ${tabCondition('due_soon', now)}), ${COUNT_CAP})::int AS due_soon,
           least(count(*) FILTER (WHERE ${tabCondition('overdue', now)}), ${COUNT_CAP})::int AS overdue
    FROM assignments a WHERE ${scope} AND ${OPEN}`.execute(db);
  const closed = await Promise.all(
    (['returned', 'done'] as const).map(async (tab) => {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM assignments a WHERE ${scope} AND ${tabCondition(tab, now)} LIMIT ${COUNT_CAP}) x`.execute(db);
      return r.rows[0]!.n;
    }),
  );
  return { ...open.rows[0]!, returned: closed[0]!, done: closed[1]! };
}

const SUPERVISOR_VIEWS: readonly HandlingView[] = ['open', 'unassigned', 'today', 'overdue', 'supervised', 'dissatisfied'];

function viewCondition(view: HandlingView, now: Date): RawBuilder<boolean> {
  const open = sql.join(OPEN_STATUSES.map((s) => sql`${s}`));
  switch (view) {
    case 'open':
      return sql<boolean>`m.status IN (${open})`;
    case 'unassigned':
      return sql<boolean>`m.status = 'accepted'`;
    case 'today':
      return sql<boolean>`m.status IN ('submitted','accepted','assigned')`;
    case 'overdue':
      return sql<boolean>`m.status IN (${open}) AND EXISTS (SELECT 1 FROM assignments a WHERE a.message_id = m.id AND a.round = m.round AND ${OPEN} AND ${CURRENT_DUE} < ${now})`;
    case 'supervised':
      return sql<boolean>`m.supervised_at IS NOT NULL AND m.status IN (${open})`;
    case 'dissatisfied':
      return sql<boolean>`m.status = 'dissatisfied'`;
    case 'high':
      return sql<boolean>`m.handling_class = 'high' AND m.status NOT IN ('submitted','rejected','withdrawn')`;
    case 'flagged':
      return sql<boolean>`m.leader_attention`;
    case 'board':
      return sql<boolean>`m.status NOT IN ('submitted','rejected','withdrawn')`;
  }
}

interface ListRow {
  id: string;
  number: string;
  title: string;
  type: string;
  field_code: string;
  status: string;
  board_id: string;
  board_name: string;
  region_code: string;
  region_name: string;
  created_at: Date;
  handling_class: string | null;
  round: number;
  supervised_at: Date | null;
  leader_attention: boolean;
  grade: string | null;
}

/**
 * 督办 and leaders' lists within the actor's region: open work with its
 * lateness, the 清零 list (received but not yet screened, assigned or signed),
 * overdue, supervised, the 不满意 queue, 高位办, the leader's flagged list, a board.
 * @throws forbidden.
 */
export async function listHandling(db: Database, actor: Actor | null, q: { view: HandlingView; board?: string; cursor?: string; limit: number }, now = new Date()) {
  if (actor === null) throw new DomainError('unauthenticated');
  const supervisor = can(actor, 'message.supervise');
  if (SUPERVISOR_VIEWS.includes(q.view) ? !supervisor : !(supervisor || can(actor, 'message.instruct'))) throw new DomainError('forbidden');
  const after = cursorId(q.cursor);
  const rows = await sql<ListRow>`
    SELECT m.id, m.number, m.title, m.type, m.field_code, m.status, b.id AS board_id, b.name AS board_name,
           m.region_code, r.name AS region_name, m.created_at, m.handling_class, m.round, m.supervised_at, m.leader_attention,
           (SELECT grade FROM message_ratings mr WHERE mr.message_id = m.id) AS grade
    FROM messages m
    JOIN boards b ON b.id = m.board_id
    JOIN regions r ON r.code = m.region_code
    WHERE ${boardVisibleSql(actor, 'b')} AND ${viewCondition(q.view, now)}
      ${q.board ? sql`AND m.board_id = ${q.board}` : sql``}
      ${after ? sql`AND m.id < ${after}` : sql``}
    ORDER BY m.id DESC
    LIMIT ${q.limit + 1}`.execute(db);
  const page = rows.rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const leads = ids.length === 0 ? { rows: [] } : await sql<{ message_id: string; unit_id: string; unit_name: string; status: string; due: Date | null; assigned_at: Date; round: number }>`
      SELECT a.message_id, a.unit_id, coalesce(unit_name_at(u.id, coalesce(a.finished_at, a.returned_at)), u.name) AS unit_name, a.status, a.round, a.assigned_at,
             CASE WHEN ${OPEN} THEN ${CURRENT_DUE} END AS due
      FROM assignments a JOIN units u ON u.id = a.unit_id JOIN messages m ON m.id = a.message_id
      WHERE a.message_id IN (${sql.join(ids)}) AND a.round = m.round AND a.role = 'lead' AND a.status NOT IN ('cancelled','returned')
      ORDER BY a.id`.execute(db);
  return {
    items: page.map((m) => {
      const mine = leads.rows.filter((l) => l.message_id === m.id);
      const open = mine.filter((l) => l.due !== null);
      const next = open.reduce<{ due: Date; assigned_at: Date } | null>((acc, l) => (acc === null || new Date(l.due!) < new Date(acc.due) ? { due: new Date(l.due!), assigned_at: new Date(l.assigned_at) } : acc), null);
      let lateness: 'none' | 'ok' | 'amber' | 'red' = 'none';
      let overdueDays = 0;
      if (next) {
        const start = next.assigned_at.getTime();
        const due = next.due.getTime();
        if (now.getTime() > due) {
          lateness = 'red';
          overdueDays = Math.ceil((now.getTime() - due) / 86_400_000);
        } else lateness = now.getTime() >= start + (due - start) * 0.8 ? 'amber' : 'ok';
      }
      return {
        id: Number(m.id),
        number: m.number,
        title: m.title,
        type: m.type,
        fieldCode: m.field_code,
        status: m.status as never,
        board: { id: Number(m.board_id), name: m.board_name },
        region: { code: m.region_code, name: m.region_name },
        createdAt: iso(m.created_at)!,
        handlingClass: m.handling_class as never,
        round: m.round,
        supervisedAt: iso(m.supervised_at),
        leaderAttention: m.leader_attention,
        leadUnits: mine.map((l) => ({ id: Number(l.unit_id), name: l.unit_name, status: l.status })),
        nextDue: next ? next.due.toISOString() : null,
        overdueDays,
        lateness,
        rating: m.grade,
      };
    }),
    nextCursor: rows.rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

/** Counts of the supervisor's views (each capped at 10,000). @throws forbidden. */
export async function handlingCounts(db: Database, actor: Actor | null, now = new Date()) {
  authorize(actor, 'message.supervise');
  const views = ['unassigned', 'today', 'overdue', 'supervised', 'dissatisfied', 'open'] as const;
  const counts = await Promise.all(
    views.map(async (view) => {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM messages m JOIN boards b ON b.id = m.board_id WHERE ${boardVisibleSql(actor, 'b')} AND ${viewCondition(view, now)} LIMIT ${COUNT_CAP}) x`.execute(db);
      return [view, r.rows[0]!.n] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<(typeof views)[number], number>;
}

/** Replies waiting for the actor's review. @throws forbidden. */
export async function listReviews(db: Database, actor: Actor | null, q: { cursor?: string; limit: number }) {
  authorize(actor, 'reply.review');
  const after = cursorId(q.cursor);
  const ors: RawBuilder<boolean>[] = [];
  if (isGlobal(actor)) ors.push(sql<boolean>`true`);
  if (actor.roles.includes('unit_admin') && actor.unitPath) ors.push(sql<boolean>`(r.review_by = 'unit_admin' AND u.path <@ ${actor.unitPath}::ltree)`);
  if (actor.roles.includes('coordinator')) ors.push(sql<boolean>`(r.review_by = 'coordinator' AND ${boardVisibleSql(actor, 'b')})`);
  if (ors.length === 0) ors.push(sql<boolean>`false`);
  const rows = await sql<{ id: string }>`
    SELECT r.id FROM replies r JOIN units u ON u.id = r.unit_id JOIN messages m ON m.id = r.message_id JOIN boards b ON b.id = m.board_id
    WHERE r.status = 'pending_review' AND (${sql.join(ors, sql` OR `)}) ${after ? sql`AND r.id < ${after}` : sql``}
    ORDER BY r.id DESC LIMIT ${q.limit + 1}`.execute(db);
  const page = rows.rows.slice(0, q.limit);
  return { items: await presentReplyRecords(db, page.map((r) => r.id)), nextCursor: rows.rows.length > q.limit ? page[page.length - 1]!.id : null };
}

/** Extension requests in the coordinator's region (pending by default). @throws forbidden. */
export async function listExtensions(db: Database, actor: Actor | null, q: { status?: 'pending' | 'approved' | 'refused'; cursor?: string; limit: number }) {
  authorize(actor, 'message.supervise');
  const after = cursorId(q.cursor);
  const rows = await sql<{ id: string }>`
    SELECT e.id FROM extension_requests e JOIN messages m ON m.id = e.message_id JOIN boards b ON b.id = m.board_id
    WHERE e.status = ${q.status ?? 'pending'} AND ${boardVisibleSql(actor, 'b')} ${after ? sql`AND e.id < ${after}` : sql``}
    ORDER BY e.id DESC LIMIT ${q.limit + 1}`.execute(db);
  const page = rows.rows.slice(0, q.limit);
  return { items: await presentExtensions(db, page.map((r) => r.id)), nextCursor: rows.rows.length > q.limit ? page[page.length - 1]!.id : null };
}
