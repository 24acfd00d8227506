import { sql, type Insertable, type RawBuilder } from 'kysely';
import { prepared, type Executor } from '../../db/database.js';
import type { MessagesTable } from '../../db/schema.js';
import type { PublicStatus } from '../../../shared/messages.js';
import type { Actor } from '../access/actor.js';
import { rateLimitHitSql, type RateHit, type RateRule } from '../access/rate-limit.js';
import { boardVisibleSql } from '../access/access.policy.js';

/**
 * Moves the counter of the Beijing day (YYYY-MM-DD) on by `count` and answers
 * its new value, the last of the numbers taken. One row per day; see
 * message-numbers.ts for why this runs outside the submitting transaction.
 */
export async function reserveDayNumbers(db: Executor, day: string, count: number): Promise<number> {
  const row = await sql<{ n: number }>`${prepared}
    INSERT INTO message_day_counters (day, n) VALUES (${day}::date, ${count})
    ON CONFLICT (day) DO UPDATE SET n = message_day_counters.n + excluded.n
    RETURNING n`.execute(db);
  return row.rows[0]!.n;
}

export interface SubmissionContext {
  /** The transaction's day in Beijing (YYYY-MM-DD), as created_at will say. */
  today: string;
  board: { id: string; kind: string; region_code: string | null; region_path: string | null; retired: boolean } | null;
  fieldActive: boolean;
  /** As regionLevels. */
  region: { found: boolean; level: string | null; province: string | null; city: string | null; county: string | null };
  /** Whether the region lies within the board's region (null when either is missing). */
  insideBoard: boolean | null;
  sensitiveWords: string[];
}

/**
 * The first statement of a submission, one round trip for what used to take
 * six (a burst of submissions spends its time in round trips,
 * docs/decisions/0010): claims the Idempotency-Key (when there is one),
 * counts the author's rate-limit hit unless the key was claimed before (a
 * replay), and reads what the submission checks: the board and its region, the
 * field, the region's levels and whether it lies in the board's region, the
 * sensitive words, and the day of the transaction.
 */
export async function openSubmission(
  db: Executor,
  input: { accountId: string; idempotencyKey: string | null; requestHash: string; rateRule: RateRule; boardId: string; fieldCode: string; regionCode: string },
): Promise<{ claimed: boolean; rateHit: RateHit | null; context: SubmissionContext }> {
  const key = input.idempotencyKey;
  const row = await sql<{
    claimed: boolean;
    hits: number | null;
    retry_after: number | null;
    today: string;
    board_id: string | null;
    board_kind: string | null;
    board_region_code: string | null;
    board_region_path: string | null;
    board_retired: boolean | null;
    field_active: boolean;
    region_level: string | null;
    levels: Record<string, string> | null;
    inside: boolean | null;
    words: string[];
  }>`${prepared}
    WITH claim AS (
      INSERT INTO idempotency_keys (account_id, key, request_hash)
      SELECT ${input.accountId}::bigint, ${key}::text, ${input.requestHash}::text WHERE ${key}::text IS NOT NULL
      ON CONFLICT DO NOTHING
      RETURNING key
    ),
    hit AS (${rateLimitHitSql(input.rateRule, sql<boolean>`${key}::text IS NULL OR EXISTS (SELECT 1 FROM claim)`)})
    SELECT ${key}::text IS NULL OR EXISTS (SELECT 1 FROM claim) AS claimed, hit.hits, hit.retry_after,
           to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS today,
           b.id AS board_id, b.kind AS board_kind, b.region_code AS board_region_code, br.path::text AS board_region_path, b.retired_at IS NOT NULL AS board_retired,
           EXISTS (SELECT 1 FROM fields f WHERE f.code = ${input.fieldCode} AND f.active) AS field_active,
           r.level AS region_level,
           (SELECT json_object_agg(a.level, a.code) FROM regions a WHERE a.path @> r.path) AS levels,
           r.path <@ br.path AS inside,
           ARRAY(SELECT word FROM sensitive_words) AS words
    FROM (SELECT 1) AS one
    LEFT JOIN hit ON true
    LEFT JOIN boards b ON b.id = ${input.boardId}::bigint
    LEFT JOIN regions br ON br.code = b.region_code
    LEFT JOIN regions r ON r.code = ${input.regionCode}`
    .execute(db)
    .then((r) => r.rows[0]!);
  const levels = row.levels ?? {};
  return {
    claimed: row.claimed,
    rateHit: row.hits === null ? null : { hits: row.hits, retry_after: row.retry_after! },
    context: {
      today: row.today,
      board: row.board_id === null ? null : { id: row.board_id, kind: row.board_kind!, region_code: row.board_region_code, region_path: row.board_region_path, retired: row.board_retired === true },
      fieldActive: row.field_active,
      region: { found: row.region_level !== null, level: row.region_level, province: levels.province ?? null, city: levels.city ?? null, county: levels.county ?? null },
      insideBoard: row.inside,
      sensitiveWords: row.words,
    },
  };
}

/**
 * Inserts a new message with its 'submitted' event (and 'flagged', after it,
 * when there are flags), points the Idempotency-Key at it and writes the
 * link's rows (a campaign entry): one statement, so one round trip. Returns
 * the message id.
 */
export async function insertSubmittedMessage(
  db: Executor,
  values: Insertable<MessagesTable>,
  extra: { authorId: string; channel: string; flags: string[]; idempotencyKey: string | null; linkRows: ((messageId: RawBuilder<string>) => RawBuilder<unknown>[]) | null },
): Promise<string> {
  const keyUpdate = extra.idempotencyKey
    ? sql`, claimed AS (UPDATE idempotency_keys SET message_id = (SELECT id FROM m) WHERE account_id = ${extra.authorId} AND key = ${extra.idempotencyKey})`
    : sql``;
  const linkRows = (extra.linkRows?.(sql<string>`(SELECT id FROM m)`) ?? []).map((statement, i) => sql`, ${sql.raw(`link_${i}`)} AS (${statement})`);
  // ORDER BY: the events' ids (their order on the timeline) follow the rows' order.
  const row = await sql<{ id: string }>`${prepared}
    WITH m AS (${db.insertInto('messages').values(values).returning('id')}),
    events AS (
      INSERT INTO message_events (message_id, kind, visibility, actor_id, data)
      SELECT m.id, e.kind, e.visibility, e.actor_id, e.data
      FROM m, (VALUES (1, 'submitted', 'public', ${extra.authorId}::bigint, ${JSON.stringify({ channel: extra.channel })}::jsonb),
                      (2, 'flagged', 'internal', NULL::bigint, ${JSON.stringify({ flags: extra.flags })}::jsonb)) AS e(ord, kind, visibility, actor_id, data)
      WHERE e.ord = 1 OR ${extra.flags.length > 0}
      ORDER BY e.ord
    )${keyUpdate}${sql.join(linkRows, sql``)}
    SELECT id FROM m`
    .execute(db)
    .then((r) => r.rows[0]!);
  return row.id;
}

/** The codes of the region and its ancestors, by level. */
export async function regionLevels(db: Executor, code: string) {
  const rows = await sql<{ code: string; level: string }>`
    SELECT a.code, a.level FROM regions r JOIN regions a ON a.path @> r.path WHERE r.code = ${code}`.execute(db);
  const byLevel = new Map(rows.rows.map((r) => [r.level, r.code]));
  return { province: byLevel.get('province') ?? null, city: byLevel.get('city') ?? null, county: byLevel.get('county') ?? null, found: rows.rows.length > 0, level: rows.rows.find((r) => r.code === code)?.level ?? null };
}

export interface EventInput {
  messageId: string;
  kind: string;
  visibility: 'public' | 'author' | 'internal';
  actorId: string | null;
  unitId?: string | null;
  body?: string | null;
  data?: Record<string, unknown>;
}

export async function insertEvent(db: Executor, e: EventInput): Promise<string> {
  const row = await db
    .insertInto('message_events')
    .values({ message_id: e.messageId, kind: e.kind, visibility: e.visibility, actor_id: e.actorId, unit_id: e.unitId ?? null, body: e.body ?? null, data: JSON.stringify(e.data ?? {}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The scopes a listed message counts in: everywhere, each of its regions, its
 * board. A message whose location is kept private counts only down to its
 * board's region (its level codes stop there, see createMessage), never in
 * its own township or county, so counts cannot reveal where it is.
 */
export function tallyScopes(m: { province_code: string | null; city_code: string | null; county_code: string | null; region_code: string; board_id: string; location_public: boolean }): string[] {
  const own = m.location_public ? [m.region_code] : [];
  const regions = new Set([m.province_code, m.city_code, m.county_code, ...own].filter((c): c is string => c !== null));
  return ['all', ...[...regions].map((c) => `r:${c}`), `b:${m.board_id}`];
}

/**
 * Moves a message's weight in the tab counts from one (listed, tab) to another, in the caller's transaction.
 * These rows are shared by every message (scope 'all'), so they are locked last and in one order, by
 * (scope, tab), in one statement: two messages moving between the same tabs in opposite directions
 * (a reply, a reopening) wait for each other instead of deadlocking (src/server/db/transaction.ts).
 */
export async function moveTally(db: Executor, scopes: string[], from: PublicStatus | null, to: PublicStatus | null): Promise<void> {
  if (from === to) return;
  const moves = [
    [from, -1],
    [to, 1],
  ].filter(([status]) => status !== null) as [PublicStatus, number][];
  await sql`
    INSERT INTO message_tallies (scope, public_status, n)
    SELECT s, m.status, m.delta
    FROM unnest(${[...new Set(scopes)]}::text[]) AS s,
         unnest(${moves.map((m) => m[0])}::text[], ${moves.map((m) => m[1])}::int[]) AS m(status, delta)
    ORDER BY s, m.status
    ON CONFLICT (scope, public_status) DO UPDATE SET n = message_tallies.n + EXCLUDED.n`.execute(db);
}

export async function tallies(db: Executor, scope: string): Promise<Record<PublicStatus, number>> {
  const rows = await db.selectFrom('message_tallies').select(['public_status', 'n']).where('scope', '=', scope).execute();
  const out: Record<PublicStatus, number> = { pending: 0, handling: 0, done: 0 };
  for (const r of rows) out[r.public_status as PublicStatus] = Number(r.n);
  return out;
}

/** The message with what every view of it needs: board, region, author nickname. */
export function messageRows(db: Executor) {
  return db
    .selectFrom('messages')
    .innerJoin('boards', 'boards.id', 'messages.board_id')
    .innerJoin('regions', 'regions.code', 'messages.region_code')
    .innerJoin('accounts as author', 'author.id', 'messages.author_id')
    .select([
      'messages.id',
      'messages.number',
      'messages.board_id',
      'boards.name as board_name',
      'boards.unit_id as board_unit_id',
      'messages.author_id',
      'author.nickname as author_nickname',
      'messages.type',
      'messages.field_code',
      'messages.region_code',
      'regions.name as region_name',
      'messages.province_code',
      'messages.city_code',
      'messages.county_code',
      'messages.title',
      'messages.body',
      'messages.private_note',
      'messages.is_public',
      'messages.photos_public',
      'messages.location_public',
      'messages.channel',
      'messages.status',
      'messages.public_status',
      'messages.listed',
      'messages.flags',
      'messages.reject_reason',
      'messages.created_at',
      'messages.accepted_at',
      'messages.final_reply_at',
      'messages.last_reply_at',
      'messages.activity_at',
      'messages.reply_count',
      'messages.handling_class',
      'messages.round',
      'messages.assigned_at',
      'messages.supervised_at',
      'messages.leader_attention',
      'messages.closed_at',
      'messages.close_reason',
      'messages.overdue_count',
    ]);
}

export type MessageRow = Awaited<ReturnType<ReturnType<typeof messageRows>['executeTakeFirstOrThrow']>>;

export async function findMessage(db: Executor, id: string, forUpdate = false): Promise<MessageRow | undefined> {
  let q = messageRows(db).where('messages.id', '=', id);
  if (forUpdate) q = q.forUpdate(['messages']);
  return q.executeTakeFirst();
}

/** True when the staff actor may see messages of this message's board. */
export async function staffSeesBoard(db: Executor, actor: Actor, boardId: string): Promise<boolean> {
  if (actor.kind !== 'staff') return false;
  const row = await db.selectFrom('boards').select('id').where('boards.id', '=', boardId).where(boardVisibleSql(actor)).executeTakeFirst();
  return row !== undefined;
}

/**
 * True when the staff actor may see the message: its board is in the actor's
 * scope, or some round assigned it to the actor's unit subtree (a unit sees
 * what was assigned to it or below it, wherever the board is).
 */
export async function staffSeesMessage(db: Executor, actor: Actor, row: { id: string; board_id: string }): Promise<boolean> {
  if (actor.kind !== 'staff') return false;
  if (await staffSeesBoard(db, actor, row.board_id)) return true;
  if (!actor.unitPath) return false;
  const hit = await sql<{ ok: boolean }>`
    SELECT EXISTS (SELECT 1 FROM assignments a JOIN units u ON u.id = a.unit_id
                   WHERE a.message_id = ${row.id} AND u.path <@ ${actor.unitPath}::ltree) AS ok`.execute(db);
  return hit.rows[0]?.ok === true;
}

export async function listTimeline(db: Executor, messageId: string, visibilities: ('public' | 'author' | 'internal')[]) {
  return db
    .selectFrom('message_events')
    .leftJoin('units', 'units.id', 'message_events.unit_id')
    // The unit under the name it had when it acted (unit_names), not today's.
    .select(['message_events.id', 'message_events.kind', 'message_events.visibility', 'message_events.body', 'message_events.data', 'message_events.created_at', 'units.id as unit_id', sql<string>`coalesce(unit_name_at(units.id, message_events.created_at), units.name)`.as('unit_name')])
    .where('message_events.message_id', '=', messageId)
    .where('message_events.visibility', 'in', visibilities)
    .orderBy('message_events.id')
    .execute();
}

export async function findRating(db: Executor, messageId: string) {
  return db.selectFrom('message_ratings').selectAll().where('message_id', '=', messageId).executeTakeFirst();
}

export async function replyTexts(db: Executor, messageId: string): Promise<string[]> {
  const rows = await db.selectFrom('message_events').select('body').where('message_id', '=', messageId).where('kind', '=', 'reply').orderBy('id').execute();
  return rows.map((r) => r.body ?? '');
}
