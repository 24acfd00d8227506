import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { maskPersonalData } from '../../../shared/mask.js';
import { FOLLOW_UP_STATUSES, MAX_PHOTOS, type MessageStatus, type NewMessage, type PublicStatus } from '../../../shared/messages.js';
import type { Database, Executor } from '../../db/database.js';
import { DomainError, invalidField } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, requireActor } from '../access/access.policy.js';
import { checkRateLimit } from '../access/rate-limit.js';
import { attachPhotos, holdPhotosForAttach, listMessagePhotos } from '../photos/photos.repository.js';
import { toSearchDocument, toSearchQuery } from '../search/search-text.js';
import { screeningFlags } from './screening-flags.js';
import { issueMessageNumber } from './message-numbers.js';
import { presentHandling } from '../handling/handling.present.js';
import { presentRating, presentSummary, presentTimelineEntry, type Viewer } from './messages.present.js';
import {
  findMessage,
  findRating,
  insertSubmittedMessage,
  listTimeline,
  regionLevels,
  replyTexts,
  staffSeesMessage,
  openSubmission,
  tallies,
  type MessageRow,
} from './messages.repository.js';
import { cappedCount, listAwaitingScreening, listByActivity, listNewest, listOwn, searchListed, type PublicListFilter } from './messages.queries.js';


/** Stores the segmented, folded text of a message (and its replies) for search. */
export async function refreshSearch(tx: Executor, messageId: string, title: string, body: string): Promise<void> {
  const doc = toSearchDocument({ title, body, replies: await replyTexts(tx, messageId) });
  await sql`
    UPDATE messages SET search = setweight(to_tsvector('simple', ${doc.title}), 'A') || setweight(to_tsvector('simple', ${doc.body}), 'B')
    WHERE id = ${messageId}`.execute(tx);
}

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** What makes a retry of a linked message the same request: what its caller was sent (see MessageLink.request). */
export function linkedRequestHash(link: Pick<MessageLink, 'campaignId' | 'request'>): string {
  return sha256({ campaignId: link.campaignId, request: link.request });
}

function requestHash(input: NewMessage, link?: MessageLink): string {
  return link ? linkedRequestHash(link) : sha256(input);
}

/**
 * A message filed as part of something else (a campaign entry): the link on
 * the message and the caller's own rows, written in the message's transaction.
 * Without it createMessage is exactly POST /messages.
 */
export interface MessageLink {
  campaignId: string;
  /**
   * Everything the caller was sent, in a fixed order: what makes a retry with the same
   * Idempotency-Key the same request. Not the message made of it, which may follow
   * settings that change between two attempts (a campaign's entriesPublic).
   */
  request: Record<string, unknown>;
  /**
   * The caller's own rows: data-modifying statements (INSERT …) given the new
   * message's id as an SQL expression, run by the statement that inserts the
   * message (one round trip, docs/decisions/0010-submission-burst.md), which
   * is the last before the commit but for photos: a hot row they update (a
   * sharded counter) is locked as briefly as possible. They should not refuse
   * input: by then the message has its number, and a number given to a
   * submission that fails is not given out again (check before createMessage).
   */
  rows(messageId: RawBuilder<string>): RawBuilder<unknown>[];
}

/**
 * A citizen's new message: validated against the board, field and region,
 * numbered, flagged for screening, photos attached, all in one transaction
 * but the number, which is issued outside it once nothing can refuse the
 * message any more (docs/decisions/0010-submission-burst.md).
 * With an Idempotency-Key, a retry returns the first attempt's message.
 * `link` files it as a campaign entry (campaigns module).
 * @throws DomainError citizens_only, board_not_found, board_retired, field_not_found, region_not_found, region_outside_board, idempotency_key_reused, rate_limited.
 */
export async function createMessage(db: Database, actor: Actor | null, input: NewMessage, idempotencyKey: string | null, link?: MessageLink) {
  requireActor(actor);
  if (actor.kind !== 'citizen') throw new DomainError('citizens_only');
  const title = input.title.trim();
  const body = input.body.trim();
  if (title.length < 4) throw invalidField('title', 'minLength', { 'zh-CN': '标题不能少于4个字', 'zh-TW': '標題不能少於4個字', en: 'the title needs at least 4 characters' });
  if (body.length < 10) throw invalidField('body', 'minLength', { 'zh-CN': '留言内容不能少于10个字', 'zh-TW': '留言內容不能少於10個字', en: 'the text needs at least 10 characters' });
  if ((input.photoIds?.length ?? 0) > MAX_PHOTOS) throw invalidField('photoIds', 'maxItems', { 'zh-CN': `最多${MAX_PHOTOS}张图片`, 'zh-TW': `最多${MAX_PHOTOS}張圖片`, en: `at most ${MAX_PHOTOS} photos` });
  const hash = requestHash(input, link);

  const rateRule = { key: `message:account:${actor.accountId}`, limit: 20, windowSeconds: 3600 };

  return db.transaction().execute(async (tx) => {
    // One round trip: the key, the rate limit and everything checked below (docs/decisions/0010).
    const { claimed, rateHit, context } = await openSubmission(tx, {
      accountId: actor.accountId,
      idempotencyKey,
      requestHash: hash,
      rateRule,
      boardId: String(input.boardId),
      fieldCode: input.fieldCode,
      regionCode: input.regionCode,
    });
    if (idempotencyKey && !claimed) {
      // Another attempt with this key got there first (and, having waited on its row lock, has committed).
      const earlier = await tx.selectFrom('idempotency_keys').select(['request_hash', 'message_id']).where('account_id', '=', actor.accountId).where('key', '=', idempotencyKey).executeTakeFirstOrThrow();
      if (earlier.request_hash !== hash || earlier.message_id === null) throw new DomainError('idempotency_key_reused', { field: 'Idempotency-Key' });
      const message = (await findMessage(tx, earlier.message_id))!;
      return { id: Number(message.id), number: message.number, status: message.status, replayed: true };
    }
    checkRateLimit(rateRule, rateHit!);

    const board = context.board;
    if (!board) throw new DomainError('board_not_found', { field: 'boardId' });
    // A retired board keeps its history public but takes nothing new (units/boards.lifecycle.service.ts).
    if (board.retired) throw new DomainError('board_retired', { field: 'boardId' });
    if (!context.fieldActive) throw new DomainError('field_not_found', { field: 'fieldCode' });
    const region = context.region;
    if (!region.found || region.level === 'national') throw new DomainError('region_not_found', { field: 'regionCode' });
    // With the location kept private, the public lists place the message no lower than its board.
    const listedRegion = input.locationPublic === false ? (board.region_code ? await regionLevels(tx, board.region_code) : { province: null, city: null, county: null }) : region;
    if (board.region_path && !context.insideBoard) throw new DomainError('region_outside_board', { field: 'regionCode' });

    const flags = screeningFlags({ title, body }, context.sensitiveWords);
    if (input.photoIds && input.photoIds.length > 0) await holdPhotosForAttach(tx, { ownerId: actor.accountId, photoIds: input.photoIds });
    // Every refusal is behind us: only now take a number (outside this transaction, see message-numbers.ts).
    const number = await issueMessageNumber(db, tx, context.today);
    const channel = input.channel ?? 'web';
    const id = await insertSubmittedMessage(
      tx,
      {
        number,
        board_id: board.id,
        author_id: actor.accountId,
        type: input.type,
        field_code: input.fieldCode,
        region_code: input.regionCode,
        province_code: listedRegion.province,
        city_code: listedRegion.city,
        county_code: listedRegion.county,
        title,
        body,
        private_note: input.privateNote?.trim() || null,
        is_public: input.isPublic,
        photos_public: input.photosPublic ?? true,
        location_public: input.locationPublic ?? true,
        channel,
        status: 'submitted',
        flags,
        ...(link ? { campaign_id: link.campaignId } : {}),
      },
      { authorId: actor.accountId, channel, flags, idempotencyKey, linkRows: link ? (messageId) => link.rows(messageId) : null },
    );
    if (input.photoIds && input.photoIds.length > 0) await attachPhotos(tx, { ownerId: actor.accountId, messageId: id, photoIds: input.photoIds });
    return { id: Number(id), number, status: 'submitted', replayed: false };
  });
}

/** Who the actor is to this message; null when they may not see it at all. */
export async function viewerOf(db: Executor, actor: Actor | null, row: MessageRow): Promise<Viewer | null> {
  if (actor && actor.accountId === row.author_id) return 'author';
  if (actor && actor.kind === 'staff' && (await staffSeesMessage(db, actor, row))) return 'staff';
  return row.listed ? 'public' : null;
}

/** @throws DomainError not_found when the message does not exist or the actor may not see it. */
export async function getMessage(db: Database, actor: Actor | null, id: string) {
  const row = await findMessage(db, id);
  const viewer = row ? await viewerOf(db, actor, row) : null;
  if (!row || !viewer) throw new DomainError('not_found');
  return presentDetail(db, actor, row, viewer);
}

export async function presentDetail(db: Executor, actor: Actor | null, row: MessageRow, viewer: Viewer) {
  const visibilities: ('public' | 'author' | 'internal')[] = viewer === 'staff' ? ['public', 'author', 'internal'] : viewer === 'author' ? ['public', 'author'] : ['public'];
  const [events, rating, photos] = await Promise.all([listTimeline(db, row.id, visibilities), findRating(db, row.id), listMessagePhotos(db, row.id)]);
  const summary = presentSummary(row, viewer);
  const isAuthor = viewer === 'author';
  const status = row.status;
  const isStaff = viewer === 'staff' && actor !== null;
  const handling = isStaff ? await presentHandling(db, actor, row) : null;
  return {
    ...summary,
    body: viewer === 'public' ? maskPersonalData(row.body) : row.body,
    isPublic: row.is_public,
    photosPublic: row.photos_public,
    locationPublic: row.location_public,
    channel: row.channel,
    // The nickname check refuses 7 digits in a row, not 138 1234 5678 or full-width digits: masked like the text.
    author: { nickname: viewer === 'public' ? maskPersonalData(row.author_nickname) : row.author_nickname },
    photos: viewer === 'public' && !row.photos_public ? [] : photos,
    timeline: events.map((e) => presentTimelineEntry({ ...e, data: e.data as Record<string, unknown> }, viewer)),
    rating: rating ? presentRating(rating, viewer) : null,
    ...(isAuthor || isStaff ? { rejectReason: row.reject_reason } : {}),
    ...(isStaff ? { privateNote: row.private_note, flags: row.flags, handling } : {}),
    abilities: {
      withdraw: isAuthor && status === 'submitted',
      followUp: isAuthor && FOLLOW_UP_STATUSES.includes(status as MessageStatus),
      rate: isAuthor && row.final_reply_at !== null && (rating === undefined ? row.close_reason !== 'unrated' : presentRating(rating, 'author').canChange),
      screen: isStaff && status === 'submitted' && actor.roles.some((r) => r === 'coordinator' || r === 'platform_admin'),
      reply: isStaff && status === 'handling' && handling !== null && handling.assignments.some((a) => a.round === row.round && a.abilities.reply),
    },
  };
}

export interface PublicListQuery {
  region?: string;
  board?: string;
  field?: string;
  type?: string;
  status?: PublicStatus;
  q?: string;
  sort?: 'newest' | 'activity';
  cursor?: string;
  limit: number;
}

async function buildFilter(db: Executor, query: Pick<PublicListQuery, 'region' | 'board' | 'field' | 'type' | 'status'>): Promise<PublicListFilter> {
  let region: PublicListFilter['region'] = null;
  if (query.region && query.region !== '000000') {
    const found = await db.selectFrom('regions').select('level').where('code', '=', query.region).executeTakeFirst();
    if (!found) throw new DomainError('region_not_found', { field: 'region', status: 404 });
    const column = ({ province: 'province_code', city: 'city_code', county: 'county_code' } as const)[found.level as 'province' | 'city' | 'county'] ?? 'region_code';
    region = { column, code: query.region };
  }
  return { region, boardId: query.board ?? null, fieldCode: query.field ?? null, type: query.type ?? null, status: query.status ?? null };
}

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through to the field error
  }
  throw invalidField('cursor', 'invalid', { 'zh-CN': '分页游标无效', 'zh-TW': '分頁游標無效', en: 'invalid cursor' });
}

const isId = (v: unknown): v is { id: string } => typeof v === 'object' && v !== null && typeof (v as { id: unknown }).id === 'string' && /^\d{1,18}$/.test((v as { id: string }).id);
// An ISO instant in UTC to the microsecond, as listByActivity makes it; a real date (not 02-30), so PostgreSQL casts it.
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const isInstant = (at: string) => UTC_INSTANT.test(at) && !Number.isNaN(Date.parse(at)) && new Date(at).toISOString().slice(0, 19) === at.slice(0, 19);
const isActivity = (v: unknown): v is { at: string; id: string } => {
  const at = (v as { at?: unknown } | null)?.at;
  return isId(v) && typeof at === 'string' && isInstant(at);
};
const isOffset = (v: unknown): v is { offset: number } => typeof v === 'object' && v !== null && Number.isInteger((v as { offset: unknown }).offset) && (v as { offset: number }).offset >= 0 && (v as { offset: number }).offset <= 200;

/** The public board: listed messages only, always masked. */
export async function listPublicMessages(db: Database, query: PublicListQuery) {
  const filter = await buildFilter(db, query);
  const limit = query.limit;
  if (query.q) {
    const search = toSearchQuery(query.q);
    if (!search) return { items: [], nextCursor: null };
    const offset = decodeCursor(query.cursor, isOffset)?.offset ?? 0;
    const rows = await searchListed(db, filter, search.tsquery, offset, limit);
    const page = rows.slice(0, limit);
    return { items: page.map((r) => presentSummary(r, 'public', search.terms)), nextCursor: rows.length > limit ? encodeCursor({ offset: offset + limit }) : null };
  }
  if (query.sort === 'activity') {
    const after = decodeCursor(query.cursor, isActivity);
    const rows = await listByActivity(db, filter, after, limit);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => presentSummary(r, 'public')), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.activity_key, id: last.id }) : null };
  }
  const after = decodeCursor(query.cursor, isId);
  const rows = await listNewest(db, filter, after?.id ?? null, limit);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => presentSummary(r, 'public')), nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
}

const COUNT_CAP = 10_000;

/**
 * Tab counts. For a region or board alone they come from the kept tallies;
 * with other filters they are counted, up to a cap (the answer says so).
 */
export async function countPublicMessages(db: Database, query: Omit<PublicListQuery, 'cursor' | 'limit' | 'q' | 'sort' | 'status'>) {
  const filter = await buildFilter(db, query);
  if (!filter.fieldCode && !filter.type && !(filter.region && filter.boardId)) {
    const scope = filter.boardId ? `b:${filter.boardId}` : filter.region ? `r:${filter.region.code}` : 'all';
    const t = await tallies(db, scope);
    return { all: t.pending + t.handling + t.done, ...t, capped: false };
  }
  const counts = await Promise.all((['pending', 'handling', 'done'] as const).map((status) => cappedCount(db, { ...filter, status }, COUNT_CAP)));
  const [pending, handling, done] = counts as [number, number, number];
  return { all: pending + handling + done, pending, handling, done, capped: counts.some((c) => c >= COUNT_CAP) };
}

export async function listMyMessages(db: Database, actor: Actor | null, query: { cursor?: string; limit: number }) {
  requireActor(actor);
  const after = decodeCursor(query.cursor, isId);
  const rows = await listOwn(db, actor.accountId, after?.id ?? null, query.limit);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => presentSummary(r, 'author')), nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null };
}

export async function listScreeningQueue(db: Database, actor: Actor | null, query: { cursor?: string; limit: number }) {
  authorize(actor, 'message.screen');
  const after = decodeCursor(query.cursor, isId);
  const rows = await listAwaitingScreening(db, actor, after?.id ?? null, query.limit);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const items = [];
  for (const row of page) items.push(await presentDetail(db, actor, row, 'staff'));
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null };
}
