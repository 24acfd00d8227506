/**
 * `npm run bench:similar`: latency of the similar-messages queries on a
 * synthetic database (docs/decisions/0014-similar-messages.md, docs/benchmarks.md).
 *
 *   DATA_DIR=/tmp/synth-1m PG_PORT=54377 npm run seed:synthetic -- --messages 1000000 --seed 1 --now 2026-12-07T00:00:00Z
 *   BENCH_DATA_DIR=/tmp/synth-1m npm run bench:similar
 *
 * (or DATABASE_URL=… for a running PostgreSQL). Calls the services directly,
 * one at a time (no HTTP, no concurrency: the query's own cost), for
 * BENCH_SAMPLES (200) messages drawn at random, after a warm-up of 20; prints
 * p50/p95/max and the plan of one query.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/runtime.js';
import { findSimilarMessages, listClusters, suggestPublicMessages } from '../../src/server/modules/similar/similar.service.js';
import { similarityTerms } from '../../src/server/modules/similar/similar-text.js';
import { warmUpSegmenter } from '../../src/server/modules/search/segment.js';
import { actorOf } from '../support/messages.js';
import { freePort } from '../support/net.js';

const dataDir = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : null;
if (!dataDir && !process.env.DATABASE_URL) {
  console.error('BENCH_DATA_DIR (an embedded data directory filled by npm run seed:synthetic) or DATABASE_URL is required; see the head of test/bench/similar.ts');
  process.exit(2);
}
const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const config = loadConfig({ ...process.env, ...(dataDir ? { DATA_DIR: dataDir, PG_PORT: String(await freePort()) } : {}), LOG_LEVEL: 'warn', DEMO: process.env.DEMO ?? 'true' });
const database = await openDatabase(config, () => {});
const db = database.db;
warmUpSegmenter();

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { n: s.length, p50: at(50), p95: at(95), max: s[s.length - 1]! };
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

try {
  const { n, listed } = await sql<{ n: string; listed: string }>`SELECT count(*)::text AS n, count(*) FILTER (WHERE listed)::text AS listed FROM messages`.execute(db).then((r) => r.rows[0]!);
  console.log(`messages: ${n} (${listed} listed); samples: ${samples}`);
  const admin = await actorOf(db, 'admin');
  // Random messages (TABLESAMPLE reads a few pages, not the table).
  const picked = await sql<{ id: string; title: string; body: string; region_code: string }>`
    SELECT id, title, body, region_code FROM messages TABLESAMPLE SYSTEM (1) WHERE city_code IS NOT NULL OR province_code IS NOT NULL LIMIT ${samples + 20}`.execute(db);
  const rows = picked.rows;
  console.log(`picked ${rows.length} messages`);

  const similar: number[] = [];
  const suggest: number[] = [];
  let found = 0;
  for (const [i, r] of rows.entries()) {
    const [a, res] = await time(() => findSimilarMessages(db, admin, r.id, { limit: 10 }));
    const [b] = await time(() => suggestPublicMessages(db, db, { region: r.region_code, title: r.title, body: r.body.slice(0, 300), clientIp: `bench-${i}` }));
    if (i < 20) continue;
    similar.push(a);
    suggest.push(b);
    if (res.items.length > 0) found++;
  }
  console.log('GET /messages/{id}/similar     ', percentiles(similar), `(${found} of ${similar.length} with at least one similar message)`);
  console.log('GET /messages/similar-public   ', percentiles(suggest));

  // Clusters: the platform admin's queue is the whole country's (the most any actor looks at).
  const clusters: number[] = [];
  let last: Awaited<ReturnType<typeof listClusters>> | null = null;
  for (let i = 0; i < 12; i++) {
    const [ms, res] = await time(() => listClusters(db, admin));
    if (i >= 2) clusters.push(ms);
    last = res;
  }
  console.log('GET /screening/clusters (admin)', percentiles(clusters), `(${last!.considered} unscreened considered, ${last!.items.length} clusters, largest ${last!.items[0]?.size ?? 0})`);

  // The plan of one similar query, as the repository runs it.
  const r = rows[0]!;
  const m = await db.selectFrom('messages').select(['city_code', 'province_code', 'created_at']).where('id', '=', r.id).executeTakeFirstOrThrow();
  const terms = similarityTerms(r.title, r.body);
  const column = m.city_code ? 'city_code' : 'province_code';
  const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS)
    WITH candidates AS (
      SELECT m.id, m.search FROM messages m
      WHERE m.listed AND ${sql.ref(`m.${column}`)} = ${m.city_code ?? m.province_code} AND m.created_at >= ${new Date(new Date(m.created_at).getTime() - 180 * 86_400_000)} AND m.search IS NOT NULL AND m.id <> ${r.id}
      ORDER BY m.id DESC LIMIT 2000
    ), sets AS (SELECT c.id, c.search AS a, ts_filter(c.search, '{a}') AS t FROM candidates c)
    SELECT id, length(s.t) - length(ts_delete(s.t, ${terms.title}::text[])) AS ct, length(s.a) - length(ts_delete(s.a, ${terms.all}::text[])) AS ca
    FROM sets s ORDER BY ca DESC LIMIT 10`.execute(db);
  console.log(plan.rows.map((p) => p['QUERY PLAN']).join('\n'));
} finally {
  await database.close();
}
