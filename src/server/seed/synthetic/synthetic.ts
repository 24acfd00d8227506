/**
 * Loads N synthetic messages into a migrated, seeded database: authors,
 * messages with their events and ratings, public numbers that continue the
 * day counters, and the tallies recounted from the data at the end.
 *
 * Speed: one statement per batch (data-modifying CTEs over unnest() arrays:
 * messages, events and ratings of a batch commit together, one round trip);
 * two connections write while Node builds the next batch. For N ≥ 200,000
 * the secondary indexes of messages and message_events are dropped during the
 * load and built once afterwards. Measurements: README.md in this folder.
 */
import { rebuildStats } from '../../modules/stats/stats.fold.js';
import { syncCalendar } from '../../modules/calendar/calendar.service.js';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { HandlingClass } from '../../../shared/handling.js';
import { buildMessage, dayString, DEFAULT_POLICIES, formatNumber, numberDay, planMessages, unpackPlan, type DeadlinePolicy, type GeneratorContext, type SyntheticMessage } from './generate.js';
import { BoardIndex, LocationPicker, RegionTree, type BoardRef } from './places.js';
import { Rng } from './prng.js';
import { SearchDocuments } from './search-cache.js';
import { nicknameFor } from './text.js';
import { planUnits, SYNTHETIC_UNIT_KEY_PREFIX, UnitDirectory, type UnitRow } from './units.js';

export interface SyntheticOptions {
  messages: number;
  seed?: string;
  /** Messages per statement (and transaction). */
  batch?: number;
  /** The moment the data set ends; creation times spread over `spanDays` before it. */
  now?: Date;
  spanDays?: number;
  /** 'auto' drops the secondary indexes of messages and message_events when N ≥ DROP_INDEXES_FROM. */
  indexes?: 'auto' | 'keep' | 'drop';
  /** Where the definitions of dropped indexes wait until they are built again (a crashed run restores them next time). */
  indexRecoveryFile?: string | null;
  /** Fill messages.search through the search module (default true). */
  search?: boolean;
  /** The argon2 hash every synthetic citizen gets (computed once by the caller). */
  passwordHash: string;
  /** Connections writing batches side by side (default 2: PostgreSQL's to_tsvector is the bottleneck of one). */
  writers?: number;
  /** Aborting stops after the batches in flight (indexes are still rebuilt). */
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface SyntheticSummary {
  messages: number;
  events: number;
  ratings: number;
  assignments: number;
  /** Units created for regions that had none (units.ts). */
  units: number;
  authors: number;
  seconds: number;
  loadSeconds: number;
  indexSeconds: number;
  indexesDropped: boolean;
  searchFilled: boolean;
}

export const DROP_INDEXES_FROM = 200_000;
/** Synthetic citizens log in with 170 + 8 digits, a virtual-operator range the demo citizens don't use. */
export const AUTHOR_MOBILE_PREFIX = '170';
const AUTHOR_SEED = 'minsheng-synthetic-author';

export function authorPoolSize(messages: number): number {
  return Math.max(100, Math.ceil(messages / 20));
}

export function authorMobile(k: number): string {
  return AUTHOR_MOBILE_PREFIX + String(k).padStart(8, '0');
}

// ── reference data ────────────────────────────────────────────────────────

async function loadTree(db: Kysely<DB>): Promise<RegionTree> {
  const rows = await db.selectFrom('regions').select(['code', 'name', 'level', 'parent_code']).orderBy('code').execute();
  return new RegionTree(rows);
}

async function loadBoards(db: Kysely<DB>): Promise<BoardIndex> {
  const rows = await db
    .selectFrom('boards')
    .leftJoin('units', 'units.id', 'boards.unit_id')
    .select(['boards.id', 'boards.kind', 'boards.name', 'boards.title', 'boards.region_code', 'boards.unit_id', 'units.name as unit_name'])
    .orderBy('boards.region_code')
    .orderBy('boards.sort')
    .orderBy('boards.id')
    .execute();
  return new BoardIndex(
    rows.map((r): BoardRef => ({ id: r.id, kind: r.kind, name: r.name, title: r.title, regionCode: r.region_code, unitId: r.unit_id, unitName: r.unit_name })),
  );
}

/**
 * Units for every province, city and county that has none (units.ts), and
 * their 党委办公室 as the unit of the region's leader boards that have none.
 * Returns how many units were created.
 */
export async function ensureUnits(db: Kysely<DB>, tree: RegionTree): Promise<number> {
  const existing = await db.selectFrom('units').select(['id', 'key', 'name', 'kind', 'region_code', sql<string>`path::text`.as('path')]).execute();
  const plan = planUnits(
    tree,
    existing.map((u) => ({ id: u.id, key: u.key, name: u.name, kind: u.kind, regionCode: u.region_code })),
  );
  if (plan.length > 0) {
    const ids = (await sql<{ id: string }>`SELECT nextval('units_id_seq')::text AS id FROM generate_series(1, ${plan.length}::int) ORDER BY 1`.execute(db)).rows.map((r) => r.id);
    const pathById = new Map(existing.map((u) => [u.id, u.path]));
    const byKey = new Map<string, { id: string; path: string }>();
    const rows = plan.map((p, i) => {
      const id = ids[i]!;
      const parentId = p.parent === null ? null : 'id' in p.parent ? p.parent.id : byKey.get(p.parent.key)!.id;
      const parentPath = parentId === null ? null : (pathById.get(parentId) ?? byKey.get((p.parent as { key: string }).key)!.path);
      const path = parentPath ? `${parentPath}.${id}` : id;
      byKey.set(p.key, { id, path });
      return { id, key: p.key, name: p.name, kind: p.kind, region: p.regionCode, parentId, path };
    });
    for (let i = 0; i < rows.length; i += 20_000) {
      const slice = rows.slice(i, i + 20_000);
      await sql`
        INSERT INTO units (id, key, name, kind, region_code, parent_id, path)
        SELECT t.id, t.key, t.name, t.kind, t.region, t.parent_id, t.path::ltree
        FROM unnest(${slice.map((r) => r.id)}::bigint[], ${slice.map((r) => r.key)}::text[], ${slice.map((r) => r.name)}::text[], ${slice.map((r) => r.kind)}::text[],
                    ${slice.map((r) => r.region)}::text[], ${slice.map((r) => r.parentId)}::bigint[], ${slice.map((r) => r.path)}::text[])
          AS t(id, key, name, kind, region, parent_id, path)`.execute(db);
    }
  }
  // The office runs the leader boards of its region (a board the demo data gave a unit keeps it).
  await sql`
    UPDATE boards b SET unit_id = u.id FROM units u
    WHERE b.kind = 'leader' AND b.unit_id IS NULL AND u.key = ${SYNTHETIC_UNIT_KEY_PREFIX} || b.region_code || ':office'`.execute(db);
  return plan.length;
}

async function loadUnitDirectory(db: Kysely<DB>, boards: BoardIndex, tree: RegionTree): Promise<UnitDirectory> {
  const rows = await db.selectFrom('units').select(['id', 'key', 'name', 'kind', 'region_code']).execute();
  const units: UnitRow[] = rows.map((u) => ({ id: u.id, key: u.key, name: u.name, kind: u.kind, regionCode: u.region_code }));
  const boardUnits = new Map<string, string>();
  for (const code of tree.byCode.keys()) {
    const unit = boards.leaderBoards(code).find((b) => b.unitId !== null)?.unitId;
    if (unit) boardUnits.set(code, unit);
  }
  return new UnitDirectory(units, boardUnits);
}

async function loadPolicies(db: Kysely<DB>): Promise<Record<HandlingClass, DeadlinePolicy>> {
  const rows = await db.selectFrom('deadline_policies').select(['handling_class', 'sign_days', 'contact_days', 'reply_days']).where('region_code', '=', '000000').execute();
  const policies = { ...DEFAULT_POLICIES };
  for (const r of rows) policies[r.handling_class as HandlingClass] = { sign_days: r.sign_days, contact_days: r.contact_days, reply_days: r.reply_days };
  return policies;
}

/** The pool of synthetic citizens, created where missing; the same mobiles and nicknames on every run. */
export async function ensureAuthors(db: Kysely<DB>, count: number, passwordHash: string, cityNames: readonly string[], createdBefore: number): Promise<{ id: string; nickname: string }[]> {
  const out: { id: string; nickname: string }[] = [];
  const chunk = 10_000;
  for (let start = 0; start < count; start += chunk) {
    const mobiles: string[] = [];
    const nicknames: string[] = [];
    const created: number[] = [];
    for (let k = start; k < Math.min(count, start + chunk); k++) {
      const rng = new Rng(AUTHOR_SEED, k);
      mobiles.push(authorMobile(k));
      nicknames.push(nicknameFor(rng, cityNames));
      created.push(createdBefore - rng.int(365) * 86_400_000 - rng.int(86_400_000));
    }
    await sql`
      INSERT INTO accounts (kind, mobile, password_hash, nickname, display_name, created_at, updated_at)
      SELECT 'citizen', t.mobile, ${passwordHash}, t.nickname, t.nickname, to_timestamp(t.created / 1000.0), to_timestamp(t.created / 1000.0)
      FROM unnest(${mobiles}::text[], ${nicknames}::text[], ${created}::float8[]) AS t(mobile, nickname, created)
      ON CONFLICT (mobile) DO NOTHING`.execute(db);
    const rows = await db.selectFrom('accounts').select(['id', 'mobile', 'nickname']).where('mobile', '=', sql<string>`ANY(${mobiles}::text[])`).execute();
    const byMobile = new Map(rows.map((r) => [r.mobile!, r]));
    for (const mobile of mobiles) {
      const row = byMobile.get(mobile);
      if (row) out.push({ id: row.id, nickname: row.nickname });
    }
  }
  if (out.length === 0) throw new Error('no synthetic authors could be created');
  return out;
}

/**
 * Reserves `counts` numbers per day atomically: the counters move on at once,
 * so a live submission during the load takes the number after ours.
 * Returns the last number used before ours, per day.
 */
async function reserveNumbers(db: Kysely<DB>, counts: Map<number, number>): Promise<Map<number, number>> {
  const days = [...counts.keys()];
  const bases = new Map<number, number>();
  for (let i = 0; i < days.length; i += 5000) {
    const slice = days.slice(i, i + 5000);
    const result = await sql<{ day: string; n: number }>`
      INSERT INTO message_day_counters (day, n)
      SELECT t.day::date, t.n FROM unnest(${slice.map(dayString)}::text[], ${slice.map((d) => counts.get(d)!)}::int[]) AS t(day, n)
      ON CONFLICT (day) DO UPDATE SET n = message_day_counters.n + excluded.n
      RETURNING day::text AS day, n`.execute(db);
    for (const row of result.rows) {
      const day = Math.round(Date.parse(`${row.day}T00:00:00Z`) / 86_400_000);
      bases.set(day, row.n - counts.get(day)!);
    }
  }
  return bases;
}

// ── indexes ───────────────────────────────────────────────────────────────

interface IndexDefinition {
  name: string;
  definition: string;
}

/** Indexes of messages, message_events and assignments that no constraint owns (primary keys and UNIQUE(number) stay). */
async function secondaryIndexes(db: Kysely<DB>): Promise<IndexDefinition[]> {
  const result = await sql<IndexDefinition>`
    SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE c.relname IN ('messages', 'message_events', 'assignments')
      AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)
    ORDER BY c.relname, ic.relname`.execute(db);
  return result.rows;
}

async function createIndexes(db: Kysely<DB>, indexes: readonly IndexDefinition[], log: (m: string) => void): Promise<void> {
  // Two at a time: one per core, each with a generous sort memory for this session only.
  const queue = [...indexes];
  await Promise.all(
    [0, 1].map(() =>
      db.connection().execute(async (conn) => {
        await sql`SET maintenance_work_mem = '512MB'`.execute(conn);
        await sql`SET max_parallel_maintenance_workers = 0`.execute(conn);
        for (let next = queue.shift(); next; next = queue.shift()) {
          const started = Date.now();
          await sql.raw(next.definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')).execute(conn);
          log(`synthetic: index ${next.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
      }),
    ),
  );
}

/** Builds the indexes a crashed earlier run dropped. */
async function restoreIndexes(db: Kysely<DB>, file: string | null | undefined, log: (m: string) => void): Promise<void> {
  if (!file || !existsSync(file)) return;
  const indexes = JSON.parse(readFileSync(file, 'utf8')) as IndexDefinition[];
  log(`synthetic: restoring ${indexes.length} indexes an interrupted run dropped (${file})`);
  await createIndexes(db, indexes, log);
  rmSync(file, { force: true });
}

// ── tallies ───────────────────────────────────────────────────────────────

/**
 * Recounts the tab counts of every scope from the listed messages, under a
 * lock so live changes wait and then apply on top. The scopes are those of the
 * messages module's tallyScopes: everywhere, the level codes, the own region
 * when the location is public, the board.
 */
export async function rebuildTallies(db: Kysely<DB>): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`LOCK TABLE message_tallies IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
    await sql`DELETE FROM message_tallies`.execute(tx);
    const result = await sql`
      INSERT INTO message_tallies (scope, public_status, n)
      SELECT s.scope, m.public_status, count(*)
      FROM messages m
      CROSS JOIN LATERAL (VALUES
        ('all'), ('r:' || m.province_code), ('r:' || m.city_code), ('r:' || m.county_code),
        -- The own region once: a county's messages already count under county_code.
        (CASE WHEN m.location_public AND m.region_code IS DISTINCT FROM m.province_code AND m.region_code IS DISTINCT FROM m.city_code
                   AND m.region_code IS DISTINCT FROM m.county_code THEN 'r:' || m.region_code END),
        ('b:' || m.board_id)) AS s(scope)
      WHERE m.listed AND s.scope IS NOT NULL
      GROUP BY s.scope, m.public_status`.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  });
}

// ── one batch ─────────────────────────────────────────────────────────────

/** Column arrays of a batch, built while the previous batch is being written. */
interface BatchArrays {
  count: number;
  events: number;
  ratings: number;
  assignments: number;
  m: Record<string, unknown[]>;
  e: Record<string, unknown[]>;
  r: Record<string, unknown[]>;
  a: Record<string, unknown[]>;
  withSearch: boolean;
}

/** How many assignments a batch has (their ids are taken before the arrays are built). */
export function countAssignments(batch: readonly SyntheticMessage[]): number {
  return batch.reduce((n, m) => n + m.assignments.length, 0);
}

/** `assignmentIds`: countAssignments(batch) ids, ascending, in the batch's order of assignments. */
function toArrays(batch: readonly SyntheticMessage[], search: SearchDocuments | null, assignmentIds: readonly string[]): BatchArrays {
  const m = {
    number: [] as string[],
    board: [] as string[],
    author: [] as string[],
    type: [] as string[],
    field: [] as string[],
    region: [] as string[],
    province: [] as (string | null)[],
    city: [] as (string | null)[],
    county: [] as (string | null)[],
    title: [] as string[],
    body: [] as string[],
    note: [] as (string | null)[],
    isPublic: [] as boolean[],
    locationPublic: [] as boolean[],
    channel: [] as string[],
    status: [] as string[],
    publicStatus: [] as (string | null)[],
    listed: [] as boolean[],
    reject: [] as (string | null)[],
    created: [] as number[],
    accepted: [] as (number | null)[],
    firstReply: [] as (number | null)[],
    finalReply: [] as (number | null)[],
    lastReply: [] as (number | null)[],
    activity: [] as number[],
    handlingClass: [] as (string | null)[],
    assigned: [] as (number | null)[],
    closed: [] as (number | null)[],
    closeReason: [] as (string | null)[],
    replyCount: [] as number[],
    searchTitle: [] as (string | null)[],
    searchBody: [] as (string | null)[],
  };
  const e = { message: [] as number[], kind: [] as string[], visibility: [] as string[], actor: [] as (string | null)[], unit: [] as (string | null)[], body: [] as (string | null)[], data: [] as string[], at: [] as number[] };
  const r = { message: [] as number[], resolution: [] as number[], attitude: [] as number[], speed: [] as number[], grade: [] as string[], comment: [] as (string | null)[], at: [] as number[] };
  const a = {
    id: [] as string[],
    message: [] as number[],
    unit: [] as string[],
    role: [] as string[],
    parent: [] as (string | null)[],
    byUnit: [] as (string | null)[],
    handlingClass: [] as string[],
    status: [] as string[],
    assigned: [] as number[],
    signDue: [] as number[],
    contactDue: [] as number[],
    replyDue: [] as number[],
    signed: [] as (number | null)[],
    contacted: [] as (number | null)[],
    replied: [] as (number | null)[],
    finished: [] as (number | null)[],
  };
  let nextAssignment = 0;
  batch.forEach((msg, index) => {
    const ord = index + 1;
    m.number.push(msg.number);
    m.board.push(msg.boardId);
    m.author.push(msg.authorId);
    m.type.push(msg.type);
    m.field.push(msg.fieldCode);
    m.region.push(msg.regionCode);
    m.province.push(msg.provinceCode);
    m.city.push(msg.cityCode);
    m.county.push(msg.countyCode);
    m.title.push(msg.title);
    m.body.push(msg.body);
    m.note.push(msg.privateNote);
    m.isPublic.push(msg.isPublic);
    m.locationPublic.push(msg.locationPublic);
    m.channel.push(msg.channel);
    m.status.push(msg.status);
    m.publicStatus.push(msg.publicStatus);
    m.listed.push(msg.listed);
    m.reject.push(msg.rejectReason);
    m.created.push(msg.createdAt);
    m.accepted.push(msg.acceptedAt);
    m.firstReply.push(msg.firstReplyAt);
    m.finalReply.push(msg.finalReplyAt);
    m.lastReply.push(msg.lastReplyAt);
    m.activity.push(msg.activityAt);
    m.handlingClass.push(msg.handlingClass);
    m.assigned.push(msg.assignedAt);
    m.closed.push(msg.closedAt);
    m.closeReason.push(msg.closeReason);
    // The live path counts each published reply (handling.work.ts publishReply); so do we.
    m.replyCount.push(msg.events.filter((e) => e.kind === 'reply' && e.visibility === 'public').length);
    const firstAssignment = nextAssignment;
    for (const x of msg.assignments) {
      a.id.push(assignmentIds[nextAssignment++]!);
      a.message.push(ord);
      a.unit.push(x.unitId);
      a.role.push(x.role);
      a.parent.push(x.parent === null ? null : assignmentIds[firstAssignment + x.parent]!);
      a.byUnit.push(x.assignedByUnitId);
      a.handlingClass.push(x.handlingClass);
      a.status.push(x.status);
      a.assigned.push(x.assignedAt);
      a.signDue.push(x.signDue);
      a.contactDue.push(x.contactDue);
      a.replyDue.push(x.replyDue);
      a.signed.push(x.signedAt);
      a.contacted.push(x.contactedAt);
      a.replied.push(x.repliedAt);
      a.finished.push(x.finishedAt);
    }
    if (search) {
      const doc = search.fromPieces(msg.searchPieces.title, msg.searchPieces.body);
      m.searchTitle.push(doc.title);
      m.searchBody.push(doc.body);
    }
    for (const ev of msg.events) {
      e.message.push(ord);
      e.kind.push(ev.kind);
      e.visibility.push(ev.visibility);
      e.actor.push(ev.actorId);
      e.unit.push(ev.unitId);
      e.body.push(ev.body);
      e.data.push(JSON.stringify(ev.assignment === undefined ? ev.data : { assignmentId: Number(assignmentIds[firstAssignment + ev.assignment]), ...ev.data }));
      e.at.push(ev.at);
    }
    if (msg.rating) {
      r.message.push(ord);
      r.resolution.push(msg.rating.resolution);
      r.attitude.push(msg.rating.attitude);
      r.speed.push(msg.rating.speed);
      r.grade.push(msg.rating.grade);
      r.comment.push(msg.rating.comment);
      r.at.push(msg.rating.ratedAt);
    }
  });
  if (nextAssignment !== assignmentIds.length) throw new Error(`batch has ${nextAssignment} assignments, ${assignmentIds.length} ids were taken`);
  return {
    count: batch.length,
    events: e.message.length,
    ratings: r.message.length,
    assignments: a.id.length,
    m,
    e,
    r,
    a,
    withSearch: search !== null,
  };
}

async function writeBatch(conn: Kysely<DB>, ids: string[], arrays: BatchArrays): Promise<void> {
  const { m, e, r, a } = arrays;
  const searchTitle = arrays.withSearch ? m.searchTitle : null;
  const searchBody = arrays.withSearch ? m.searchBody : null;
  const result = await sql<{ messages: number; events: number; ratings: number; assignments: number }>`
    WITH ids AS MATERIALIZED (
      SELECT ord::int AS ord, id FROM unnest(${ids}::bigint[]) WITH ORDINALITY AS t(id, ord)
    ),
    src AS (
      SELECT * FROM unnest(
        ${m.number}::text[], ${m.board}::bigint[], ${m.author}::bigint[], ${m.type}::text[], ${m.field}::text[],
        ${m.region}::text[], ${m.province}::text[], ${m.city}::text[], ${m.county}::text[], ${m.title}::text[], ${m.body}::text[],
        ${m.note}::text[], ${m.isPublic}::bool[], ${m.locationPublic}::bool[], ${m.channel}::text[], ${m.status}::text[],
        ${m.publicStatus}::text[], ${m.listed}::bool[], ${m.reject}::text[], ${m.created}::float8[], ${m.accepted}::float8[],
        ${m.firstReply}::float8[], ${m.finalReply}::float8[], ${m.lastReply}::float8[], ${m.activity}::float8[],
        ${m.handlingClass}::text[], ${m.assigned}::float8[], ${m.closed}::float8[], ${m.closeReason}::text[], ${m.replyCount}::int[],
        ${searchTitle}::text[], ${searchBody}::text[]
      ) WITH ORDINALITY AS t(number, board_id, author_id, type, field_code, region_code, province_code, city_code, county_code, title, body,
        private_note, is_public, location_public, channel, status, public_status, listed, reject_reason, created_at, accepted_at,
        first_reply_at, final_reply_at, last_reply_at, activity_at, handling_class, assigned_at, closed_at, close_reason, reply_count, search_title, search_body, ord)
    ),
    m AS (
      INSERT INTO messages (id, number, board_id, author_id, type, field_code, region_code, province_code, city_code, county_code, title, body,
        private_note, is_public, location_public, channel, status, public_status, listed, reject_reason, created_at, accepted_at,
        first_reply_at, final_reply_at, last_reply_at, activity_at, handling_class, round, assigned_at, closed_at, close_reason, reply_count, search)
      SELECT ids.id, s.number, s.board_id, s.author_id, s.type, s.field_code, s.region_code, s.province_code, s.city_code, s.county_code, s.title, s.body,
        s.private_note, s.is_public, s.location_public, s.channel, s.status, s.public_status, s.listed, s.reject_reason,
        to_timestamp(s.created_at / 1000.0), to_timestamp(s.accepted_at / 1000.0), to_timestamp(s.first_reply_at / 1000.0),
        to_timestamp(s.final_reply_at / 1000.0), to_timestamp(s.last_reply_at / 1000.0), to_timestamp(s.activity_at / 1000.0),
        s.handling_class, 0, to_timestamp(s.assigned_at / 1000.0), to_timestamp(s.closed_at / 1000.0), s.close_reason, s.reply_count,
        CASE WHEN s.search_title IS NULL THEN NULL
             ELSE setweight(to_tsvector('simple', s.search_title), 'A') || setweight(to_tsvector('simple', s.search_body), 'B') END
      FROM src s JOIN ids ON ids.ord = s.ord
      ORDER BY s.ord
      RETURNING 1
    ),
    e AS (
      INSERT INTO message_events (message_id, kind, visibility, actor_id, unit_id, body, data, created_at)
      SELECT ids.id, ev.kind, ev.visibility, ev.actor_id, ev.unit_id, ev.body, ev.data::jsonb, to_timestamp(ev.at / 1000.0)
      FROM unnest(${e.message}::int[], ${e.kind}::text[], ${e.visibility}::text[], ${e.actor}::bigint[], ${e.unit}::bigint[],
                  ${e.body}::text[], ${e.data}::text[], ${e.at}::float8[]) WITH ORDINALITY
        AS ev(ord, kind, visibility, actor_id, unit_id, body, data, at, eord)
      JOIN ids ON ids.ord = ev.ord
      ORDER BY ev.eord
      RETURNING 1
    ),
    r AS (
      INSERT INTO message_ratings (message_id, resolution, attitude, speed, grade, comment, rated_at)
      SELECT ids.id, rt.resolution, rt.attitude, rt.speed, rt.grade, rt.comment, to_timestamp(rt.at / 1000.0)
      FROM unnest(${r.message}::int[], ${r.resolution}::int[], ${r.attitude}::int[], ${r.speed}::int[], ${r.grade}::text[],
                  ${r.comment}::text[], ${r.at}::float8[]) AS rt(ord, resolution, attitude, speed, grade, comment, at)
      JOIN ids ON ids.ord = rt.ord
      RETURNING 1
    ),
    a AS (
      -- Parents come before their children in id order; the foreign keys are checked at the end of the statement.
      INSERT INTO assignments (id, message_id, round, unit_id, role, parent_id, assigned_by, assigned_by_unit_id, handling_class, status,
        assigned_at, sign_due, contact_due, reply_due, signed_at, contacted_at, replied_at, finished_at)
      SELECT x.id, ids.id, 0, x.unit_id, x.role, x.parent_id, NULL, x.by_unit, x.handling_class, x.status,
        to_timestamp(x.assigned / 1000.0), to_timestamp(x.sign_due / 1000.0), to_timestamp(x.contact_due / 1000.0), to_timestamp(x.reply_due / 1000.0),
        to_timestamp(x.signed / 1000.0), to_timestamp(x.contacted / 1000.0), to_timestamp(x.replied / 1000.0), to_timestamp(x.finished / 1000.0)
      FROM unnest(${a.id}::bigint[], ${a.message}::int[], ${a.unit}::bigint[], ${a.role}::text[], ${a.parent}::bigint[], ${a.byUnit}::bigint[],
                  ${a.handlingClass}::text[], ${a.status}::text[], ${a.assigned}::float8[], ${a.signDue}::float8[], ${a.contactDue}::float8[],
                  ${a.replyDue}::float8[], ${a.signed}::float8[], ${a.contacted}::float8[], ${a.replied}::float8[], ${a.finished}::float8[])
        AS x(id, ord, unit_id, role, parent_id, by_unit, handling_class, status, assigned, sign_due, contact_due, reply_due, signed, contacted, replied, finished)
      JOIN ids ON ids.ord = x.ord
      ORDER BY x.id
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM m)::int AS messages, (SELECT count(*) FROM e)::int AS events, (SELECT count(*) FROM r)::int AS ratings,
           (SELECT count(*) FROM a)::int AS assignments`.execute(conn);
  const row = result.rows[0];
  if (!row || row.messages !== arrays.count || row.events !== arrays.events || row.ratings !== arrays.ratings || row.assignments !== arrays.assignments) {
    throw new Error(`batch wrote ${JSON.stringify(row)}, expected ${arrays.count}/${arrays.events}/${arrays.ratings}/${arrays.assignments}`);
  }
}

// ── the run ───────────────────────────────────────────────────────────────

/** A connection of the pool held until released: kysely lends one only for the length of a callback. */
async function holdConnection(db: Kysely<DB>): Promise<{ conn: Kysely<DB>; release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const done = db.connection().execute(async (conn) => {
      resolve({ conn, release: async () => (release(), await done) });
      await released;
    });
    done.catch(reject);
  });
}

/** The next `n` message ids, ascending. */
async function allocateIds(db: Kysely<DB>, sequence: string, n: number): Promise<string[]> {
  const result = await sql<{ id: string }>`SELECT nextval(${sequence}::regclass) AS id FROM generate_series(1, ${n}::int) ORDER BY 1`.execute(db);
  return result.rows.map((r) => r.id);
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/**
 * Generates and loads the messages. Deterministic for a seed, a count and `now`
 * (ids and, on a database that already has messages, numbers aside).
 * @throws when the database lacks regions or boards (run the normal seed first).
 */
export async function seedSyntheticMessages(db: Database, options: SyntheticOptions): Promise<SyntheticSummary> {
  const log = options.log ?? (() => {});
  const count = options.messages;
  if (!Number.isInteger(count) || count < 1) throw new Error('messages must be a positive integer');
  const seed = options.seed ?? '1';
  const batchSize = Math.max(100, options.batch ?? 5000);
  const now = (options.now ?? new Date()).getTime();
  const spanDays = options.spanDays ?? 730;
  const started = Date.now();

  await restoreIndexes(db, options.indexRecoveryFile, log);
  // Generated deadlines count working days on the database's calendar, as live ones do.
  await syncCalendar(db);

  const tree = await loadTree(db);
  if (tree.provinces.length === 0) throw new Error('no regions: run the normal seed first');
  const unitsCreated = await ensureUnits(db, tree);
  if (unitsCreated > 0) log(`synthetic: ${unitsCreated.toLocaleString('en')} units created for the regions that had none (their offices run the regions' leader boards)`);
  const boards = await loadBoards(db);
  const units = await loadUnitDirectory(db, boards, tree);
  const policies = await loadPolicies(db);
  const fields = new Set((await db.selectFrom('fields').select('code').where('active', '=', true).execute()).map((f) => f.code));
  const cityNames = tree.cities().map((c) => c.name);
  const authors = await ensureAuthors(db, authorPoolSize(count), options.passwordHash, cityNames, now - spanDays * 86_400_000);
  log(`synthetic: ${authors.length} citizen accounts (mobiles ${authorMobile(0)}…), ${boards.ministries.length} ministries, ${fields.size} fields`);

  const ctx: GeneratorContext = { locations: new LocationPicker(tree), boards, authors, fields, now, spanDays, units, policies };
  const plan = planMessages(seed, count, now, spanDays);
  const perDay = new Map<number, number>();
  for (const packed of plan) {
    const day = numberDay(unpackPlan(packed).at);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const bases = await reserveNumbers(db, perDay);
  const used = new Map<number, number>();

  const dropIndexes = options.indexes === 'drop' || ((options.indexes ?? 'auto') === 'auto' && count >= DROP_INDEXES_FROM);
  let dropped: IndexDefinition[] = [];
  if (dropIndexes) {
    dropped = await secondaryIndexes(db);
    if (options.indexRecoveryFile) writeFileSync(options.indexRecoveryFile, JSON.stringify(dropped, null, 2));
    for (const index of dropped) await sql`DROP INDEX IF EXISTS ${sql.id(index.name)}`.execute(db);
    log(`synthetic: dropped ${dropped.length} secondary indexes for the load (${dropped.map((i) => i.name).join(', ')})`);
  }

  const search = options.search === false ? null : new SearchDocuments();
  const rng = new Rng(seed, 2);
  const writerCount = Math.max(1, options.writers ?? 2);
  let written = 0;
  let events = 0;
  let ratings = 0;
  let assignments = 0;
  let loadSeconds = 0;
  let indexSeconds = 0;
  const writers = await Promise.all(Array.from({ length: writerCount }, () => holdConnection(db)));
  const busy: (Promise<void> | null)[] = writers.map(() => null);
  try {
    const loadStarted = Date.now();
    const nodeCpu = process.cpuUsage();
    for (const w of writers) {
      // The load is replayable from the seed: no need to wait for the WAL flush at each commit.
      await sql`SET synchronous_commit = off`.execute(w.conn);
    }
    const sequence = (await sql<{ seq: string }>`SELECT pg_get_serial_sequence('messages', 'id') AS seq`.execute(db)).rows[0]!.seq;
    const assignmentSequence = (await sql<{ seq: string }>`SELECT pg_get_serial_sequence('assignments', 'id') AS seq`.execute(db)).rows[0]!.seq;
    let ids: string[] = [];
    let lastLog = Date.now();
    for (let start = 0; start < count; start += batchSize) {
      if (options.signal?.aborted) throw new Error('synthetic load interrupted');
      const end = Math.min(count, start + batchSize);
      // Ids are taken in creation order ahead of the writers, so ids grow with time even when two batches commit out of order.
      if (ids.length < end - start) ids = ids.concat(await allocateIds(db, sequence, Math.max(end - start, Math.min(count - start, 100_000)) - ids.length));
      const batchIds = ids.splice(0, end - start);
      const batch: SyntheticMessage[] = [];
      for (let i = start; i < end; i++) {
        const { at, status } = unpackPlan(plan[i]!);
        const day = numberDay(at);
        const seq = (bases.get(day) ?? 0) + (used.get(day) ?? 0) + 1;
        used.set(day, (used.get(day) ?? 0) + 1);
        batch.push(buildMessage(rng, ctx, at, status, formatNumber(day, seq)));
        // Let the sockets drain the batches in flight while this one is built.
        if ((i & 255) === 255) await yieldToIo();
      }
      const arrays = toArrays(batch, search, await allocateIds(db, assignmentSequence, countAssignments(batch)));
      let slot = busy.indexOf(null);
      if (slot < 0) slot = await Promise.race(busy.map((p, i) => p!.then(() => i)));
      const writer = writers[slot]!;
      busy[slot] = writeBatch(writer.conn, batchIds, arrays).then(() => {
        written += arrays.count;
        events += arrays.events;
        ratings += arrays.ratings;
        assignments += arrays.assignments;
        busy[slot] = null;
      });
      // A failed batch must fail the run now, not when its slot is next awaited.
      busy[slot]!.catch(() => {});
      await yieldToIo();
      if (Date.now() - lastLog >= 5000) {
        lastLog = Date.now();
        const elapsed = (Date.now() - loadStarted) / 1000;
        const rate = written / elapsed;
        log(
          `synthetic: ${written.toLocaleString('en')}/${count.toLocaleString('en')} messages (${((100 * written) / count).toFixed(1)}%), ` +
            `${Math.round(rate).toLocaleString('en')} msg/s, ${Math.round(events / elapsed).toLocaleString('en')} events/s, ` +
            `elapsed ${duration(elapsed)}, eta ${duration((count - written) / rate)}`,
        );
      }
    }
    await Promise.all(busy);
    loadSeconds = (Date.now() - loadStarted) / 1000;
    const cpu = process.cpuUsage(nodeCpu);
    log(
      `synthetic: loaded ${written.toLocaleString('en')} messages, ${events.toLocaleString('en')} events, ${ratings.toLocaleString('en')} ratings, ${assignments.toLocaleString('en')} assignments ` +
        `in ${duration(loadSeconds)} (${Math.round(written / loadSeconds).toLocaleString('en')} msg/s; Node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s, ${writerCount} writers)`,
    );
    if (search) log(`synthetic: search documents: ${search.hits.toLocaleString('en')} text pieces from the memo, ${search.misses.toLocaleString('en')} segmented`);
  } finally {
    // After a failure the other writer may still be busy: let it finish before its connection goes back.
    await Promise.allSettled(busy);
    await Promise.allSettled(writers.map((w) => w.release()));
    if (dropped.length > 0) {
      const indexStarted = Date.now();
      await createIndexes(db, dropped, log);
      if (options.indexRecoveryFile) rmSync(options.indexRecoveryFile, { force: true });
      indexSeconds = (Date.now() - indexStarted) / 1000;
      log(`synthetic: rebuilt ${dropped.length} indexes in ${duration(indexSeconds)}`);
    }
  }

  const tallies = await rebuildTallies(db);
  // The triggers marked every new message; count them all into the statistics rollups now.
  const statsStarted = Date.now();
  await rebuildStats(db, log);
  log(`synthetic: statistics rebuilt in ${duration((Date.now() - statsStarted) / 1000)}`);
  const vacuumStarted = Date.now();
  if (count >= DROP_INDEXES_FROM) {
    // After a bulk load autovacuum would soon walk the new rows anyway (setting hint bits and the
    // visibility map); doing it now keeps it from running under a benchmark started right after.
    await sql`VACUUM (ANALYZE) messages, message_events, message_ratings, message_tallies, accounts, assignments, units, boards, stat_facts, stat_cells, stat_terms`.execute(db);
    log(`synthetic: vacuumed and analysed in ${duration((Date.now() - vacuumStarted) / 1000)}`);
  } else {
    await sql`ANALYZE messages, message_events, message_ratings, message_tallies, accounts, assignments, units, boards, stat_facts, stat_cells, stat_terms`.execute(db);
  }
  const seconds = (Date.now() - started) / 1000;
  log(`synthetic: ${tallies} tally rows recounted; total ${duration(seconds)}`);
  return { messages: written, events, ratings, assignments, units: unitsCreated, authors: authors.length, seconds, loadSeconds, indexSeconds, indexesDropped: dropped.length > 0, searchFilled: search !== null };
}
