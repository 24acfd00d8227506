/**
 * `npm run bench`: starts the platform, loads routes with autocannon and
 * prints requests per second and latency percentiles (docs/benchmarks.md).
 *
 * - Default: a fresh embedded database with the demo data (foundation routes).
 * - BENCH_DATA_DIR=<dir>: an existing embedded data directory, e.g. one filled by
 *   `DATA_DIR=<dir> npm run seed:synthetic -- --messages 1000000`; adds the message
 *   list, counts, search and submission routes.
 *   With assignments in the data (the generator makes them), adds the unit inbox and
 *   the coordinator's handling lists, as staff of the busiest units.
 * - BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_ONLY (substrings of route names, separated by |).
 * - Scheduled jobs are off (JOBS=false) unless JOBS is set: a first deadline sweep over
 *   generated data would otherwise run under the measurements.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../../src/server/config.js';
import { start } from '../../src/server/main.js';
import { hashPassword } from '../../src/server/modules/accounts/passwords.js';
import { insertSession } from '../../src/server/modules/accounts/session.repository.js';
import { freePort } from '../support/net.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ONLY = process.env.BENCH_ONLY ?? '';
const existingDir = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : null;

const dataDir = existingDir ?? (await mkdtemp(path.join(os.tmpdir(), 'minsheng-bench-')));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PG_PORT: String(await freePort()), LOG_LEVEL: 'warn', DEMO: 'true', JOBS: process.env.JOBS ?? 'false' });
const startedAt = Date.now();
const server = await start(config);
const startMs = Date.now() - startedAt;

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const loginRes = await fetch(`${server.url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: 'admin', password: config.adminPassword }),
});
const adminCookie = (loginRes.headers.get('set-cookie') ?? '').split(';')[0]!;

interface Target {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  connections?: number;
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
}

const targets: Target[] = [
  { name: 'GET /api/health (SELECT 1)', path: '/api/health' },
  { name: 'GET /api/v1/regions?parent=360000', path: '/api/v1/regions?parent=360000' },
  { name: 'GET /api/v1/boards?region=360000', path: '/api/v1/boards?region=360000' },
  { name: 'GET /api/v1/units?limit=50 (admin session)', path: '/api/v1/units?limit=50', headers: { cookie: adminCookie } },
];

let messageCount = 0;
if (existingDir) {
  const counted = await json<{ all: number }>(await fetch(`${server.url}/api/v1/messages/counts`));
  messageCount = counted.all;
  const q = (s: string) => encodeURIComponent(s);
  targets.push(
    { name: 'GET /api/v1/messages (national, newest)', path: '/api/v1/messages?limit=20', connections: 50 },
    { name: 'GET /api/v1/messages?region=410000 (河南, newest)', path: '/api/v1/messages?region=410000&limit=20', connections: 50 },
    { name: 'GET /api/v1/messages?region=360102&status=done (county tab)', path: '/api/v1/messages?region=360102&status=done&limit=20', connections: 50 },
    { name: 'GET /api/v1/messages?region=440000&sort=activity', path: '/api/v1/messages?region=440000&sort=activity&limit=20', connections: 50 },
    { name: 'GET /api/v1/messages?field=health&type=complain', path: '/api/v1/messages?field=health&type=complain&limit=20', connections: 50 },
    { name: 'GET /api/v1/messages/counts?region=410000', path: '/api/v1/messages/counts?region=410000', connections: 50 },
    { name: 'search 医保', path: `/api/v1/messages?q=${q('医保')}&limit=20` },
    { name: 'search 醫保繳費 (Traditional)', path: `/api/v1/messages?q=${q('醫保繳費')}&limit=20` },
    { name: 'search 拖欠工资', path: `/api/v1/messages?q=${q('拖欠工资')}&limit=20` },
    { name: 'search 供暖 in 河南', path: `/api/v1/messages?q=${q('供暖')}&region=410000&limit=20` },
    { name: 'search 幸福食堂', path: `/api/v1/messages?q=${q('幸福食堂')}&limit=20` },
  );
  targets.push(...(await handlingTargets()));
  targets.push(...(await statsTargets()));
}

/**
 * Every statistics route the dashboards and the public data page read, over the
 * generated data: the country, the busiest province, city and county, windows of
 * whole months and windows cut inside months (today's year so far, the last 30 days).
 */
async function statsTargets(): Promise<Target[]> {
  const database = server.db;
  const busiest = async (column: 'province_code' | 'city_code' | 'county_code') =>
    (await sql<{ code: string }>`SELECT ${sql.ref(column)} AS code FROM stat_facts WHERE ${sql.ref(column)} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`.execute(database)).rows[0]?.code;
  const province = await busiest('province_code');
  if (!province) return [];
  const city = (await busiest('city_code'))!;
  const county = (await busiest('county_code'))!;
  const last = (await sql<{ day: string }>`SELECT max(day)::text AS day FROM stat_facts`.execute(database)).rows[0]!.day;
  const year = last.slice(0, 4);
  const ytd = `from=${year}-01-01&to=${last}`;
  const h1 = `from=${year}-01-01&to=${year}-06-30`;
  const days30 = `from=${new Date(Date.parse(last) - 29 * 86_400_000).toISOString().slice(0, 10)}&to=${last}`;
  const twoYears = `from=${Number(year) - 1}-01-01&to=${last}`;
  const admin = { cookie: adminCookie };
  console.log(`statistics: busiest province ${province}, city ${city}, county ${county}; newest day ${last}`);
  const s = '/api/v1/stats';
  return [
    { name: `stats summary, country, ${year} so far`, path: `${s}/summary?${ytd}` },
    { name: `stats summary, country, H1 ${year}`, path: `${s}/summary?${h1}` },
    { name: `stats summary, province ${province}, H1, cut by field`, path: `${s}/summary?region=${province}&${h1}&cut=field` },
    { name: `stats summary, city ${city}, last 30 days, cut by type`, path: `${s}/summary?region=${city}&${days30}&cut=type` },
    { name: `stats summary, county ${county}, ${year} so far`, path: `${s}/summary?region=${county}&${ytd}` },
    { name: 'stats summary, country, internal, cut by unit (admin)', path: `${s}/summary?${ytd}&view=internal&cut=unit`, headers: admin },
    { name: `stats rankings, provinces by 总热度, H1 ${year}`, path: `${s}/rankings?${h1}&metric=heat` },
    { name: `stats rankings, provinces by 回复率, ${year} so far`, path: `${s}/rankings?${ytd}&metric=replyRate` },
    { name: 'stats rankings, all cities by 满意率, last 30 days', path: `${s}/rankings?peers=city&${days30}&metric=satisfactionRate&limit=20` },
    { name: `stats rankings, cities of ${province}, ${year} so far`, path: `${s}/rankings?region=${province}&${ytd}` },
    { name: `stats rankings, counties of ${city}, ${year} so far`, path: `${s}/rankings?region=${city}&${ytd}` },
    { name: 'stats timeseries, country, by month, two years', path: `${s}/timeseries?${twoYears}&interval=month` },
    { name: `stats timeseries, province ${province}, by week, ${year}`, path: `${s}/timeseries?region=${province}&${ytd}&interval=week` },
    { name: `stats timeseries, county ${county}, by day, last 30 days`, path: `${s}/timeseries?region=${county}&${days30}&interval=day` },
    { name: `stats hot topics, country, H1 ${year}`, path: `${s}/hot-topics?${h1}` },
    { name: `stats hot topics, province ${province}, last 30 days`, path: `${s}/hot-topics?region=${province}&${days30}` },
    { name: 'stats boards, country (ministries)', path: `${s}/boards?${ytd}` },
    { name: `stats boards, province ${province}`, path: `${s}/boards?region=${province}&${days30}` },
    { name: 'stats overdue units, country (admin)', path: `${s}/overdue-units`, headers: admin },
    { name: `stats overdue units, province ${province} (admin)`, path: `${s}/overdue-units?region=${province}`, headers: admin },
  ];
}

/** A staff account of the unit with a session made directly (no login round trip, no login rate limit). */
async function staffCookie(login: string, unitId: string, roles: string[]): Promise<string> {
  const database = server.db;
  const hash = await hashPassword('Bench-Password-1');
  await database
    .insertInto('accounts')
    .values({ kind: 'staff', login, password_hash: hash, nickname: login, display_name: login, unit_id: unitId, roles })
    .onConflict((oc) => oc.column('login').doUpdateSet({ unit_id: unitId, roles }))
    .execute();
  const account = await database.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirstOrThrow();
  const session = await insertSession(database, account.id, 1, { ip: null, userAgent: 'bench' });
  return `ms_sid=${session.token}`;
}

/**
 * The unit inbox as a handler of the unit with the most open work and as the
 * unit admin of the top unit whose subtree holds the most; the coordinator's
 * lists as the demo coordinator (江西) and as a coordinator of the province
 * with the most open messages.
 */
async function handlingTargets(): Promise<Target[]> {
  const database = server.db;
  const any = await database.selectFrom('assignments').select('id').limit(1).executeTakeFirst();
  if (!any) return [];
  const busy = await sql<{ unit_id: string; name: string; n: number }>`
    SELECT a.unit_id, u.name, count(*)::int AS n FROM assignments a JOIN units u ON u.id = a.unit_id
    WHERE a.status IN ('pending','signed','passed_down') GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`.execute(database);
  const tree = await sql<{ unit_id: string; name: string; n: number }>`
    SELECT r.id AS unit_id, r.name, x.n FROM (
      SELECT subpath(u.path, 0, 1)::text AS root, count(*)::int AS n FROM assignments a JOIN units u ON u.id = a.unit_id
      WHERE a.status IN ('pending','signed','passed_down') GROUP BY 1 ORDER BY 2 DESC LIMIT 1) x
    JOIN units r ON r.id = x.root::bigint`.execute(database);
  const province = await sql<{ code: string; name: string; n: number }>`
    SELECT m.province_code AS code, r.name, count(*)::int AS n FROM messages m JOIN regions r ON r.code = m.province_code
    WHERE m.status IN ('accepted','assigned','handling','dissatisfied') GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`.execute(database);
  const handler = busy.rows[0]!;
  const admin = tree.rows[0]!;
  const top = province.rows[0]!;
  const provinceUnit = await database.selectFrom('units').select('id').where('region_code', '=', top.code).orderBy('id').executeTakeFirstOrThrow();
  const coordinatorUnit = await database.selectFrom('accounts').select('unit_id').where('login', '=', 'coordinator').executeTakeFirstOrThrow();
  const cookies = {
    handler: await staffCookie('bench-handler', handler.unit_id, ['unit_handler']),
    admin: await staffCookie('bench-unitadmin', admin.unit_id, ['unit_admin']),
    coordinator: await staffCookie('bench-coordinator', coordinatorUnit.unit_id!, ['coordinator']),
    provinceCoordinator: await staffCookie('bench-coordinator-2', provinceUnit.id, ['coordinator']),
  };
  console.log(`handling: handler of ${handler.name} (${handler.n} open assignments), unit admin of ${admin.name} (${admin.n} open below), coordinator of ${top.name} (${top.n} open messages)`);
  const as = (cookie: string) => ({ cookie });
  // Staff lists are read by a unit's few staff, not by the public: 10 connections, not 50.
  const STAFF_CONNECTIONS = 10;
  const list: Target[] = [];
  for (const tab of ['to_sign', 'in_progress', 'overdue'] as const) {
    list.push({ name: `GET /api/v1/inbox?tab=${tab} (handler, busiest unit)`, path: `/api/v1/inbox?tab=${tab}&limit=20`, headers: as(cookies.handler), connections: STAFF_CONNECTIONS });
  }
  list.push({ name: 'GET /api/v1/inbox/counts (handler, busiest unit)', path: '/api/v1/inbox/counts', headers: as(cookies.handler), connections: STAFF_CONNECTIONS });
  for (const tab of ['to_sign', 'in_progress', 'overdue'] as const) {
    list.push({ name: `GET /api/v1/inbox?tab=${tab} (unit admin, biggest subtree)`, path: `/api/v1/inbox?tab=${tab}&limit=20`, headers: as(cookies.admin), connections: STAFF_CONNECTIONS });
  }
  list.push({ name: 'GET /api/v1/inbox/counts (unit admin, biggest subtree)', path: '/api/v1/inbox/counts', headers: as(cookies.admin), connections: STAFF_CONNECTIONS });
  for (const [who, cookie] of [
    ['coordinator 江西', cookies.coordinator],
    [`coordinator ${top.name}`, cookies.provinceCoordinator],
  ] as const) {
    for (const view of ['open', 'overdue', 'today'] as const) {
      list.push({ name: `GET /api/v1/handling?view=${view} (${who})`, path: `/api/v1/handling?view=${view}&limit=20`, headers: as(cookie), connections: STAFF_CONNECTIONS });
    }
  }
  return list;
}

// Submissions: many citizens with sessions made directly (the login rate limit would
// otherwise stop a single-address load), each request with its own Idempotency-Key.
const citizens: { cookie: string; csrf: string }[] = [];
{
  const database = server.db;
  const hash = await hashPassword('Bench-Password-1');
  const base = 16_600_000_000 + Math.floor(Math.random() * 300_000_000);
  for (let i = 0; i < 400; i++) {
    const mobile = String(base + i);
    const row = await database
      .insertInto('accounts')
      .values({ kind: 'citizen', mobile, password_hash: hash, nickname: `压测${i}`, display_name: `压测${i}` })
      .onConflict((oc) => oc.column('mobile').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    const session = await insertSession(database, row.id, 1, { ip: null, userAgent: 'bench' });
    citizens.push({ cookie: `ms_sid=${session.token}`, csrf: session.csrfToken });
  }
  const board = await database.selectFrom('boards').select('id').where('name', '=', '江西省委书记').executeTakeFirstOrThrow();
  let next = 0;
  targets.push({
    name: 'POST /api/v1/messages (400 citizens, Idempotency-Key)',
    path: '/api/v1/messages',
    method: 'POST',
    setupRequest: (req) => {
      const who = citizens[next++ % citizens.length]!;
      return {
        ...req,
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ boardId: Number(board.id), type: 'help', fieldCode: 'health', regionCode: '360102', title: '希望建设幸福食堂', body: '社区六十岁以上老人有一千多位，迫切期盼当地协调建设幸福食堂，解决老年人的用餐难题。', isPublic: true }),
      };
    },
  });
}

const rows: string[] = [];
for (const target of targets.filter((t) => ONLY.split('|').some((only) => t.name.includes(only)))) {
  const result = await autocannon({
    url: server.url + target.path,
    method: target.method ?? 'GET',
    connections: target.connections ?? CONNECTIONS,
    duration: DURATION,
    headers: target.headers,
    ...(target.setupRequest ? { requests: [{ setupRequest: target.setupRequest as never }] } : {}),
  });
  rows.push(
    `| ${target.name} | ${target.connections ?? CONNECTIONS} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p97_5} | ${result.latency.p99} | ${result.latency.max} | ${result['2xx']}/${result.requests.total} |`,
  );
  console.log(`done: ${target.name}`);
  // Requests the load generator gave up on may still be running: let the server drain before the next route.
  for (let i = 0; i < 600; i++) {
    const started = Date.now();
    await fetch(`${server.url}/api/health`);
    if (Date.now() - started < 50) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`Date: ${new Date().toISOString()}  Database: embedded PostgreSQL 17${existingDir ? ` (${existingDir}, ${messageCount} listed messages)` : ' (fresh)'}`);
console.log(`Start (${existingDir ? 'existing data directory' : 'empty data directory: initdb, migrate, seed regions, boards, demo data'}, listen): ${startMs} ms`);
console.log(`${DURATION} s per route\n`);
console.log('| route | connections | req/s | p50 ms | p90 ms | p97.5 ms | p99 ms | max ms | 2xx/total |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);

await server.close();
if (!existingDir) await rm(dataDir, { recursive: true, force: true });
