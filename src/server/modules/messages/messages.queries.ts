/** Read-only list queries over messages: the public board, search, own messages, the screening queue. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { PublicStatus } from '../../../shared/messages.js';
import type { Actor } from '../access/actor.js';
import { boardVisibleSql } from '../access/access.policy.js';
import { messageRows, type MessageRow } from './messages.repository.js';

export interface PublicListFilter {
  /** Column and value of the region filter, chosen by the region's level. */
  region: { column: 'province_code' | 'city_code' | 'county_code' | 'region_code'; code: string } | null;
  boardId: string | null;
  fieldCode: string | null;
  type: string | null;
  status: PublicStatus | null;
}

/** The public-list condition, on the messages table alone, so it fits any query over messages. */
function listedWhere(f: PublicListFilter) {
  return (eb: ExpressionBuilder<DB, 'messages'>) => {
    const conds: Expression<SqlBool>[] = [eb('messages.listed', '=', true)];
    if (f.region) conds.push(eb(`messages.${f.region.column}`, '=', f.region.code));
    // The exact region of a message with a private location is never a filter that finds it.
    if (f.region?.column === 'region_code') conds.push(eb('messages.location_public', '=', true));
    if (f.boardId) conds.push(eb('messages.board_id', '=', f.boardId));
    if (f.fieldCode) conds.push(eb('messages.field_code', '=', f.fieldCode));
    if (f.type) conds.push(eb('messages.type', '=', f.type));
    if (f.status) conds.push(eb('messages.public_status', '=', f.status));
    return eb.and(conds);
  };
}

/** Newest first, keyset on id. */
export async function listNewest(db: Executor, f: PublicListFilter, afterId: string | null, limit: number): Promise<MessageRow[]> {
  let q = messageRows(db).where(listedWhere(f)).orderBy('messages.id', 'desc').limit(limit + 1);
  if (afterId) q = q.where('messages.id', '<', afterId);
  return q.execute();
}

/**
 * By latest reply (else acceptance), keyset on (activity_at, id). `activity_key`
 * is activity_at in UTC to the microsecond, for the cursor: a JavaScript Date
 * keeps milliseconds only, and a cursor cut to the millisecond would skip the
 * rows that share the millisecond of a page's last row.
 */
export async function listByActivity(db: Executor, f: PublicListFilter, after: { at: string; id: string } | null, limit: number): Promise<(MessageRow & { activity_key: string })[]> {
  let q = messageRows(db)
    .select(sql<string>`to_char(messages.activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('activity_key'))
    .where(listedWhere(f))
    .orderBy('messages.activity_at', 'desc')
    .orderBy('messages.id', 'desc')
    .limit(limit + 1);
  if (after) q = q.where(sql<boolean>`(messages.activity_at, messages.id) < (${after.at}::timestamptz, ${after.id}::bigint)`);
  return q.execute();
}

// Relevance is ranked among the newest matches only: ranking every match of a
// common word over millions of rows would cost seconds, and recent messages
// are what people look for.
const SEARCH_CANDIDATES = 200;
// Matches are looked for among the newest messages first (a GIN bitmap ANDed
// with a primary-key range reads only that window's rows), and in the whole
// table only when the window holds too few.
const SEARCH_WINDOW = 100_000;

async function searchCandidateIds(db: Executor, f: PublicListFilter, tsquery: string, minId: string | null): Promise<string[]> {
  let q = db
    .selectFrom('messages')
    .select('messages.id')
    .where(listedWhere(f))
    .where(sql<boolean>`messages.search @@ to_tsquery('simple', ${tsquery})`)
    .orderBy('messages.id', 'desc')
    .limit(SEARCH_CANDIDATES);
  if (minId) q = q.where('messages.id', '>', minId);
  return (await q.execute()).map((r) => r.id);
}

/** Full-text search: relevance, then recency, over the newest matching candidates; offset paging within them. */
export async function searchListed(db: Executor, f: PublicListFilter, tsquery: string, offset: number, limit: number): Promise<MessageRow[]> {
  const { max } = await db.selectFrom('messages').select(sql<string | null>`max(id)::text`.as('max')).executeTakeFirstOrThrow();
  if (max === null) return [];
  const windowStart = BigInt(max) > BigInt(SEARCH_WINDOW) ? String(BigInt(max) - BigInt(SEARCH_WINDOW)) : null;
  const ids = await db.transaction().execute(async (tx) => {
    // Left to itself the planner walks the id index newest-first and tests each
    // row's (TOASTed) search vector: for a rare word that reads the whole table
    // (seconds on a million messages). The GIN bitmap reads only matching rows.
    await sql`SET LOCAL enable_indexscan = off`.execute(tx);
    const recent = await searchCandidateIds(tx, f, tsquery, windowStart);
    return windowStart !== null && recent.length < SEARCH_CANDIDATES ? searchCandidateIds(tx, f, tsquery, null) : recent;
  });
  if (ids.length === 0) return [];
  return messageRows(db)
    .where('messages.id', 'in', ids)
    .orderBy(sql`ts_rank_cd(messages.search, to_tsquery('simple', ${tsquery}), 1)`, 'desc')
    .orderBy('messages.id', 'desc')
    .offset(offset)
    .limit(limit + 1)
    .execute();
}

/** With extra filters there is no kept tally: count, but stop at a cap so it stays cheap. */
export async function cappedCount(db: Executor, f: PublicListFilter, cap: number): Promise<number> {
  const inner = db.selectFrom('messages').select('messages.id').where(listedWhere(f)).limit(cap);
  const row = await db.selectFrom(inner.as('c')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export async function listOwn(db: Executor, authorId: string, afterId: string | null, limit: number): Promise<MessageRow[]> {
  let q = messageRows(db).where('messages.author_id', '=', authorId).orderBy('messages.id', 'desc').limit(limit + 1);
  if (afterId) q = q.where('messages.id', '<', afterId);
  return q.execute();
}

/** Submitted messages of the boards the staff actor sees, oldest first. */
export async function listAwaitingScreening(db: Executor, actor: Actor, afterId: string | null, limit: number): Promise<MessageRow[]> {
  let q = messageRows(db).where('messages.status', '=', 'submitted').where(boardVisibleSql(actor)).orderBy('messages.id', 'asc').limit(limit + 1);
  if (afterId) q = q.where('messages.id', '>', afterId);
  return q.execute();
}
