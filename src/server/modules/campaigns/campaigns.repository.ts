/** SQL of campaigns, their entries, supports and counters. */
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { EntryKind, EntrySort } from '../../../shared/campaigns.js';
import { prepared, type Executor } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { organiserManagedSql } from './campaigns.policy.js';

/** The live counter's shards (migration 2026-11-23T2100_campaigns). */
const COUNT_SHARDS = 16;

/** An instant in UTC to the microsecond, for keyset cursors (a JavaScript Date keeps milliseconds only). */
const utcKey = (column: string) => sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// ── campaigns ───────────────────────────────────────────────────────────────

/** A campaign with its organiser and board, the organiser's scope paths and both counts. */
export function campaignRows(db: Executor) {
  return db
    .selectFrom('campaigns')
    .innerJoin('units as organiser', 'organiser.id', 'campaigns.organiser_unit_id')
    .innerJoin('regions as organiser_region', 'organiser_region.code', 'organiser.region_code')
    .innerJoin('boards', 'boards.id', 'campaigns.board_id')
    .select([
      'campaigns.id',
      'campaigns.title',
      'campaigns.description',
      'campaigns.cover_photo_id',
      'campaigns.organiser_unit_id',
      'organiser.name as organiser_name',
      sql<string>`organiser.path::text`.as('organiser_path'),
      sql<string>`organiser_region.path::text`.as('organiser_region_path'),
      'campaigns.board_id',
      'boards.name as board_name',
      'campaigns.topics',
      'campaigns.region_codes',
      'campaigns.starts_at',
      'campaigns.ends_at',
      'campaigns.has_prizes',
      'campaigns.entries_public',
      'campaigns.status',
      'campaigns.result_summary',
      'campaigns.results_published_at',
      utcKey('campaigns.starts_at').as('starts_key'),
      // The counter's 16 shards, summed; adopted entries through their partial index.
      sql<number>`(SELECT coalesce(sum(c.n), 0) FROM campaign_entry_counts c WHERE c.campaign_id = campaigns.id)::int`.as('entry_count'),
      sql<number>`(SELECT count(*) FROM campaign_entries e WHERE e.campaign_id = campaigns.id AND e.adopted_at IS NOT NULL)::int`.as('adopted_count'),
    ]);
}

export type CampaignRow = Awaited<ReturnType<ReturnType<typeof campaignRows>['executeTakeFirstOrThrow']>>;

export async function findCampaign(db: Executor, id: string): Promise<CampaignRow | undefined> {
  // The campaign page polls this for its live counter: parsed once per connection (docs/decisions/0010).
  return campaignRows(db).where('campaigns.id', '=', id).modifyEnd(prepared).executeTakeFirst();
}

/** What an entry submission checks, without the joins and counts of a full row. */
export async function findCampaignForEntry(db: Executor, id: string) {
  return db
    .selectFrom('campaigns')
    .select(['id', 'status', 'starts_at', 'ends_at', 'board_id', 'topics', 'region_codes', 'entries_public'])
    .where('id', '=', id)
    // Every entry of a burst asks this: parsed once per connection (docs/decisions/0010).
    .modifyEnd(prepared)
    .executeTakeFirst();
}

/**
 * Serialises the organiser's edits of one campaign. NO KEY: every entry's
 * foreign keys hold KEY SHARE locks on the row, and a plain FOR UPDATE would
 * stall a burst of submissions behind an edit.
 */
export async function lockCampaign(db: Executor, id: string): Promise<void> {
  await db.selectFrom('campaigns').select('id').where('id', '=', id).forNoKeyUpdate().execute();
}

export interface CampaignListFilter {
  /** Published campaigns only (the public list); else those the actor manages. */
  managedBy: Actor | null;
  phase: 'open' | 'upcoming' | 'ended' | null;
  status: 'draft' | 'published' | 'results_published' | null;
  now: Date;
  after: { at: string; id: string } | null;
  limit: number;
}

/** Newest start first, keyset on (starts_at, id). */
export async function listCampaigns(db: Executor, f: CampaignListFilter): Promise<CampaignRow[]> {
  let q = campaignRows(db).orderBy('campaigns.starts_at', 'desc').orderBy('campaigns.id', 'desc').limit(f.limit + 1);
  q = f.managedBy ? q.where(organiserManagedSql(f.managedBy)) : q.where('campaigns.status', '<>', 'draft');
  if (f.status) q = q.where('campaigns.status', '=', f.status);
  if (f.phase === 'open') q = q.where('campaigns.starts_at', '<=', f.now).where('campaigns.ends_at', '>', f.now);
  if (f.phase === 'upcoming') q = q.where('campaigns.starts_at', '>', f.now);
  if (f.phase === 'ended') q = q.where('campaigns.ends_at', '<=', f.now);
  if (f.after) q = q.where(sql<boolean>`(campaigns.starts_at, campaigns.id) < (${f.after.at}::timestamptz, ${f.after.id}::bigint)`);
  return q.execute();
}

export interface CampaignValues {
  title: string;
  description: string;
  cover_photo_id: string | null;
  organiser_unit_id: string;
  board_id: string;
  topics: string[];
  region_codes: string[];
  starts_at: string;
  ends_at: string;
  has_prizes: boolean;
  entries_public: boolean;
}

export async function insertCampaign(db: Executor, values: CampaignValues & { created_by: string }): Promise<string> {
  const row = await db.insertInto('campaigns').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCampaign(db: Executor, id: string, values: Partial<CampaignValues> & { status?: 'published' | 'results_published'; result_summary?: string; results_published_at?: Date }): Promise<void> {
  await db.updateTable('campaigns').set({ ...values, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

/** The organiser unit's scope paths (for the policy), or undefined when there is no such unit. */
export async function findOrganiser(db: Executor, unitId: string) {
  return db
    .selectFrom('units')
    .innerJoin('regions', 'regions.code', 'units.region_code')
    .select(['units.id', sql<string>`units.path::text`.as('unit_path'), sql<string>`regions.path::text`.as('region_path')])
    .where('units.id', '=', unitId)
    .executeTakeFirst();
}

/** The board, when it exists and its messages are in the actor's scope; with its region's path (null: a ministry, the whole country). */
export async function findBoardInScope(db: Executor, boardId: string, visible: RawBuilder<boolean>) {
  return db
    .selectFrom('boards')
    .leftJoin('regions', 'regions.code', 'boards.region_code')
    .select(['boards.id', 'boards.retired_at', sql<string | null>`regions.path::text`.as('region_path')])
    .where('boards.id', '=', boardId)
    .where(visible)
    .executeTakeFirst();
}

/** Which of the codes exist, and whether each lies inside `withinPath` (null: anywhere). */
export async function regionsWithin(db: Executor, codes: string[], withinPath: string | null): Promise<Map<string, boolean>> {
  if (codes.length === 0) return new Map();
  const rows = await sql<{ code: string; inside: boolean }>`
    SELECT code, ${withinPath === null ? sql`true` : sql`path <@ ${withinPath}::ltree`} AS inside FROM regions WHERE code = ANY(${codes}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, r.inside]));
}

/** Whether the region exists and whether it lies in one of the regions `codes`. */
export async function regionInAny(db: Executor, code: string, codes: string[]): Promise<{ found: boolean; inside: boolean }> {
  const rows = await sql<{ inside: boolean }>`
    SELECT EXISTS (SELECT 1 FROM regions c WHERE c.code = ANY(${codes}::text[]) AND r.path <@ c.path) AS inside
    FROM regions r WHERE r.code = ${code}`.execute(db);
  const row = rows.rows[0];
  return { found: row !== undefined, inside: row?.inside === true };
}

/** An unattached photo of the owner (a campaign cover must be one). */
export async function ownUnattachedPhoto(db: Executor, ownerId: string, photoId: string): Promise<boolean> {
  const row = await db.selectFrom('photos').select('id').where('id', '=', photoId).where('owner_id', '=', ownerId).where('message_id', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/**
 * The questionnaires of the campaign (questionnaires module's table): published
 * ones, and drafts too for those who manage the campaign.
 */
export async function questionnaireIds(db: Executor, campaignId: string, withDrafts: boolean): Promise<number[]> {
  const rows = await sql<{ id: string }>`
    SELECT id FROM questionnaires WHERE campaign_id = ${campaignId} ${withDrafts ? sql`` : sql`AND status = 'published'`} ORDER BY id`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

// ── entries ─────────────────────────────────────────────────────────────────

/**
 * The entry row and one more on the live counter, as statements the messages
 * module runs inside the statement that inserts the message (one round trip,
 * docs/decisions/0010-submission-burst.md); `messageId` is that message's id
 * as an SQL expression. The shard follows the message id: entries submitted
 * at the same moment have consecutive ids, so they update different shards
 * and never wait for each other's commit (a random shard made one pair in
 * sixteen wait).
 */
export function entryInsertSql(entry: { campaignId: string; kind: EntryKind; topic: string | null; regionCode: string }, messageId: RawBuilder<string>): RawBuilder<unknown>[] {
  return [
    sql`INSERT INTO campaign_entries (message_id, campaign_id, kind, topic, region_code)
        VALUES (${messageId}, ${entry.campaignId}::bigint, ${entry.kind}, ${entry.topic}, ${entry.regionCode})`,
    sql`INSERT INTO campaign_entry_counts (campaign_id, shard, n)
        VALUES (${entry.campaignId}::bigint, (${messageId} % ${COUNT_SHARDS})::smallint, 1)
        ON CONFLICT (campaign_id, shard) DO UPDATE SET n = campaign_entry_counts.n + 1`,
  ];
}

/** The entry this account filed to the campaign with this Idempotency-Key, if any (a retry's first answer). */
export async function findKeyedEntry(db: Executor, campaignId: string, accountId: string, key: string) {
  return db
    .selectFrom('idempotency_keys as k')
    .innerJoin('campaign_entries as e', 'e.message_id', 'k.message_id')
    .innerJoin('messages as m', 'm.id', 'e.message_id')
    .select(['m.id', 'm.number', 'm.status', 'k.request_hash'])
    .where('k.account_id', '=', accountId)
    .where('k.key', '=', key)
    .where('e.campaign_id', '=', campaignId)
    .executeTakeFirst();
}

/** An entry with its message, region and author, as every view of it needs. */
export function entryRows(db: Executor) {
  return db
    .selectFrom('campaign_entries as e')
    .innerJoin('messages as m', 'm.id', 'e.message_id')
    .innerJoin('regions as r', 'r.code', 'e.region_code')
    .innerJoin('accounts as author', 'author.id', 'm.author_id')
    .select([
      'e.message_id',
      'e.campaign_id',
      'e.kind',
      'e.topic',
      'e.region_code',
      'r.name as region_name',
      'e.support_count',
      'e.adopted_at',
      'e.adoption_note',
      'e.prize',
      'm.number',
      'm.title',
      'm.body',
      'm.status',
      'm.listed',
      'm.author_id',
      'author.nickname as author_nickname',
      'm.created_at',
    ]);
}

export type EntryRow = Awaited<ReturnType<ReturnType<typeof entryRows>['executeTakeFirstOrThrow']>>;

export async function findEntry(db: Executor, campaignId: string, messageId: string): Promise<EntryRow | undefined> {
  return entryRows(db).where('e.campaign_id', '=', campaignId).where('e.message_id', '=', messageId).executeTakeFirst();
}

export interface EntryListFilter {
  campaignId: string;
  /** Listed messages only (everyone but the organiser). */
  listedOnly: boolean;
  sort: EntrySort;
  topic: string | null;
  kind: EntryKind | null;
  /**
   * Entries in the region or below: its tree path, and the range of codes
   * sharing its GB/T 2260 prefix (a province's two digits …), which lets the
   * region index narrow the scan; the tree keeps the answer exact.
   */
  region: { path: string; from: string; to: string } | null;
  adopted: boolean | null;
  /** Keyset of the previous page's last row: id, plus the support count or region code of the sort. */
  after: { id: string; s?: number; r?: string } | null;
  limit: number;
}

function entryWhere(f: EntryListFilter) {
  return (eb: ExpressionBuilder<DB & { e: DB['campaign_entries']; m: DB['messages'] }, 'e' | 'm'>) => {
    const conds: Expression<SqlBool>[] = [eb('e.campaign_id', '=', f.campaignId)];
    // The entry's copy of messages.listed: the walk stays inside the partial indexes of listed entries.
    if (f.listedOnly) conds.push(eb('e.listed', '=', true));
    if (f.topic) conds.push(eb('e.topic', '=', f.topic));
    if (f.kind) conds.push(eb('e.kind', '=', f.kind));
    if (f.adopted === true) conds.push(eb('e.adopted_at', 'is not', null));
    if (f.adopted === false) conds.push(eb('e.adopted_at', 'is', null));
    if (f.region) {
      conds.push(eb('e.region_code', '>=', f.region.from), eb('e.region_code', '<', f.region.to));
      conds.push(sql<boolean>`e.region_code IN (SELECT code FROM regions WHERE path <@ ${f.region.path}::ltree)`);
    }
    return eb.and(conds);
  };
}

/**
 * A page of a campaign's entries in the sort's order, each a keyset walk of
 * its index: newest (id), support (count, id), region (code ascending, id).
 */
export async function listEntries(db: Executor, f: EntryListFilter): Promise<EntryRow[]> {
  let q = entryRows(db).where(entryWhere(f)).limit(f.limit + 1);
  const a = f.after;
  if (f.sort === 'support') {
    q = q.orderBy('e.support_count', 'desc').orderBy('e.message_id', 'desc');
    if (a) q = q.where(sql<boolean>`(e.support_count, e.message_id) < (${a.s ?? 0}::int, ${a.id}::bigint)`);
  } else if (f.sort === 'region') {
    q = q.orderBy('e.region_code', 'asc').orderBy('e.message_id', 'desc');
    if (a) q = q.where(sql<boolean>`(e.region_code > ${a.r ?? ''} OR (e.region_code = ${a.r ?? ''} AND e.message_id < ${a.id}::bigint))`);
  } else {
    q = q.orderBy('e.message_id', 'desc');
    if (a) q = q.where('e.message_id', '<', a.id);
  }
  return q.execute();
}

/** Every entry of the campaign, oldest first, in batches (the export). */
export async function* allEntries(db: Executor, campaignId: string, batch = 2000): AsyncGenerator<EntryRow[]> {
  let afterId: string | null = null;
  for (;;) {
    let q = entryRows(db).where('e.campaign_id', '=', campaignId).orderBy('e.message_id', 'asc').limit(batch);
    if (afterId) q = q.where('e.message_id', '>', afterId);
    const rows = await q.execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    afterId = rows[rows.length - 1]!.message_id;
  }
}

export async function setAdoption(db: Executor, messageId: string, adoption: { note: string; prize: string | null; by: string } | null): Promise<{ wasAdopted: boolean }> {
  // NO KEY: supports reference the row (KEY SHARE) and need not wait.
  const before = await db.selectFrom('campaign_entries').select('adopted_at').where('message_id', '=', messageId).forNoKeyUpdate().executeTakeFirstOrThrow();
  await db
    .updateTable('campaign_entries')
    .set(
      adoption
        ? { adopted_at: before.adopted_at ?? sql<Date>`now()`, adoption_note: adoption.note, prize: adoption.prize, adopted_by: adoption.by }
        : { adopted_at: null, adoption_note: null, prize: null, adopted_by: null },
    )
    .where('message_id', '=', messageId)
    .execute();
  return { wasAdopted: before.adopted_at !== null };
}

// ── supports ────────────────────────────────────────────────────────────────

/** Adds the account's support; false when it had supported the entry already (nothing changed). */
export async function addSupport(db: Executor, messageId: string, accountId: string): Promise<boolean> {
  const inserted = await db.insertInto('campaign_supports').values({ message_id: messageId, account_id: accountId }).onConflict((oc) => oc.doNothing()).returning('message_id').executeTakeFirst();
  if (!inserted) return false;
  await db.updateTable('campaign_entries').set({ support_count: sql<number>`support_count + 1` }).where('message_id', '=', messageId).execute();
  return true;
}

/** Takes the account's support back; false when there was none. */
export async function removeSupport(db: Executor, messageId: string, accountId: string): Promise<boolean> {
  const deleted = await db.deleteFrom('campaign_supports').where('message_id', '=', messageId).where('account_id', '=', accountId).returning('message_id').executeTakeFirst();
  if (!deleted) return false;
  await db.updateTable('campaign_entries').set({ support_count: sql<number>`support_count - 1` }).where('message_id', '=', messageId).execute();
  return true;
}

/** Which of the entries the account supports. */
export async function supportedBy(db: Executor, accountId: string, messageIds: string[]): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const rows = await db.selectFrom('campaign_supports').select('message_id').where('account_id', '=', accountId).where('message_id', 'in', messageIds).execute();
  return new Set(rows.map((r) => r.message_id));
}

// ── adopted suggestions (public) ────────────────────────────────────────────

/** Adopted entries the public may see (listed, of published campaigns with public entries), newest adoption first. */
export async function listAdopted(db: Executor, after: { at: string; id: string } | null, limit: number) {
  let q = entryRows(db)
    .innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
    .innerJoin('units as organiser', 'organiser.id', 'c.organiser_unit_id')
    .select(['c.title as campaign_title', 'c.organiser_unit_id', 'organiser.name as organiser_name', utcKey('e.adopted_at').as('adopted_key')])
    .where('e.adopted_at', 'is not', null)
    .where('m.listed', '=', true)
    .where('c.entries_public', '=', true)
    .where('c.status', '<>', 'draft')
    .orderBy('e.adopted_at', 'desc')
    .orderBy('e.message_id', 'desc')
    .limit(limit + 1);
  if (after) q = q.where(sql<boolean>`(e.adopted_at, e.message_id) < (${after.at}::timestamptz, ${after.id}::bigint)`);
  return q.execute();
}

// ── statistics ──────────────────────────────────────────────────────────────

export interface StatsRow {
  dim: 'all' | 'day' | 'region' | 'topic' | 'kind';
  day: string | null;
  province_code: string | null;
  province_name: string | null;
  topic: string | null;
  kind: EntryKind | null;
  entries: number;
  adopted: number;
  supports: number;
}

/** Entries and adoptions of one campaign by Beijing day, province, topic and kind, and in all: one pass over its entries. */
export async function campaignStats(db: Executor, campaignId: string): Promise<StatsRow[]> {
  const rows = await sql<StatsRow>`
    SELECT g.*, p.name AS province_name
    FROM (
      SELECT CASE WHEN grouping(d) = 0 THEN 'day' WHEN grouping(province_code) = 0 THEN 'region'
                  WHEN grouping(topic) = 0 THEN 'topic' WHEN grouping(kind) = 0 THEN 'kind' ELSE 'all' END AS dim,
             to_char(d, 'YYYY-MM-DD') AS day, province_code, topic, kind,
             count(*)::int AS entries, count(adopted_at)::int AS adopted, coalesce(sum(support_count), 0)::int AS supports
      FROM (SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date AS d, province_code, topic, kind, adopted_at, support_count
            FROM campaign_entries WHERE campaign_id = ${campaignId}) e
      GROUP BY GROUPING SETS ((d), (province_code), (topic), (kind), ())
    ) g LEFT JOIN regions p ON p.code = g.province_code`.execute(db);
  return rows.rows;
}

/**
 * Responses to the campaign's published questionnaires (questionnaires module's tables) by
 * Beijing day of submission: one range of the (questionnaire_id, submitted_at) index per questionnaire.
 */
export async function campaignResponsesByDay(db: Executor, campaignId: string): Promise<{ day: string; responses: number }[]> {
  const rows = await sql<{ day: string; responses: number }>`
    SELECT to_char((r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day, count(*)::int AS responses
    FROM questionnaires q JOIN questionnaire_responses r ON r.questionnaire_id = q.id
    WHERE q.campaign_id = ${campaignId} AND q.status = 'published'
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows.rows;
}
