/**
 * The app process itself killed under load (issue 14): a real server (its own process, the embedded
 * PostgreSQL in a temporary DATA_DIR) takes submissions with Idempotency-Keys from several clients;
 * it is killed with SIGKILL mid-stream and started again on the same directory, as systemd's
 * Restart=always would. The clients retry every unanswered submission with its key until it is
 * answered. Afterwards: every acknowledged submission is stored, none twice, no number used twice,
 * and the new process found the orphaned PostgreSQL and served again within the stated time.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/server/db/database.js';
import { insertSession } from '../../src/server/modules/accounts/session.repository.js';
import { messageBody } from '../support/messages.js';
import { freePort } from '../support/net.js';

/** From SIGKILL to the first acknowledged submission of the new process, with the embedded database taken over. */
const RECOVERY_LIMIT_MS = 60_000;
const CLIENTS = 6;
const PER_CLIENT = 20;

let dir = '';
let server: { child: ChildProcessWithoutNullStreams; output: () => string } | null = null;
let db: Database | null = null;

afterAll(async () => {
  await db?.destroy();
  if (server && server.child.exitCode === null) {
    const exited = new Promise((resolve) => server!.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcessWithoutNullStreams; output: () => string; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env: { ...process.env, ...env } });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = /ready at (http:\/\/\S+)/.exec(out);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready:\n${out}`)));
  });
  return { child, output: () => out, url };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the app process killed and restarted under load', () => {
  it('loses no acknowledged submission, saves each key once, and serves again after the restart', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-restart-'));
    const pgPort = await freePort();
    const port = await freePort();
    // DATABASE_URL emptied: the suite's second run sets it (the machine's PostgreSQL), and this server must use the embedded one.
    const env = { DATABASE_URL: '', DATABASE_READ_URL: '', DATA_DIR: dir, PG_PORT: String(pgPort), PORT: String(port), HOST: '127.0.0.1', JOBS: 'false', DEMO: 'true', DEMO_HISTORY: '0', LOG_LEVEL: 'warn', WEB_DIR: path.join(dir, 'no-web') };
    const first = await startServer(env);
    server = first;
    // The warm-up ran every rehearsal as planned, and kept nothing of them (no number taken, no message).
    expect(first.output()).toMatch(/warm-up: \d+ connections opened, \d+ requests in \d+ ms\n/);
    db = createDatabase(`postgres://postgres:minsheng@127.0.0.1:${pgPort}/minsheng`, 2);
    expect(await db.selectFrom('message_day_counters').select('n').where('day', '=', '2000-01-01' as never).execute()).toEqual([]);
    expect(await db.selectFrom('messages').select('id').where('author_id', '=', '0').execute()).toEqual([]);

    // Citizens with sessions made directly (no login round trips; the per-citizen hourly limit is 20).
    const board = await db.selectFrom('boards').select('id').where('name', '=', '江西省委书记').executeTakeFirstOrThrow();
    const mobileBase = 17_100_000_000 + Math.floor(Math.random() * 800_000_000);
    const citizenIds = (
      await sql<{ id: string }>`
        INSERT INTO accounts (kind, mobile, password_hash, nickname, display_name)
        SELECT 'citizen', (${mobileBase}::bigint + i)::text, 'x', '重启' || i, '重启' || i FROM generate_series(0, ${CLIENTS - 1}) AS i
        RETURNING id`.execute(db)
    ).rows.map((r) => r.id);
    const sessions = await Promise.all(citizenIds.map((id) => insertSession(db!, id, 1, { ip: null, userAgent: 'faults-restart' })));

    const acknowledged = new Map<string, { id: number; number: string }>(); // title → the answer
    const statuses = new Map<string, number>();
    let killedAt = 0;
    let firstAfterKill = 0;
    const submitAll = async (client: number) => {
      const s = sessions[client]!;
      for (let i = 0; i < PER_CLIENT; i++) {
        const title = `进程重启演练${client}号第${i}条`;
        const key = randomUUID();
        const body = JSON.stringify(messageBody(board.id, { title }));
        for (;;) {
          let status = 0;
          const sentAt = Date.now();
          try {
            const res = await fetch(`http://127.0.0.1:${port}/api/v1/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie: `ms_sid=${s.token}`, 'x-csrf-token': s.csrfToken, 'idempotency-key': key },
              body,
              signal: AbortSignal.timeout(10_000),
            });
            status = res.status;
            if (status === 201) {
              const answer = (await res.json()) as { id: number; number: string };
              const earlier = acknowledged.get(title);
              // A replay answers with the same message.
              if (earlier) expect(answer.id).toBe(earlier.id);
              acknowledged.set(title, answer);
              if (killedAt && sentAt > killedAt && !firstAfterKill) firstAfterKill = Date.now();
              break;
            }
            await res.body?.cancel();
          } catch {
            status = 0; // refused, reset or timed out: the process is down
          }
          statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
          expect([0, 503], `a submission answered ${status}`).toContain(status);
          await sleep(100);
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => submitAll(c)));

    // Once a third has been acknowledged: SIGKILL, then a start on the same directory.
    while (acknowledged.size < (CLIENTS * PER_CLIENT) / 3) await sleep(20);
    first.child.kill('SIGKILL');
    killedAt = Date.now();
    const ackedBeforeKill = acknowledged.size;
    await new Promise((resolve) => first.child.once('exit', resolve));
    await sleep(500); // systemd's RestartSec
    server = await startServer(env);
    await load;
    const recovery = firstAfterKill - killedAt;
    console.log(`faults: app killed after ${ackedBeforeKill} acknowledged submissions; served again after ${recovery} ms; unanswered attempts ${JSON.stringify(Object.fromEntries(statuses))}; the new process: ${/warm-up: [^\n]*/.exec(server.output())?.[0]}`);
    expect(server.output()).toMatch(/found the embedded PostgreSQL of .* still running after its Minsheng ended/);
    expect(recovery).toBeLessThan(RECOVERY_LIMIT_MS);

    // Every acknowledged submission stored, each title once, each number once.
    const titles = [...acknowledged.keys()];
    expect(titles.length).toBe(CLIENTS * PER_CLIENT);
    const rows = await db.selectFrom('messages').select(['id', 'number', 'title']).where('title', 'like', '进程重启演练%').execute();
    expect(rows.length).toBe(titles.length);
    for (const row of rows) expect(acknowledged.get(row.title)).toMatchObject({ id: Number(row.id), number: row.number });
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);

    // A clean stop of the restarted process.
    const exited = new Promise<number | null>((resolve) => server!.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 240_000);
});
