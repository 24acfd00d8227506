/**
 * SQL of the similar-messages module: candidates by region and time, scored on
 * the stored search vectors (similar-text.ts has the formula and its twin in
 * TypeScript), and the unscreened messages a cluster is made of.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import { boardVisibleSql } from '../access/access.policy.js';
import { messageRows, type MessageRow } from '../messages/messages.repository.js';
import { TITLE_WEIGHT, type Terms } from './similar-text.js';

/**
 * Messages scored, newest first, per query. Each costs the detoasting of its
 * search vector (2.6 kB on the synthetic data) and two lookups of the query's
 * words in it: about 0.1 ms, so this bounds the query (docs/decisions/0014).
 */
export const CANDIDATES = 800;

export interface CandidateFilter {
  /** The city (or, without one, the province) whose listed messages are candidates. */
  area: { column: 'city_code' | 'province_code'; code: string };
  since: Date;
  excludeId: string | null;
  /** Only answered messages (已办理), for the public suggestions. */
  answeredOnly: boolean;
  limit: number;
  minScore: number;
}

export type ScoredRow = MessageRow & { score: number };

/**
 * The listed messages of the area since `since` most like `terms`, best first.
 * Served by messages_listed_{city,province}_idx (area, id DESC) WHERE listed:
 * the newest CANDIDATES rows of the area, then scored (EXPLAIN in 0014).
 */
export async function findSimilarListed(db: Executor, terms: Terms, f: CandidateFilter): Promise<ScoredRow[]> {
  if (terms.all.length === 0) return [];
  const column = sql.ref(`m.${f.area.column}`);
  const scored = await sql<{ id: string; score: number }>`
    WITH candidates AS (
      SELECT m.id, m.search FROM messages m
      WHERE m.listed AND ${column} = ${f.area.code} AND m.created_at >= ${f.since}
        AND m.search IS NOT NULL
        ${f.excludeId ? sql`AND m.id <> ${f.excludeId}` : sql``}
        ${f.answeredOnly ? sql`AND m.public_status = 'done'` : sql``}
      ORDER BY m.id DESC
      LIMIT ${CANDIDATES}
    ),
    sets AS (
      SELECT c.id, c.search AS a, ts_filter(c.search, '{a}') AS t FROM candidates c
    ),
    -- |C ∩ Q| as |C| − |C without Q|: ts_delete looks each query term up in the sorted vector, in C,
    -- where an INTERSECT of unnested arrays costs a third of a millisecond a row (0014).
    counted AS (
      SELECT s.id, length(s.t) AS nt, length(s.a) AS na,
             length(s.t) - length(ts_delete(s.t, ${terms.title}::text[])) AS ct,
             length(s.a) - length(ts_delete(s.a, ${terms.all}::text[])) AS ca
      FROM sets s
    )
    SELECT id,
           (${TITLE_WEIGHT}::float8 * CASE WHEN nt + ${terms.title.length} = 0 THEN 0 ELSE 2.0 * ct / (nt + ${terms.title.length}) END
            + ${1 - TITLE_WEIGHT}::float8 * CASE WHEN na = 0 THEN 0 ELSE ca / sqrt(na::float8 * ${terms.all.length}) END)::float8 AS score
    FROM counted
    ORDER BY score DESC, id DESC
    LIMIT ${f.limit}`.execute(db);
  const hits = scored.rows.filter((r) => r.score >= f.minScore);
  if (hits.length === 0) return [];
  const rows = await messageRows(db).where('messages.id', 'in', hits.map((h) => h.id)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const row = byId.get(h.id);
    return row ? [{ ...row, score: h.score }] : [];
  });
}

/** The message's area for candidates: its city, else its province; null for a message placed nowhere (a ministry's, location private). */
export function areaOf(row: { city_code: string | null; province_code: string | null }): CandidateFilter['area'] | null {
  if (row.city_code) return { column: 'city_code', code: row.city_code };
  if (row.province_code) return { column: 'province_code', code: row.province_code };
  return null;
}

/** The levels above a region: the public suggestions are asked by region code. */
export async function regionArea(db: Executor, code: string): Promise<{ found: boolean; city: string | null; province: string | null }> {
  const rows = await sql<{ code: string; level: string }>`
    SELECT a.code, a.level FROM regions r JOIN regions a ON a.path @> r.path WHERE r.code = ${code}`.execute(db);
  const byLevel = new Map(rows.rows.map((r) => [r.level, r.code]));
  return { found: rows.rows.length > 0, city: byLevel.get('city') ?? null, province: byLevel.get('province') ?? null };
}

export interface QueueText {
  id: string;
  title: string;
  body: string;
  created_at: Date;
  region_code: string;
  region_name: string;
  city_code: string | null;
  province_code: string | null;
  city_name: string | null;
}

/** The newest unscreened messages of the boards the staff actor sees, since `since`, for clustering. */
export async function listUnscreenedTexts(db: Executor, actor: Actor, since: Date, limit: number, bodyChars: number): Promise<QueueText[]> {
  return db
    .selectFrom('messages')
    .innerJoin('boards', 'boards.id', 'messages.board_id')
    .innerJoin('regions', 'regions.code', 'messages.region_code')
    .leftJoin('regions as city', 'city.code', 'messages.city_code')
    .select([
      'messages.id',
      'messages.title',
      sql<string>`left(messages.body, ${bodyChars})`.as('body'),
      'messages.created_at',
      'messages.region_code',
      'regions.name as region_name',
      'messages.city_code',
      'messages.province_code',
      'city.name as city_name',
    ])
    .where('messages.status', '=', 'submitted')
    .where('messages.created_at', '>=', since)
    .where(boardVisibleSql(actor))
    .orderBy('messages.id', 'desc')
    .limit(limit)
    .execute() as Promise<QueueText[]>;
}
