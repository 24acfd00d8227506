/**
 * `npm run bench`: starts the platform on a fresh embedded database (or on
 * DATABASE_URL), then loads a few routes with autocannon and prints
 * requests per second and latency percentiles. Results go in docs/benchmarks.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../../src/server/config.js';
import { start } from '../../src/server/main.js';
import { freePort } from '../support/net.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-bench-'));
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PG_PORT: String(await freePort()), LOG_LEVEL: 'warn', DEMO: 'true' });
const coldStart = Date.now();
const server = await start(config);
const coldStartMs = Date.now() - coldStart;

const loginRes = await fetch(`${server.url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: 'admin', password: config.adminPassword }),
});
const cookie = (loginRes.headers.get('set-cookie') ?? '').split(';')[0]!;

const targets: { name: string; path: string; headers?: Record<string, string> }[] = [
  { name: 'GET /api/health (SELECT 1)', path: '/api/health' },
  { name: 'GET /api/v1/regions?parent=360000', path: '/api/v1/regions?parent=360000' },
  { name: 'GET /api/v1/boards?region=360000', path: '/api/v1/boards?region=360000' },
  { name: 'GET /api/v1/units?limit=50 (admin session)', path: '/api/v1/units?limit=50', headers: { cookie } },
  { name: 'GET /api/v1/units?q=局 (search, admin session)', path: `/api/v1/units?q=${encodeURIComponent('局')}&limit=50`, headers: { cookie } },
];

const rows: string[] = [];
for (const target of targets) {
  const result = await autocannon({ url: server.url + target.path, connections: CONNECTIONS, duration: DURATION, headers: target.headers });
  const ok = result['2xx'];
  rows.push(
    `| ${target.name} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p99} | ${result.latency.max} | ${ok}/${result.requests.total} |`,
  );
  console.log(`done: ${target.name}`);
}

console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`Date: ${new Date().toISOString()}  Database: ${config.databaseUrl ? 'DATABASE_URL' : 'embedded PostgreSQL 17'}`);
console.log(`Cold start on an empty data directory (initdb, migrate, seed 44,692 regions, 6,678 boards, demo data, listen): ${coldStartMs} ms`);
console.log(`${CONNECTIONS} connections, ${DURATION} s per route\n`);
console.log('| route | req/s | p50 ms | p90 ms | p99 ms | max ms | 2xx/total |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);

await server.close();
await rm(dataDir, { recursive: true, force: true });
