/**
 * The production build (npm run build) started as production starts it: `node dist/server/main.js`
 * with plain node, on a fresh database, with the scheduled jobs on. Fails when the build misses a
 * file the server reads at run time (migrations, the PDF font, package data), when the web app is
 * not served with its cache headers, or when SIGTERM does not end the process cleanly. Also runs a
 * compiled command-line tool (dist/server/cli/db-check.js) the way an operator would.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../support/app.js';
import { startBuiltServer, type BuiltServer } from '../support/built-server.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { freePort } from '../support/net.js';

const run = promisify(execFile);

describe('production build: node dist/server/main.js', () => {
  let database: TestDatabase;
  let server: BuiltServer;
  let cookie = '';
  let csrfToken = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startBuiltServer({
      port: await freePort(),
      env: { DATABASE_URL: database.url, DEMO: 'true', JOBS: 'true', LOG_LEVEL: 'warn' },
    });
  });

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database?.drop();
  });

  it('serves the web app: index.html at / and hashed assets cached for good', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    const html = await index.text();
    const asset = html.match(/\/assets\/[\w.-]+\.js/)?.[0];
    expect(asset, 'index.html names a hashed script under /assets').toBeDefined();

    const script = await fetch(`${server.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // A path of the single-page app gets the same page, never cached.
    const deep = await fetch(`${server.url}/console/stats`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers the API description at /api/openapi.json', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect((await res.json()).openapi).toMatch(/^3\./);
  });

  it('logs a demo account in and lists messages', async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: DEMO_LOGINS.analyst, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = login.headers.getSetCookie().find((c) => c.startsWith('ms_sid='))!.split(';')[0]!;
    csrfToken = (await login.json()).csrfToken;

    const list = await fetch(`${server.url}/api/v1/messages?limit=5`, { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(Array.isArray((await list.json()).items)).toBe(true);
  });

  it('renders a report as PDF with the CJK font read from node_modules', async () => {
    const made = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ kind: 'half_year', region: '360000', period: '2026-H1' }),
    });
    expect(made.status).toBe(201);
    const pdf = await fetch(`${server.url}/api/v1/reports/${(await made.json()).id}/pdf`, { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('runs the scheduled jobs in this process (JOBS=true)', async () => {
    // At start the jobs process asks for the reports catch-up and the calendar reminder; pg-boss polls every 2 s.
    await expect
      .poll(async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'completed' AND name NOT LIKE '\_\_pgboss%'`.execute(database.db)).rows[0]!.n, { timeout: 20_000, interval: 500 })
      .toBeGreaterThan(0);
  });

  it('runs a compiled command-line tool with plain node: db-check passes', async () => {
    const { stdout } = await run(process.execPath, ['dist/server/cli/db-check.js'], {
      env: { PATH: process.env.PATH, DATABASE_URL: database.url, DEMO: 'true' },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/db:check: all \d+ invariants hold/);
  });

  it('exits 78 on a configuration error, so that systemd stops restarting it (RestartPreventExitStatus=78)', async () => {
    const failed = await run(process.execPath, ['dist/server/main.js'], { env: { PATH: process.env.PATH, DATABASE_URL: 'mysql://nowhere', PORT: String(await freePort()) }, timeout: 30_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).toBe(78);
    expect(failed.stderr).toContain('DATABASE_URL must start with postgres://');
  });

  it('stops on SIGTERM with exit code 0 within a few seconds', async () => {
    const { code, ms } = await server.stop('SIGTERM');
    expect(code, server.output()).toBe(0);
    // Measured about 1.2 s; pg-boss lets a running job finish for up to 10 s, which a fresh database never has.
    expect(ms).toBeLessThan(8_000);
    expect(server.output()).toContain('SIGTERM: finishing requests');
  });
});
