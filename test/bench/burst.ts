/**
 * `npm run bench:burst`: issue 6's burst (docs/benchmarks.md, "Submission burst").
 *
 * Starts the platform in a child process (its own event loop, as in production)
 * on a fresh embedded database, publishes an open campaign through the API,
 * makes citizens with sessions directly (no login round trips), then sends
 * entries (POST /api/v1/campaigns/{id}/entries) at a constant arrival rate while
 * an anonymous visitor polls the campaign page (GET /api/v1/campaigns/{id}, with
 * its live entry counter). Open loop: request i is due at start + i/rate and its
 * latency counts from then, so a server that falls behind shows it (no
 * coordinated omission). Afterwards it checks that every 201 is in the database
 * and that the counts agree.
 *
 * Environment:
 * - BURST_RATE (500 entries/s), BURST_SECONDS (60), BURST_PAGE_RATE (20 requests/s)
 * - BURST_WARMUP_SECONDS (5, at a fifth of the rate; its entries are checked too)
 * - BURST_RAMP_SECONDS (0): before the measured seconds, rise linearly to the rate in this many
 *   seconds (not measured, checked); 0 is a step from the warm-up rate to the full rate
 * - BURST_CITIZENS (3000: each may file 20 messages an hour), BURST_SOCKETS (512)
 * - JOBS (false: scheduled jobs off, as `npm run bench`; true runs the statistics fold meanwhile)
 * - BURST_SERVER_ROOT: the checkout whose server to start (default this one), e.g. a copy
 *   of the code before a change, to measure before and after with the same script
 * - BURST_KEEP=1 keeps the data directory
 * - Diagnosis: BURST_TIMELINE=1 prints latency and database waits second by second; BURST_SERVER_LOG=<file>
 *   appends the server's output (e.g. with BURST_NODE_ARGS=--trace-gc); BURST_PG_STATS=1 restarts the server once with pg_stat_statements loaded and prints
 *   the statements that took most database time; BURST_NODE_ARGS adds flags to the server's node
 *   (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
 */
import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createDatabase } from '../../src/server/db/database.js';
import { hashPassword } from '../../src/server/modules/accounts/passwords.js';
import { insertSession } from '../../src/server/modules/accounts/session.repository.js';
import { freePort } from '../support/net.js';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RATE = num('BURST_RATE', 500);
const SECONDS = num('BURST_SECONDS', 60);
const PAGE_RATE = num('BURST_PAGE_RATE', 20);
const WARMUP_SECONDS = num('BURST_WARMUP_SECONDS', 5);
const RAMP_SECONDS = num('BURST_RAMP_SECONDS', 0);
const CITIZENS = num('BURST_CITIZENS', 3000);
const SOCKETS = num('BURST_SOCKETS', 512);
const JOBS = process.env.JOBS ?? 'false';
const here = path.dirname(fileURLToPath(import.meta.url));
const serverRoot = path.resolve(process.env.BURST_SERVER_ROOT ?? path.join(here, '../..'));

const log = (msg: string) => console.log(`[burst] ${msg}`);

// ── the server, in a child process ──────────────────────────────────────────

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-burst-'));
const port = await freePort();
const pgPort = await freePort();
const nodeArgs = (process.env.BURST_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

async function startServer(): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: serverRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PG_PORT: String(pgPort), LOG_LEVEL: 'warn', DEMO: 'true', JOBS, DEMO_HISTORY: '0' },
  });
  child.stderr.on('data', (d: Buffer) => process.stderr.write(`[server] ${d.toString()}`));
  const serverLog = process.env.BURST_SERVER_LOG;
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      if (serverLog) appendFileSync(serverLog, d);
      if (out.length > 100_000) return;
      out += d.toString();
      const ready = /ready at (http:\/\/\S+)/.exec(out);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready:\n${out}`)));
  });
  log(`server ${serverRoot} ready at ${url} in ${Date.now() - startedAt} ms (data in ${dataDir}, jobs ${JOBS})`);
  return { child, url };
}

async function stopChild(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const pgUrl = `postgres://postgres:minsheng@127.0.0.1:${pgPort}/minsheng`;
let { child, url: baseUrl } = await startServer();
const pgStats = process.env.BURST_PG_STATS === '1';
if (pgStats) {
  const admin = createDatabase(pgUrl, 1);
  await sql`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`.execute(admin);
  await admin.destroy();
  await stopChild(child);
  ({ child, url: baseUrl } = await startServer());
}

const db = createDatabase(pgUrl, 4);
if (pgStats) await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`.execute(db);

async function stopServer(): Promise<void> {
  await db.destroy();
  await stopChild(child);
  if (!process.env.BURST_KEEP) await rm(dataDir, { recursive: true, force: true });
}

// ── HTTP with a bounded, keep-alive socket pool ─────────────────────────────

const agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS, maxFreeSockets: SOCKETS });
const target = new URL(baseUrl);

interface Answer {
  status: number;
  body: string;
}

function request(method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, method, path: pathname, headers: body ? { ...headers, 'content-length': String(Buffer.byteLength(body)) } : headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

// ── setup: an organiser's session, the campaign, citizens ───────────────────

async function sessionOf(accountId: string) {
  const s = await insertSession(db, accountId, 1, { ip: null, userAgent: 'bench-burst' });
  return { cookie: `ms_sid=${s.token}`, csrf: s.csrfToken };
}

const admin = await db.selectFrom('accounts').select('id').where('login', '=', 'admin').executeTakeFirstOrThrow();
const adminSession = await sessionOf(admin.id);
const board = await db.selectFrom('boards').select(['id', 'unit_id', 'name']).where('name', '=', '江西省委书记').executeTakeFirstOrThrow();
const organiserUnitId = board.unit_id ?? (await db.selectFrom('units').select('id').where('region_code', '=', '360000').orderBy('id').executeTakeFirstOrThrow()).id;
const asAdmin = { cookie: adminSession.cookie, 'x-csrf-token': adminSession.csrf };
const topics = ['公共食堂', '光盘行动', '宣传教育'];
const created = await request(
  'POST',
  '/api/v1/campaigns',
  { ...asAdmin, 'content-type': 'application/json' },
  JSON.stringify({
    title: '制止餐饮浪费 建言征集（压测）',
    description: '围绕公共机构食堂餐饮节约，征集意见建议与问题线索。',
    organiserUnitId: Number(organiserUnitId),
    boardId: Number(board.id),
    topics,
    regionCodes: [],
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    hasPrizes: true,
    entriesPublic: true,
  }),
);
if (created.status !== 201) throw new Error(`POST /campaigns answered ${created.status}: ${created.body}`);
const campaignId = (JSON.parse(created.body) as { id: number }).id;
const published = await request('POST', `/api/v1/campaigns/${campaignId}/publish`, asAdmin);
if (published.status !== 200) throw new Error(`publish answered ${published.status}: ${published.body}`);
log(`campaign ${campaignId} published on board ${board.name} (${board.id})`);

const regionCodes = (
  await sql<{ code: string }>`
    SELECT code FROM regions WHERE level = 'county' AND path <@ (SELECT path FROM regions WHERE code = '360000') ORDER BY code LIMIT 40`.execute(db)
).rows.map((r) => r.code);

const passwordHash = await hashPassword('Bench-Password-1');
const mobileBase = 17_000_000_000 + Math.floor(Math.random() * 900_000_000);
const citizenIds = (
  await sql<{ id: string }>`
    INSERT INTO accounts (kind, mobile, password_hash, nickname, display_name)
    SELECT 'citizen', (${mobileBase}::bigint + i)::text, ${passwordHash}, '压测' || i, '压测' || i FROM generate_series(0, ${CITIZENS - 1}) AS i
    RETURNING id`.execute(db)
).rows.map((r) => r.id);
const citizens: { cookie: string; csrf: string }[] = [];
for (const id of citizenIds) citizens.push(await sessionOf(id));
log(`${citizens.length} citizens with sessions; ${regionCodes.length} counties of 江西 to write from`);

// ── measurement helpers ─────────────────────────────────────────────────────

interface Sample {
  /** When it was due, in seconds from the start of its loop. */
  at: number;
  latency: number;
  status: number;
  error?: string;
  body?: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** p50 / p99 / max per `seconds` of due time: when the server fell behind, and for how long. */
function overTime(samples: Sample[], seconds: number): string {
  const buckets = new Map<number, number[]>();
  for (const s of samples) {
    const b = Math.floor(s.at / seconds);
    buckets.set(b, [...(buckets.get(b) ?? []), s.latency]);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([b, l]) => {
      const sorted = l.sort((x, y) => x - y);
      return `${b * seconds}s ${Math.round(percentile(sorted, 50))}/${Math.round(percentile(sorted, 99))}/${Math.round(sorted[sorted.length - 1]!)}`;
    })
    .join('  ');
}

function summarise(samples: Sample[]) {
  const ok = samples.filter((s) => s.status >= 200 && s.status < 300);
  const all = samples.map((s) => s.latency).sort((a, b) => a - b);
  const statuses = new Map<string, number>();
  for (const s of samples) statuses.set(s.error ?? String(s.status), (statuses.get(s.error ?? String(s.status)) ?? 0) + 1);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { total: samples.length, ok: ok.length, p50: r(percentile(all, 50)), p90: r(percentile(all, 90)), p99: r(percentile(all, 99)), max: r(all[all.length - 1] ?? NaN), statuses: Object.fromEntries(statuses) };
}

/**
 * Sends `total` requests at `rate` per second: request i is due at t0 + i/rate,
 * sent at the first timer tick at or after that, its latency counted from when it was due.
 */
function openLoop(rate: number, total: number, send: (i: number) => Promise<Answer>, onAnswer?: (i: number, a: Answer) => void): Promise<Sample[]> {
  return scheduled((i) => (i * 1000) / rate, total, send, onAnswer);
}

/** A linear ramp from nothing to `rate` in `seconds`: request i is due at sqrt(2·seconds·i/rate). */
function ramp(rate: number, seconds: number, send: (i: number) => Promise<Answer>, onAnswer?: (i: number, a: Answer) => void): Promise<Sample[]> {
  return scheduled((i) => Math.sqrt((2 * seconds * i) / rate) * 1000, Math.round((rate * seconds) / 2), send, onAnswer);
}

/** Sends request i at `dueMs(i)` after the start (open loop), its latency counted from then. */
function scheduled(dueMs: (i: number) => number, total: number, send: (i: number) => Promise<Answer>, onAnswer?: (i: number, a: Answer) => void): Promise<Sample[]> {
  const samples: Sample[] = [];
  const t0 = performance.now() + 20;
  let next = 0;
  let done = 0;
  return new Promise((resolve) => {
    const fire = (i: number) => {
      const due = t0 + dueMs(i);
      send(i).then(
        (a) => {
          samples.push({ at: (due - t0) / 1000, latency: performance.now() - due, status: a.status, ...(a.status >= 300 ? { body: a.body.slice(0, 300) } : {}) });
          onAnswer?.(i, a);
        },
        (e: unknown) => samples.push({ at: (due - t0) / 1000, latency: performance.now() - due, status: 0, error: e instanceof Error ? e.message : String(e) }),
      ).finally(() => {
        if (++done === total) resolve(samples);
      });
    };
    const timer = setInterval(() => {
      const now = performance.now() - t0;
      while (next < total && dueMs(next) <= now) fire(next++);
      if (next >= total) clearInterval(timer);
    }, 1);
  });
}

/** CPU seconds (user + system) of a process, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Seconds a process's main thread spent waiting for a CPU while runnable (/proc/<pid>/schedstat). */
function runQueueSeconds(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return 0;
  }
}

/** The postmaster of our data directory and its children (backends, WAL writer, checkpointer …). */
function postgresPids(): number[] {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [postmaster];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === postmaster) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Busy and total jiffies of the whole machine. */
function machineJiffies(): { busy: number; total: number; steal: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const idle = cpu[3]! + cpu[4]!;
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total, steal: cpu[7] ?? 0 };
}

// ── the entries and the page ────────────────────────────────────────────────

const createdIds = new Map<string, string>(); // message id → number, every 201
const nonCreated: Answer[] = [];
let citizenTurn = 0;

function sendEntry(i: number): Promise<Answer> {
  const who = citizens[citizenTurn++ % citizens.length]!;
  const body = JSON.stringify({
    kind: i % 5 === 0 ? 'lead' : 'suggestion',
    topic: topics[i % topics.length],
    title: `关于公共食堂节约的建议 第${i}条`,
    body: `建议机关食堂推行按需取餐、小份菜和光盘打卡，第${i}位网友认为应把餐饮浪费纳入考核，并定期公布剩餐数量。`,
    regionCode: regionCodes[i % regionCodes.length],
  });
  return request('POST', `/api/v1/campaigns/${campaignId}/entries`, { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf, 'idempotency-key': randomUUID() }, body);
}

function recordEntry(_i: number, a: Answer): void {
  if (a.status === 201) {
    const m = JSON.parse(a.body) as { id: number; number: string };
    createdIds.set(String(m.id), m.number);
  } else if (nonCreated.length < 20) nonCreated.push(a);
}

const counterSeen: number[] = []; // by request index: answers may arrive out of order
function sendPage(): Promise<Answer> {
  return request('GET', `/api/v1/campaigns/${campaignId}`, {});
}
function recordPage(i: number, a: Answer): void {
  if (a.status === 200) counterSeen[i] = (JSON.parse(a.body) as { entryCount: number }).entryCount;
}

// A server that has been up a while has opened its connections to the database; so has this one now.
await Promise.all(Array.from({ length: 40 }, (_, i) => sendEntry(i).then((a) => recordEntry(i, a))));
if (WARMUP_SECONDS > 0) {
  const warm = await openLoop(Math.max(1, RATE / 5), Math.round((RATE / 5) * WARMUP_SECONDS), sendEntry, recordEntry);
  log(`warm-up: ${JSON.stringify(summarise(warm))}`);
}
if (RAMP_SECONDS > 0) {
  const rise = await ramp(RATE, RAMP_SECONDS, sendEntry, recordEntry);
  log(`ramp to ${RATE}/s in ${RAMP_SECONDS} s: ${JSON.stringify(summarise(rise))}`);
}

// Wait events of the server's busy connections, sampled every 100 ms: what the submissions wait for.
const waits = new Map<string, number>();
let waitSamples = 0;
let sampling = true;
const TIMELINE = process.env.BURST_TIMELINE === '1';
let burstStart = performance.now();
const waitsBySecond = new Map<number, Map<string, number>>();
const sampler = (async () => {
  while (sampling) {
    const rows = await sql<{ w: string; n: number }>`
      SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::int AS n FROM pg_stat_activity
      WHERE application_name = 'minsheng' AND state <> 'idle' AND pid <> pg_backend_pid() GROUP BY 1`.execute(db);
    waitSamples++;
    for (const r of rows.rows) waits.set(r.w, (waits.get(r.w) ?? 0) + r.n);
    if (TIMELINE) {
      const second = Math.floor((performance.now() - burstStart) / 1000);
      const m = waitsBySecond.get(second) ?? new Map<string, number>();
      for (const r of rows.rows) m.set(r.w, (m.get(r.w) ?? 0) + r.n);
      waitsBySecond.set(second, m);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
})();

/** The server's own view (/metrics): event-loop delay, GC, request durations by route. */
async function serverMetrics(): Promise<Map<string, number>> {
  const text = (await request('GET', '/metrics', {})).body;
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) ([0-9.e+-]+|NaN)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}
const checkpoints = async () =>
  (await sql<{ n: number }>`SELECT (num_timed + num_requested)::int AS n FROM pg_stat_checkpointer`.execute(db)).rows[0]!.n;
const autovacuums = async () =>
  (await sql<{ n: number }>`SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::int AS n FROM pg_stat_user_tables`.execute(db)).rows[0]!.n;

await serverMetrics(); // starts the event-loop delay window at the burst
const before = { checkpoints: await checkpoints(), autovacuums: await autovacuums() };
const benchLoop = monitorEventLoopDelay({ resolution: 10 });
benchLoop.enable();
const load = os.loadavg();
const others = execFileSync('ps', ['-eo', 'pcpu,etime,args', '--sort=-pcpu'], { encoding: 'utf8' }).split('\n').slice(0, 9).map((l) => l.slice(0, 160));
const pgPids = postgresPids();
const cpuBefore = {
  server: cpuSeconds(child.pid!),
  serverWait: runQueueSeconds(child.pid!),
  postgres: pgPids.reduce((a, p) => a + cpuSeconds(p), 0),
  postgresWait: pgPids.reduce((a, p) => a + runQueueSeconds(p), 0),
  bench: process.cpuUsage(),
  machine: machineJiffies(),
};
burstStart = performance.now();
log(`burst: ${RATE} entries/s for ${SECONDS} s, page ${PAGE_RATE}/s; load average ${load.map((l) => l.toFixed(2)).join(' ')}`);

const [entrySamples, pageSamples] = await Promise.all([
  openLoop(RATE, RATE * SECONDS, sendEntry, recordEntry),
  openLoop(PAGE_RATE, PAGE_RATE * SECONDS, sendPage, recordPage),
]);
const wall = (performance.now() - burstStart) / 1000;
benchLoop.disable();
const metrics = await serverMetrics();
const after = { checkpoints: await checkpoints(), autovacuums: await autovacuums() };
const entryRoute = `route="/api/v1/campaigns/:id/entries",status="201"`;
const serverShare = (le: string) => {
  const total = metrics.get(`http_request_duration_seconds_count{method="POST",${entryRoute}}`) ?? 0;
  const under = metrics.get(`http_request_duration_seconds_bucket{le="${le}",method="POST",${entryRoute}}`) ?? 0;
  return total > 0 ? `${((100 * under) / total).toFixed(1)}%` : 'n/a';
};
const gcSeconds = [...metrics.entries()].filter(([k]) => k.startsWith('nodejs_gc_duration_seconds_sum')).reduce((a, [, v]) => a + v, 0);
sampling = false;
await sampler;
const pgPidsNow = [...new Set([...pgPids, ...postgresPids()])];
const postgresNow = pgPidsNow.reduce((a, p) => a + cpuSeconds(p), 0);
const postgresWaitNow = pgPidsNow.reduce((a, p) => a + runQueueSeconds(p), 0);
const benchCpu = process.cpuUsage(cpuBefore.bench);
const machine = machineJiffies();
const cpu = {
  server: (cpuSeconds(child.pid!) - cpuBefore.server) / wall,
  postgres: (postgresNow - cpuBefore.postgres) / wall, // backends that ended meanwhile are missed: a lower bound
  bench: (benchCpu.user + benchCpu.system) / 1e6 / wall,
  machine: ((machine.busy - cpuBefore.machine.busy) / (machine.total - cpuBefore.machine.total)) * os.cpus().length,
  // Time the hypervisor gave this machine's CPUs to others.
  steal: ((machine.steal - cpuBefore.machine.steal) / (machine.total - cpuBefore.machine.total)) * os.cpus().length,
  // Time runnable but not running: the machine's other work (or each other) kept them off the CPUs.
  serverWait: (runQueueSeconds(child.pid!) - cpuBefore.serverWait) / wall,
  postgresWait: (postgresWaitNow - cpuBefore.postgresWait) / wall,
};

// ── checks: nothing lost, counts agree ──────────────────────────────────────

const ids = [...createdIds.keys()];
const stored = await db
  .selectFrom('messages')
  .innerJoin('campaign_entries', 'campaign_entries.message_id', 'messages.id')
  .select(['messages.id', 'messages.number'])
  .where('messages.id', 'in', ids.length > 0 ? ids : ['0'])
  .where('messages.campaign_id', '=', String(campaignId))
  .execute();
const storedNumbers = new Map(stored.map((r) => [r.id, r.number]));
const missing = ids.filter((id) => !storedNumbers.has(id));
const wrongNumber = ids.filter((id) => storedNumbers.has(id) && storedNumbers.get(id) !== createdIds.get(id));
const inCampaign = await db.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).where('campaign_id', '=', String(campaignId)).executeTakeFirstOrThrow();
const entryRows = await db.selectFrom('campaign_entries').select((eb) => eb.fn.countAll<string>().as('n')).where('campaign_id', '=', String(campaignId)).executeTakeFirstOrThrow();
const page = JSON.parse((await request('GET', `/api/v1/campaigns/${campaignId}`, {})).body) as { entryCount: number };
const numbers = [...createdIds.values()];
const badFormat = numbers.filter((n) => !/^\d{4}-\d{2}-\d{2}-\d{6}$/.test(n));
const duplicates = numbers.length - new Set(numbers).size;
const days = await sql<{ day: string; messages: number; top: number; counter: number }>`
  SELECT left(m.number, 10) AS day, count(*)::int AS messages, max(right(m.number, 6)::int) AS top, c.n AS counter
  FROM messages m LEFT JOIN message_day_counters c ON c.day = left(m.number, 10)::date
  GROUP BY 1, c.n ORDER BY 1 DESC LIMIT 2`.execute(db);
const seen = counterSeen.filter((n) => n !== undefined);

const entries = summarise(entrySamples);
const pages = summarise(pageSamples);
const waitList = [...waits.entries()].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w} ${(n / waitSamples).toFixed(1)}`);

console.log(`
Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}
Date: ${new Date().toISOString()}  server: ${serverRoot}  jobs: ${JOBS}
Load average at the start: ${load.map((l) => l.toFixed(2)).join(' ')}; busiest processes then:
${others.map((l) => `    ${l}`).join('\n')}

Entries: ${RATE}/s for ${SECONDS} s (open loop, ${SOCKETS} sockets at most, ${citizens.length} citizens, Idempotency-Key on each)
  sent ${entries.total} in ${wall.toFixed(1)} s → ${(entries.ok / wall).toFixed(0)} created/s; statuses ${JSON.stringify(entries.statuses)}
  latency ms  p50 ${entries.p50}  p90 ${entries.p90}  p99 ${entries.p99}  max ${entries.max}
Campaign page (GET /api/v1/campaigns/${campaignId}, anonymous): ${PAGE_RATE}/s
  ${pages.total} requests, statuses ${JSON.stringify(pages.statuses)}
  latency ms  p50 ${pages.p50}  p90 ${pages.p90}  p99 ${pages.p99}  max ${pages.max}
  live counter: first ${seen[0]}, last ${seen[seen.length - 1]} (the count of entries committed when each page was read)
Latency over time (p50/p99/max ms per 5 s of the burst)
  entries: ${overTime(entrySamples, 5)}
  page:    ${overTime(pageSamples, 5)}
CPU (cores) during the burst: server process ${cpu.server.toFixed(2)}, PostgreSQL ${cpu.postgres.toFixed(2)}, this load generator ${cpu.bench.toFixed(2)}, whole machine ${cpu.machine.toFixed(2)} of ${os.cpus().length} (of which stolen by the hypervisor ${cpu.steal.toFixed(2)})
  waiting for a CPU while runnable: server's main thread ${(cpu.serverWait * 100).toFixed(0)}% of the time; PostgreSQL processes ${cpu.postgresWait.toFixed(2)} (sum)
  per created entry: server ${((cpu.server * wall * 1000) / Math.max(1, entries.ok + pages.total)).toFixed(2)} ms CPU, PostgreSQL ${((cpu.postgres * wall * 1000) / Math.max(1, entries.ok + pages.total)).toFixed(2)} ms (pages included)
Server's event loop delay during the burst: p50 ${((metrics.get('nodejs_eventloop_lag_p50_seconds') ?? NaN) * 1000).toFixed(1)} ms, p99 ${((metrics.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000).toFixed(1)} ms, max ${((metrics.get('nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000).toFixed(0)} ms; GC ${gcSeconds.toFixed(1)} s in all since start
  entries answered within 50 ms / 200 ms of arriving at the server (its own clock): ${serverShare('0.05')} / ${serverShare('0.2')}
  the load generator's own event loop delay: p99 ${(benchLoop.percentile(99) / 1e6).toFixed(1)} ms, max ${(benchLoop.max / 1e6).toFixed(0)} ms
  checkpoints during the burst: ${after.checkpoints - before.checkpoints}; autovacuum/autoanalyze runs: ${after.autovacuums - before.autovacuums}
Server connections, mean per 100 ms sample: ${waitList.join(', ') || 'none'}

Checks (warm-up included):
  201 answers: ${createdIds.size}; in the database with their entry row: ${stored.length}; missing: ${missing.length}; number differs: ${wrongNumber.length}
  messages of the campaign: ${inCampaign.n}; entry rows: ${entryRows.n}; page's entryCount: ${page.entryCount}
  numbers: ${badFormat.length} malformed, ${duplicates} duplicated; per day (newest first): ${days.rows.map((d) => `${d.day}: ${d.messages} messages, highest ${d.top}, counter ${d.counter}`).join('; ')}
`);
if (TIMELINE) {
  console.log(`First 5 s by 250 ms (p50/p99/max ms): ${overTime(entrySamples.filter((x) => x.at < 5), 0.25)}`);
  console.log('Per second: entries p50/p99/max ms · server connections (sum of 10 samples) by wait');
  const perSecond = overTime(entrySamples, 1).split('  ');
  perSecond.forEach((line, i) => {
    const w = [...(waitsBySecond.get(i) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`  ${line} · ${w}`);
  });
}
if (pgStats) {
  const top = await sql<{ calls: number; total: number; mean: number; query: string }>`
    SELECT calls::int, round(total_exec_time)::int AS total, round(mean_exec_time::numeric, 3)::float AS mean, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS query
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25`.execute(db);
  console.log('Statements by database time (ms total · calls · ms mean):');
  for (const r of top.rows) console.log(`  ${r.total} · ${r.calls} · ${r.mean}  ${r.query}`);
}
if (nonCreated.length > 0) console.log(`Some answers other than 201:\n${nonCreated.map((a) => `  ${a.status} ${a.body.slice(0, 200)}`).join('\n')}`);

const lost = missing.length > 0 || wrongNumber.length > 0 || Number(inCampaign.n) !== createdIds.size || Number(entryRows.n) !== createdIds.size || page.entryCount !== createdIds.size || duplicates > 0;
const met = !lost && entries.ok === entries.total && entries.p99 < 200 && pages.p99 < 50;
console.log(lost ? 'NOT CONSISTENT: see the checks above' : 'consistent: every 201 is stored, the counts agree');
console.log(met ? `MET: ${RATE}/s for ${SECONDS} s with p99 < 200 ms, page p99 < 50 ms` : 'NOT MET (see above)');

agent.destroy();
await stopServer();
process.exitCode = lost ? 2 : met ? 0 : 1;
