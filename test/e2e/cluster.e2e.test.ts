/**
 * The deployment layout of docs/deploy.md, on loopback (issue 14): a PostgreSQL 15 primary and a
 * streaming replica (Debian's server binaries), two app processes (JOBS=false, public reads on the
 * replica) and two jobs processes, all the production build run with plain node, behind nginx with
 * deploy/nginx/minsheng-locations.conf included verbatim.
 *
 * Through nginx: a story (a citizen writes, the coordinator accepts and assigns, the unit signs),
 * live notifications reaching a citizen connected to either app process, a deadline that passes
 * and is acted on once although two processes run the timers, and a burst of submissions with
 * Idempotency-Keys while one app process is killed: every acknowledged submission is stored once,
 * and a reader polling the public board through nginx is served throughout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/modules/accounts/passwords.js';
import { startBuiltServer, type BuiltServer } from '../support/built-server.js';
import { freePort } from '../support/net.js';
import { startPgCluster, type PgCluster } from '../support/pg-cluster.js';

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
const PASSWORD = 'Minsheng@2026';
const BURST = 180;

let cluster: PgCluster;
let apps: BuiltServer[] = [];
let jobs: BuiltServer[] = [];
let nginx: ChildProcess | null = null;
let dir = '';
let base = '';
let primary: pg.Pool;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startNginx(appPorts: number[]): Promise<string> {
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  // Only listen, root and the upstream are the test's; everything else is the deployed file.
  writeFileSync(
    conf,
    `user root;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log ${dir}/nginx-access.log;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream minsheng_app {
    ${appPorts.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    root ${path.resolve('dist/web')};
    include ${path.resolve('deploy/nginx/minsheng-locations.conf')};
  }
}
`,
  );
  nginx = spawn(NGINX, ['-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/api/health/live`).then((r) => r.status, () => 0)) === 200) return url;
    if (i > 100) throw new Error('nginx did not come up');
    await sleep(100);
  }
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(url: string, loginName: string): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: loginName, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${loginName}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ms_sid='))!.split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function call(session: Session | null, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

/** The unread counts a live notification stream sends, as they arrive. */
function listen(url: string, session: Session): { counts: number[]; close(): void } {
  const counts: number[] = [];
  const controller = new AbortController();
  void (async () => {
    const res = await fetch(`${url}/api/v1/notifications/stream`, { headers: { cookie: session.cookie, accept: 'text/event-stream' }, signal: controller.signal });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      for (const m of buffer.matchAll(/event: unread\ndata: (\{[^\n]*\})\n\n/g)) counts.push((JSON.parse(m[1]!) as { count: number }).count);
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    }
  })().catch(() => {});
  return { counts, close: () => controller.abort() };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-cluster-'));
  cluster = await startPgCluster({ replicas: 1 });
  primary = new pg.Pool({ connectionString: cluster.primaryUrl, max: 2 });
  const common = { DATABASE_URL: cluster.primaryUrl, DEMO: 'true', DEMO_HISTORY: '0', LOG_LEVEL: 'warn', WEB_DIR: path.resolve('dist/web') };
  // The first jobs process migrates and seeds; the others start on a ready database.
  const jobsPorts = [await freePort(), await freePort()];
  jobs.push(await startBuiltServer({ port: jobsPorts[0]!, env: { ...common, JOBS: 'true', JOB_INTERVAL_SECONDS: '1' }, readyMs: 120_000 }));
  jobs.push(await startBuiltServer({ port: jobsPorts[1]!, env: { ...common, JOBS: 'true', JOB_INTERVAL_SECONDS: '1' } }));
  const appPorts = [await freePort(), await freePort()];
  apps = await Promise.all(appPorts.map((port) => startBuiltServer({ port, env: { ...common, JOBS: 'false', TRUST_PROXY: '127.0.0.1', DATABASE_READ_URL: cluster.replicaUrls[0]! } })));
  base = await startNginx(appPorts);
}, 240_000);

afterAll(async () => {
  nginx?.kill('SIGQUIT');
  await Promise.all([...apps, ...jobs].map((s) => s.stop()));
  await primary?.end();
  await cluster?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two app processes and two jobs processes on a primary and a replica, behind nginx', () => {
  it('serves the web app and the API through nginx, static files with long caching', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const asset = /\/assets\/[^"]+\.js/.exec(html)![0];
    const js = await fetch(`${base}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('content-encoding')).toBe('gzip');
    expect((await call(null, 'GET', '/api/health')).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(403);
  });

  it('carries a story across the processes, with live notifications on either process and deadlines acted on once', async () => {
    const citizen = await login(base, '13907910001');
    const coordinator = await login(base, 'coordinator');
    const handler = await login(base, 'handler');
    // The unit's handler listens on each app process directly: a change made through any process reaches both.
    const streams = apps.map((a) => listen(a.url, handler));
    await until('both streams open', async () => streams.every((s) => s.counts.length > 0));

    const board = (await call(null, 'GET', '/api/v1/boards?region=360000')).json.items.find((b: { name: string }) => b.name === '江西省委书记');
    const created = await call(citizen, 'POST', '/api/v1/messages', { boardId: board.id, type: 'help', fieldCode: 'health', regionCode: '360102', title: '集群演练：小区电梯停运', body: '小区电梯停运两个月，老人上下楼困难，请协调维修。', isPublic: true }, { 'idempotency-key': randomUUID() });
    expect(created.status).toBe(201);
    const id = created.json.id as number;
    // The author reads their own write at once (a session reads from the primary).
    expect((await call(citizen, 'GET', `/api/v1/messages/${id}`)).status).toBe(200);

    expect((await call(coordinator, 'POST', `/api/v1/messages/${id}/screening`, { decision: 'accept' })).status).toBe(200);
    const me = (await call(handler, 'GET', '/api/v1/auth/me')).json.account;
    const before = streams.map((s) => s.counts.at(-1)!);
    const assigned = await call(coordinator, 'POST', `/api/v1/messages/${id}/assignments`, { leadUnitId: me.unit.id, handlingClass: 'timely' });
    expect(assigned.status, JSON.stringify(assigned.json)).toBe(201);
    await until('the assignment notice on both processes', async () => streams.every((s, i) => s.counts.at(-1)! > before[i]!));
    for (const s of streams) s.close();

    // The public sees the accepted message once the replica has replayed it.
    await cluster.waitForReplay(0);
    expect((await call(null, 'GET', `/api/v1/messages/${id}`)).status).toBe(200);

    // Time travel on the primary: the assignment was made 20 days ago and its deadlines have passed.
    await primary.query(
      `UPDATE assignments SET assigned_at = now() - interval '20 days', sign_due = now() - interval '10 days',
              contact_due = now() - interval '9 days', reply_due = now() - interval '1 day' WHERE message_id = $1`,
      [id],
    );
    // Two jobs processes sweep every second; each passed deadline is acted on exactly once.
    await until('the overdue events', async () => {
      const r = await primary.query<{ n: number }>(`SELECT count(*)::int AS n FROM message_events WHERE message_id = $1 AND kind = 'overdue'`, [id]);
      return r.rows[0]!.n >= 3;
    });
    await sleep(4_000); // several more sweeps by both processes
    const overdue = await primary.query<{ deadline: string; n: number }>(
      `SELECT data->>'deadline' AS deadline, count(*)::int AS n FROM message_events WHERE message_id = $1 AND kind = 'overdue' GROUP BY 1 ORDER BY 1`,
      [id],
    );
    expect(overdue.rows).toEqual([
      { deadline: 'contact', n: 1 },
      { deadline: 'reply', n: 1 },
      { deadline: 'sign', n: 1 },
    ]);
    const counted = await primary.query<{ overdue_count: number }>('SELECT overdue_count FROM messages WHERE id = $1', [id]);
    expect(counted.rows[0]!.overdue_count).toBeGreaterThanOrEqual(1);
    const ran = jobs.map((j) => j.output());
    console.log(`cluster: jobs processes' handling lines: ${ran.map((o) => (o.match(/handling: \d+ deadline alerts/g) ?? []).length).join(' and ')}`);
  });

  it('keeps every acknowledged submission when one app process is killed in a burst, and serves readers throughout', async () => {
    const citizens = await makeCitizens(12);
    const board = (await call(null, 'GET', '/api/v1/boards?region=360000')).json.items.find((b: { name: string }) => b.name === '江西省委书记');
    const acknowledged = new Map<string, number>();
    const refused = new Map<number, number>();
    let maxLagBytes = 0;
    let sending = true;

    // A reader on the public board through nginx, and the replica's lag, sampled meanwhile.
    const readerStatuses: number[] = [];
    const reader = (async () => {
      while (sending) {
        readerStatuses.push((await call(null, 'GET', `/api/v1/messages?limit=20`).catch(() => ({ status: 0 }))).status);
        await sleep(20);
      }
    })();
    const lagSampler = (async () => {
      while (sending) {
        maxLagBytes = Math.max(maxLagBytes, await cluster.replicaLagBytes(0));
        await sleep(50);
      }
    })();

    const submitAll = async (c: number) => {
      for (let i = c; i < BURST; i += citizens.length) {
        const title = `集群突发第${i}条`;
        const key = randomUUID();
        const body = { boardId: board.id, type: 'help', fieldCode: 'health', regionCode: '360102', title, body: `关于社区卫生服务的建议，第${i}条。`, isPublic: true };
        for (;;) {
          const res = await call(citizens[c]!, 'POST', '/api/v1/messages', body, { 'idempotency-key': key }).catch(() => ({ status: 0, json: null }));
          if (res.status === 201) {
            acknowledged.set(title, res.json.id as number);
            break;
          }
          refused.set(res.status, (refused.get(res.status) ?? 0) + 1);
          expect([0, 502, 503, 504], `a submission answered ${res.status}: ${JSON.stringify(res.json)}`).toContain(res.status);
          await sleep(100);
        }
      }
    };
    const burst = Promise.all(citizens.map((_, c) => submitAll(c)));
    burst.catch(() => {}); // awaited below; a failure meanwhile must not surface as an unhandled rejection
    await until('a third of the burst', async () => acknowledged.size >= BURST / 3);
    const victim = apps[0]!;
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    await burst;
    sending = false;
    await Promise.all([reader, lagSampler]);
    console.log(
      `cluster: the burst ended ${Date.now() - killedAt} ms after an app process was killed; ${acknowledged.size} acknowledged; refused attempts ${JSON.stringify(Object.fromEntries(refused))}; ` +
        `reader through nginx: ${readerStatuses.length} requests, statuses ${JSON.stringify(Object.fromEntries([...new Set(readerStatuses)].map((s) => [s, readerStatuses.filter((x) => x === s).length])))}; replica lag at most ${maxLagBytes} bytes`,
    );

    expect(acknowledged.size).toBe(BURST);
    const rows = await primary.query<{ id: string; title: string; number: string }>(`SELECT id, title, number FROM messages WHERE title LIKE '集群突发第%'`);
    expect(rows.rows.length).toBe(BURST);
    for (const r of rows.rows) expect(acknowledged.get(r.title)).toBe(Number(r.id));
    expect(new Set(rows.rows.map((r) => r.number)).size).toBe(BURST);
    // The survivor served every read: nginx took the dead process out and retried the read on the other.
    expect(readerStatuses.filter((s) => s !== 200)).toEqual([]);
    // The replica caught up with the burst (the jobs processes keep writing, so "caught up" is: replayed all WAL written before this call).
    await cluster.waitForReplay(0);
  });
});

/** Citizens made in the database with the demo password, each logged in through nginx (the per-citizen hourly limit is 20 messages). */
async function makeCitizens(n: number): Promise<Session[]> {
  const hash = await hashPassword(PASSWORD);
  const firstMobile = 17_200_000_000 + Math.floor(Math.random() * 700_000_000);
  const mobiles = (
    await primary.query<{ mobile: string }>(
      `INSERT INTO accounts (kind, mobile, password_hash, nickname, display_name)
       SELECT 'citizen', ($1::bigint + i)::text, $2, '集群' || i, '集群' || i FROM generate_series(0, $3::int - 1) AS i RETURNING mobile`,
      [firstMobile, hash, n],
    )
  ).rows.map((r) => r.mobile);
  const sessions: Session[] = [];
  for (const m of mobiles) sessions.push(await login(base, m));
  return sessions;
}
