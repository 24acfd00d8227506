/**
 * Faults of the database are survived (issue 14): while an operator ends every backend of the
 * platform again and again (a restart, a failover and pg_terminate_backend look the same to the
 * app), requests get 200/201 or 503 problem+json with Retry-After — never 500 — the process lives
 * on, the pool heals, and submissions retried with their Idempotency-Key are each saved once.
 * Then the embedded PostgreSQL itself is killed under a running platform: it comes back by itself.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/server/config.js';
import { start, type RunningServer } from '../../src/server/main.js';
import { freePort } from '../support/net.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type TestApp } from '../support/app.js';
import { boardIdOf, loggedInCitizen, messageBody, type CitizenLogin } from '../support/messages.js';

let t: TestApp;
let citizens: CitizenLogin[];
let boardId: string;

beforeAll(async () => {
  t = await buildTestApp();
  citizens = [];
  for (let i = 0; i < 3; i++) citizens.push(await loggedInCitizen(t.app, t.db));
  boardId = await boardIdOf(t.db, '江西省委书记');
});
afterAll(async () => t?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The processes whose parent is `pid` (a postmaster's backends and helpers), from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

function isRunning(pid: number): boolean {
  try {
    // A zombie is gone for our purpose: it serves no connection.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
}

describe('the database ending every connection under load', () => {
  it('answers 503 with Retry-After, never 500, and saves each retried submission exactly once', async () => {
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    const statuses: number[] = [];
    const refusals: { retryAfter: string | undefined; type: string | undefined; code: string }[] = [];
    const note = (res: { statusCode: number; headers: Record<string, unknown>; json(): { code: string } }) => {
      statuses.push(res.statusCode);
      if (res.statusCode >= 500) refusals.push({ retryAfter: res.headers['retry-after'] as string | undefined, type: res.headers['content-type'] as string | undefined, code: res.json().code });
    };

    // Twelve times, a quarter second apart: every connection of the platform ended while requests run.
    let killing = true;
    let terminated = 0;
    const killer = (async () => {
      for (let round = 0; round < 12 && killing; round++) {
        const r = await admin.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'minsheng%'`,
        );
        terminated += r.rows[0]!.n;
        await sleep(250);
      }
    })();

    // 3 citizens × 12 submissions, each retried with its own key until it is answered 201 (or replayed).
    const titles: string[] = [];
    const submit = async (c: CitizenLogin, i: number) => {
      const key = randomUUID();
      const title = `故障演练留言${c.nickname}第${i}条`;
      titles.push(title);
      const body = messageBody(boardId, { title });
      for (let attempt = 0; attempt < 200; attempt++) {
        const res = await as(t.app, c.session, { method: 'POST', url: '/api/v1/messages', headers: { 'idempotency-key': key }, payload: body as never });
        note(res);
        if (res.statusCode === 201 || res.statusCode === 200) return;
        await sleep(20); // a client would wait Retry-After seconds; the test keeps the storm short
      }
      throw new Error(`${title} never got through`);
    };
    const readers = (async () => {
      for (let i = 0; i < 150; i++) note(await as(t.app, null, { method: 'GET', url: `/api/v1/messages?boardId=${boardId}&limit=5` }));
    })();
    await Promise.all([...citizens.flatMap((c) => Array.from({ length: 12 }, (_, i) => submit(c, i))), readers]);
    killing = false;
    await killer;

    console.log(`faults: ${terminated} backends ended; statuses ${JSON.stringify(Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])))}`);
    expect(terminated).toBeGreaterThan(10);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(new Set(statuses.filter((s) => s < 300))).toEqual(new Set([200, 201]));
    for (const r of refusals) {
      expect(r.type).toContain('application/problem+json');
      expect(r.code).toBe('database_unavailable');
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    // Each submission once, however often it was sent.
    const saved = await admin.query<{ title: string; n: number }>('SELECT title, count(*)::int AS n FROM messages WHERE title = ANY($1) GROUP BY title', [titles]);
    expect(saved.rows.length).toBe(titles.length);
    expect(saved.rows.every((r) => r.n === 1)).toBe(true);
    await admin.end();

    // The pool healed: the next requests are served as if nothing happened.
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const live = await t.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(live.json()).toMatchObject({ status: 'ok' });
  });
});

describe('the embedded PostgreSQL killed under a running platform', () => {
  let dir = '';
  let server: RunningServer | null = null;
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 while it is away, restarts it, and serves again with nothing lost', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-faults-'));
    const config = loadConfig({ DATA_DIR: dir, PG_PORT: String(await freePort()), PORT: '0', HOST: '127.0.0.1', JOBS: 'false', DEMO: 'true', LOG_LEVEL: 'silent', WEB_DIR: path.join(dir, 'no-web') });
    server = await start(config);
    const app = server.app;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: '13907910001', password: 'Minsheng@2026' } });
    const session = { cookie: `ms_sid=${login.cookies.find((c) => c.name === 'ms_sid')!.value}`, csrfToken: login.json().csrfToken as string };
    const board = (await app.inject({ method: 'GET', url: '/api/v1/boards?region=360000' })).json().items.find((b: { name: string }) => b.name === '江西省委书记');
    const before = await as(app, session, { method: 'POST', url: '/api/v1/messages', headers: { 'idempotency-key': randomUUID() }, payload: messageBody(board.id, { title: '重启之前写下的留言' }) as never });
    expect(before.statusCode).toBe(201);

    const postmaster = Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const backends = childrenOf(postmaster);
    process.kill(postmaster, 'SIGKILL');
    const killedAt = Date.now();
    // Its backends outlive it for a moment and go on serving the connections they have (what they commit
    // is durable); the outage the test is about begins when they are gone.
    while (backends.some(isRunning) && Date.now() - killedAt < 10_000) await new Promise((resolve) => setTimeout(resolve, 5));

    // Meanwhile a citizen keeps sending one message with one key; readiness says 503, liveness 200.
    const key = randomUUID();
    const body = messageBody(board.id, { title: '重启期间反复提交的留言' });
    const seen = new Set<number>();
    let saved = 0;
    while (Date.now() - killedAt < 90_000) {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      seen.add(health.statusCode);
      if (health.statusCode === 503) {
        expect(health.headers['content-type']).toContain('application/problem+json');
        expect(Number(health.headers['retry-after'])).toBeGreaterThan(0);
        expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
      }
      const res = await as(app, session, { method: 'POST', url: '/api/v1/messages', headers: { 'idempotency-key': key }, payload: body as never });
      seen.add(res.statusCode);
      expect([201, 200, 503]).toContain(res.statusCode);
      if (res.statusCode < 300) {
        saved = res.json().id;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const recovery = Date.now() - killedAt;
    console.log(`faults: embedded PostgreSQL killed; the platform served again after ${recovery} ms; statuses ${[...seen].join(', ')}`);
    expect(saved).toBeGreaterThan(0);
    expect(seen.has(503)).toBe(true);
    const again = await as(app, session, { method: 'POST', url: '/api/v1/messages', headers: { 'idempotency-key': key }, payload: body as never });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().id).toBe(saved);
    const count = await server.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('title', 'in', ['重启之前写下的留言', '重启期间反复提交的留言']).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  }, 180_000);
});
