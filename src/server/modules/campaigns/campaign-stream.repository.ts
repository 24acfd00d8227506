/** SQL of the live entry counter (campaign-stream.ts): read only, never on the entry insert path. */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export interface LiveCounts {
  entryCount: number;
  adoptedCount: number;
}

/**
 * Both counts of every campaign asked, in one statement: the entry counter's
 * 16 shards summed (what an entry adds to, migration 2026-11-23T2100) and the
 * adopted entries through their partial index — the same figures
 * GET /campaigns/{id} shows. A campaign id that does not exist counts 0.
 */
export async function readLiveCounts(db: Executor, campaignIds: readonly string[]): Promise<Map<string, LiveCounts>> {
  if (campaignIds.length === 0) return new Map();
  const { rows } = await sql<{ id: string; entry_count: number; adopted_count: number }>`
    SELECT w.id::text AS id,
           (SELECT coalesce(sum(c.n), 0) FROM campaign_entry_counts c WHERE c.campaign_id = w.id)::int AS entry_count,
           (SELECT count(*) FROM campaign_entries e WHERE e.campaign_id = w.id AND e.adopted_at IS NOT NULL)::int AS adopted_count
    FROM unnest(${[...campaignIds]}::bigint[]) AS w(id)`.execute(db);
  return new Map(rows.map((r) => [r.id, { entryCount: r.entry_count, adoptedCount: r.adopted_count }]));
}
