/**
 * Read scaling on a real primary and streaming replica (test/support/pg-cluster.ts;
 * docs/replicas.md): the app is built with db = primary and readDb = replica, as
 * main.ts does with DATABASE_URL and DATABASE_READ_URL.
 *
 * Which database served a read is proven by pausing WAL replay on the replica
 * (pg_wal_replay_pause): what the primary has and the replica has not shows in
 * a read from the primary and not in one from the replica.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createDatabase, type Database } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { seedDatabase } from '../../src/server/seed/seed.js';
import { as, login, testConfig, type Session } from '../support/app.js';
import { boardIdOf, loggedInCitizen, messageBody, screen, writeMessage, type CitizenLogin } from '../support/messages.js';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.js';

let cluster: PgCluster;
let primary: Database;
let replica: Database;
let app: FastifyInstance;
let admin: Session;
let analyst: Session;
let boardId: string;
/** The app's log lines at warn and above: the router says there when it falls back or when a routed read writes. */
const logLines: { level: number; msg: string }[] = [];

beforeAll(async () => {
  cluster = await startPgCluster({ replicas: 1 });
  primary = createDatabase(cluster.primaryUrl, 10);
  replica = createDatabase(cluster.replicaUrls[0]!, 10, { readOnly: true });
  const config = testConfig();
  await migrateToLatest(primary);
  await seedDatabase(primary, config);
  app = await buildApp({
    config,
    db: primary,
    readDb: replica,
    databaseUrl: cluster.primaryUrl,
    logger: { level: 'warn', stream: { write: (line: string) => void logLines.push(JSON.parse(line) as { level: number; msg: string }) } },
  });
  await app.ready();
  admin = await login(app, 'admin');
  analyst = await login(app, 'analyst');
  boardId = await boardIdOf(primary, '江西省委书记');
  await cluster.waitForReplay(0);
});

afterAll(async () => {
  await app?.close();
  await replica?.destroy();
  await primary?.destroy();
  await cluster?.stop();
});

/** Runs `body` with WAL replay on the replica paused: the replica keeps showing the past. */
async function withReplayPaused(body: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: cluster.replicaAdminUrls[0]! });
  await client.connect();
  try {
    await client.query('SELECT pg_wal_replay_pause()');
    await body();
  } finally {
    await client.query('SELECT pg_wal_replay_resume()');
    await client.end();
  }
}

/** A message written by `citizen` and accepted by the admin, so it is on the public board. */
async function publishedMessage(citizen: CitizenLogin, title: string): Promise<number> {
  const { id } = await writeMessage(app, citizen.session, messageBody(boardId, { title }));
  await screen(app, admin, id);
  return id;
}

/**
 * A thread that samples, every millisecond, the primary's WAL position and then the replica's replay
 * position. A primary position counts as visible at the first replica sample at or past it; the time
 * between is its commit-to-visibility delay (an upper bound: it includes one sampling round trip).
 * On 'stop' it samples until the replica has caught up and posts what it saw.
 */
const LAG_SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const pg = require('pg');
const lsn = (text) => { const [hi, lo] = text.split('/'); return (BigInt('0x' + hi) << 32n) + BigInt('0x' + lo); };
(async () => {
  const primary = new pg.Client({ connectionString: workerData.primaryUrl });
  const replica = new pg.Client({ connectionString: workerData.replicaUrl });
  await primary.connect();
  await replica.connect();
  let stopping = false;
  parentPort.once('message', () => { stopping = true; });
  const pending = [];
  const delays = [];
  let samples = 0;
  let maxLag = 0n;
  while (!stopping || pending.length > 0) {
    const seen = performance.now();
    const written = lsn((await primary.query('SELECT pg_current_wal_lsn()::text AS l')).rows[0].l);
    if (pending.length === 0 || pending[pending.length - 1].at < written) pending.push({ at: written, seen });
    const replayed = lsn((await replica.query('SELECT pg_last_wal_replay_lsn()::text AS l')).rows[0].l);
    const now = performance.now();
    samples++;
    if (written - replayed > maxLag) maxLag = written - replayed;
    while (pending.length > 0 && pending[0].at <= replayed) delays.push(now - pending.shift().seen);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await primary.end();
  await replica.end();
  parentPort.postMessage({ samples, delays, maxLagBytes: Number(maxLag) });
})();
`;

const titlesOf = (res: { json(): unknown }) => (res.json() as { items: { title: string }[] }).items.map((m) => m.title);
const anonymous = (url: string) => app.inject({ method: 'GET', url });
const routerComplaints = () => logLines.filter((l) => l.level >= 40 && /replica/.test(l.msg));

describe('read replica (DATABASE_READ_URL)', () => {
  it('gives an author and staff their own writes at once while the public board reads the replica', async () => {
    const citizen = await loggedInCitizen(app, primary);
    const title = `副本延迟测试留言${Date.now()}`;
    let id = 0;
    await withReplayPaused(async () => {
      // Writes go to the primary: paused replay does not stop them.
      id = await publishedMessage(citizen, title);
      const own = await as(app, citizen.session, { method: 'GET', url: '/api/v1/me/messages' });
      expect(titlesOf(own)).toContain(title);
      expect((await as(app, citizen.session, { method: 'GET', url: `/api/v1/messages/${id}` })).statusCode).toBe(200);
      // Staff after acting, and any signed-in reader of the board: the primary.
      expect(titlesOf(await as(app, admin, { method: 'GET', url: '/api/v1/messages?sort=newest' }))).toContain(title);
      expect(titlesOf(await as(app, citizen.session, { method: 'GET', url: '/api/v1/messages' }))).toContain(title);
      // The public: the replica, which has not replayed the message yet.
      expect(titlesOf(await anonymous('/api/v1/messages'))).not.toContain(title);
      expect((await anonymous(`/api/v1/messages/${id}`)).statusCode).toBe(404);
    });
    await cluster.waitForReplay(0);
    expect(titlesOf(await anonymous('/api/v1/messages'))).toContain(title);
    expect((await anonymous(`/api/v1/messages/${id}`)).statusCode).toBe(200);
    expect(routerComplaints()).toEqual([]);
  });

  it('reads statistics from the replica for everyone, after folding new changes on the primary so figures stay exact', async () => {
    const citizen = await loggedInCitizen(app, primary);
    const received = async (session: Session | null) => {
      const res = await as(app, session, { method: 'GET', url: '/api/v1/stats/summary?region=360000' });
      expect(res.statusCode).toBe(200);
      return (res.json() as { figures: { received: number } }).figures.received;
    };
    // Folded on the primary, replayed, read: everything so far is counted.
    const before = await received(null);
    await withReplayPaused(async () => {
      await publishedMessage(citizen, `副本统计测试留言${Date.now()}`);
      // This read folds the new message on the primary; the paused replica cannot replay the fold
      // within the bound, so the primary answers, and the figure is exact.
      expect(await received(analyst)).toBe(before + 1);
      // Nothing left to fold: the public and staff read the replica, which still shows the figure before.
      expect(await received(null)).toBe(before);
      expect(await received(analyst)).toBe(before);
    });
    await cluster.waitForReplay(0);
    expect(await received(null)).toBe(before + 1);
    expect(await received(analyst)).toBe(before + 1);
  });

  it('serves every replica-routed read without writing to the replica, which refuses writes', async () => {
    await publishedMessage(await loggedInCitizen(app, primary), `副本路由测试留言${Date.now()}`);
    await cluster.waitForReplay(0);
    const ids = async (url: string) => ((await anonymous(url)).json() as { items: { id: string | number }[] }).items.map((i) => i.id);
    const [campaign] = await ids('/api/v1/campaigns');
    const [questionnaire] = await ids('/api/v1/questionnaires');
    const [report] = await ids('/api/v1/reports');
    const [message] = await ids('/api/v1/messages');
    const urls = [
      '/api/v1/messages', '/api/v1/messages?q=电梯', '/api/v1/messages?sort=activity', '/api/v1/messages/counts', '/api/v1/messages/counts?field=health',
      `/api/v1/messages/${message}`, '/api/v1/regions', '/api/v1/regions/360000', '/api/v1/boards?region=360000', '/api/v1/boards?kind=ministry', `/api/v1/boards/${boardId}`, '/api/v1/fields',
      '/api/v1/stats/summary', '/api/v1/stats/rankings', '/api/v1/stats/timeseries', '/api/v1/stats/hot-topics', '/api/v1/stats/boards', '/api/v1/stats/campaigns',
      '/api/v1/campaigns', '/api/v1/adopted-suggestions', '/api/v1/questionnaires', '/api/v1/reports',
      ...(campaign ? [`/api/v1/campaigns/${campaign}`, `/api/v1/campaigns/${campaign}/stats`, `/api/v1/campaigns/${campaign}/entries`] : []),
      ...(questionnaire ? [`/api/v1/questionnaires/${questionnaire}`] : []),
      ...(report ? [`/api/v1/reports/${report}`, `/api/v1/reports/${report}/xlsx`] : []),
    ];
    for (const url of urls) expect({ url, status: (await anonymous(url)).statusCode }).toEqual({ url, status: 200 });
    // A routed read that wrote would have failed on the replica (25006) and been logged by the router.
    expect(routerComplaints()).toEqual([]);
    await expect(sql`INSERT INTO rate_limits (key, window_start, hits) VALUES ('replica-test', now(), 1)`.execute(replica)).rejects.toMatchObject({ code: '25006' });
  });

  it('reports the replica in /api/health and answers every public read from the primary while the replica is down', async () => {
    const healthy = await anonymous('/api/health');
    expect(healthy.json()).toMatchObject({ status: 'ok', database: 'ok', replica: { status: 'ok' } });
    expect(typeof healthy.json().replica.lagBytes).toBe('number');

    await cluster.stopReplica(0);
    try {
      const citizen = await loggedInCitizen(app, primary);
      const title = `副本停机测试留言${Date.now()}`;
      await publishedMessage(citizen, title);
      const started = performance.now();
      const answers = await Promise.all(['/api/v1/messages', '/api/v1/messages/counts', '/api/v1/stats/summary', '/api/v1/boards?region=360000', '/api/v1/regions', '/api/v1/messages', '/api/v1/stats/rankings'].map(anonymous));
      expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 200));
      // From the primary: the message written while the replica was down is there.
      expect(titlesOf(answers[0]!)).toContain(title);
      expect(performance.now() - started).toBeLessThan(3_000);
      const down = await anonymous('/api/health');
      expect(down.statusCode).toBe(200);
      expect(down.json()).toMatchObject({ status: 'ok', database: 'ok', replica: { status: 'unavailable', lagBytes: null } });
      expect(routerComplaints().map((l) => l.msg)).toEqual([expect.stringMatching(/read replica unavailable/)]);
    } finally {
      await cluster.startReplica(0);
    }

    // Back: after the pause the router gives it, public reads go to the replica again.
    await cluster.waitForReplay(0);
    const citizen = await loggedInCitizen(app, primary);
    const title = `副本恢复测试留言${Date.now()}`;
    await withReplayPaused(async () => {
      await publishedMessage(citizen, title);
      const deadline = Date.now() + 10_000;
      while (titlesOf(await anonymous('/api/v1/messages')).includes(title)) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    expect((await anonymous('/api/health')).json().replica.status).toBe('ok');
  });

  it('measures how far the replica falls behind under a burst of 300 submissions', async () => {
    const citizens = await Promise.all(Array.from({ length: 15 }, () => loggedInCitizen(app, primary)));
    // The sampler runs on a thread of its own: on the app's event loop, busy with the burst, its own waits would count as lag.
    const sampler = new Worker(LAG_SAMPLER, { eval: true, workerData: { primaryUrl: cluster.adminUrl, replicaUrl: cluster.replicaAdminUrls[0]! } });
    const sampled = new Promise<{ samples: number; delays: number[]; maxLagBytes: number }>((resolve, reject) => {
      sampler.once('message', resolve);
      sampler.once('error', reject);
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      const statuses = await Promise.all(
        Array.from({ length: 300 }, async (_, i) => (await as(app, citizens[i % citizens.length]!.session, { method: 'POST', url: '/api/v1/messages', payload: messageBody(boardId) })).statusCode),
      );
      const burstMs = performance.now() - started;
      sampler.postMessage('stop');
      const { samples, delays, maxLagBytes } = await sampled;
      expect(statuses.filter((s) => s !== 201)).toEqual([]);

      // Quiet time, one at a time: from the 201 to the row on the replica.
      const visibility: number[] = [];
      for (let i = 0; i < 20; i++) {
        const writer = await loggedInCitizen(app, primary);
        const { id } = await writeMessage(app, writer.session, messageBody(boardId));
        const acknowledged = performance.now();
        const deadline = acknowledged + 5_000;
        while ((await sql`SELECT 1 FROM messages WHERE id = ${id}`.execute(replica)).rows.length === 0) expect(performance.now()).toBeLessThan(deadline);
        visibility.push(performance.now() - acknowledged);
      }

      const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
      const report = {
        burst: { messages: 300, ms: Math.round(burstMs), perSecond: Math.round(300 / (burstMs / 1000)) },
        lagUnderBurst: { samples, positions: delays.length, maxBytes: maxLagBytes, p50Ms: +pct(delays, 50).toFixed(1), p99Ms: +pct(delays, 99).toFixed(1), maxMs: +Math.max(...delays).toFixed(1) },
        quietCommitToVisible: { samples: visibility.length, p50Ms: +pct(visibility, 50).toFixed(1), maxMs: +Math.max(...visibility).toFixed(1) },
      };
      console.log(`[read-replica] ${JSON.stringify(report)}`);
      // Loopback, one machine: a lag of seconds would mean replication is broken, not slow.
      expect(report.lagUnderBurst.maxMs).toBeLessThan(2_000);
    } finally {
      await sampler.terminate();
    }
  });

  it('keeps serving visitors from the replica while the primary is down, and signed-in readers get 503 until it is back', async () => {
    const citizen = await loggedInCitizen(app, primary);
    await cluster.waitForReplay(0);
    await cluster.stopPrimary();
    try {
      for (const url of ['/api/v1/messages', '/api/v1/messages/counts', '/api/v1/stats/summary?region=360000', '/api/v1/boards?region=360000']) {
        expect({ url, status: (await anonymous(url)).statusCode }).toEqual({ url, status: 200 });
      }
      const own = await as(app, citizen.session, { method: 'GET', url: '/api/v1/me/messages' });
      expect(own.statusCode).toBe(503);
      expect(own.headers['retry-after']).toBeDefined();
      expect((await anonymous('/api/health')).statusCode).toBe(503);
    } finally {
      await cluster.startPrimary();
    }
    const deadline = Date.now() + 15_000;
    while ((await as(app, citizen.session, { method: 'GET', url: '/api/v1/me/messages' })).statusCode !== 200) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
