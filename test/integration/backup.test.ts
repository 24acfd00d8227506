/**
 * Backup and restore (issue 14, docs/backup.md): a backup taken while citizens keep writing restores
 * into an empty database as the source was at the backup's snapshot — every table's rows, counted
 * and checksummed, photos included — passes db:check and serves; a non-empty target is refused
 * untouched; the CLI restores into an empty DATA_DIR and backs up beside a running embedded platform;
 * and a database made by an earlier commit (test/fixtures/upgrade) migrates to today's schema.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createDatabase, type Database } from '../../src/server/db/database.js';
import { start, type RunningServer } from '../../src/server/main.js';
import type { BackupHeader } from '../../src/server/modules/backup/backup.format.js';
import { connectForCopy, copyTableOut, takeBackup } from '../../src/server/modules/backup/backup.service.js';
import { RestoreRefused, readBackupHeader, restoreBackup } from '../../src/server/modules/backup/restore.service.js';
import { checkIntegrity } from '../../src/server/modules/integrity/integrity.service.js';
import { rateMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { seedSyntheticMessages } from '../../src/server/seed/synthetic/synthetic.js';
import { as, buildTestApp, DEMO_PASSWORD, login, testConfig, type TestApp } from '../support/app.js';
import { actorOf, boardIdOf, loggedInCitizen, makeMessage, messageBody, uploadTestPhoto, type CitizenLogin } from '../support/messages.js';
import { freePort } from '../support/net.js';

const run = promisify(execFile);
const FIXTURE = path.resolve('test/fixtures/upgrade/2797697.msbackup');
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c3ludGhldGljc3ludGg$kzQ9o1sWvZyYzJd7Z2FmU3dGQm9vV0xZb1hWc0RxU1E';
const AUTHOR = '13907910001';
/** Tables the concurrent submissions write to; every other table must be in the backup exactly as in the source now. */
const WRITTEN_BY_SUBMISSIONS = new Set(['public.messages', 'public.message_events', 'public.idempotency_keys', 'public.message_day_counters', 'public.message_tallies', 'public.stat_dirty', 'public.audit_log', 'public.notifications', 'public.outbox', 'public.photos']);

let source: TestApp;
let dir: string;
let backupFile: string;
let header: BackupHeader;
/** The message with photos and a rated reply, read back from the restored platform. */
let showcase: { id: string; photoId: string; photoBytes: Buffer };
const extraDatabases: string[] = [];

/** An empty database on the test server; dropped after the file. */
async function emptyDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `minsheng_restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  extraDatabases.push(name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Rows and checksum of each named table, read the way the backup reads them. */
async function digests(url: string, tables: readonly { name: string; columns: string[] }[]): Promise<Map<string, { rows: number; checksum: string }>> {
  const client = await connectForCopy(url, 'minsheng-test');
  try {
    const out = new Map<string, { rows: number; checksum: string }>();
    for (const t of tables) {
      const d = await copyTableOut(client, t.name, t.columns);
      out.set(t.name, { rows: d.rows, checksum: d.checksum });
    }
    return out;
  } finally {
    await client.end();
  }
}

async function messagesDigest(db: Database, maxId: string): Promise<{ n: number; md5: string }> {
  const { rows } = await sql<{ n: number; md5: string }>`SELECT count(*)::int AS n, md5(string_agg(m::text, '|' ORDER BY id)) AS md5 FROM messages m WHERE id <= ${maxId}`.execute(db);
  return rows[0]!;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-backup-'));
  backupFile = path.join(dir, 'source.msbackup');
  source = await buildTestApp();
  await seedSyntheticMessages(source.db, { messages: 1000, seed: 'backup', batch: 500, now: new Date('2026-11-23T08:00:00Z'), spanDays: 300, passwordHash: PASSWORD_HASH });
  // A message written through the API with two photos, answered and rated.
  const citizen = await login(source.app, AUTHOR);
  const photos = [await uploadTestPhoto(source.app, citizen), await uploadTestPhoto(source.app, citizen)];
  const boardId = await boardIdOf(source.db, '江西省委书记');
  const res = await as(source.app, citizen, { method: 'POST', url: '/api/v1/messages', payload: messageBody(boardId, { title: '备份演练：带照片的留言', photoIds: photos.map((p) => p.id) }) as never });
  expect(res.statusCode, res.body).toBe(201);
  const answered = await makeMessage(source.db, { author: AUTHOR, state: 'replied' });
  await rateMessage(source.db, await actorOf(source.db, AUTHOR), answered, { resolution: 5, attitude: 5, speed: 4 });
  const photo = await source.db.selectFrom('photos').select(['id', 'data']).where('id', '=', photos[0]!.id).executeTakeFirstOrThrow();
  showcase = { id: String(res.json().id), photoId: photo.id, photoBytes: photo.data };
}, 180_000);

afterAll(async () => {
  await source?.close();
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  for (const name of extraDatabases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a backup taken while citizens write', () => {
  it('restores into an empty database with every table as it was at the snapshot, passes db:check and serves', async () => {
    // Each citizen may send 20 messages an hour (messages.service): sixteen of them keep writing, 18 each at most, a few a second.
    const citizens: CitizenLogin[] = [];
    for (let i = 0; i < 16; i++) citizens.push(await loggedInCitizen(source.app, source.db));
    const boardId = await boardIdOf(source.db, '江西省委书记');
    const countMessages = async () => Number((await source.db.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await countMessages();

    // Submissions keep arriving before, during and after the backup.
    let writing = true;
    let written = 0;
    const refusals: string[] = [];
    const writers = citizens.map(async (c) => {
      for (let i = 0; i < 18 && writing; i++) {
        const res = await as(source.app, c.session, { method: 'POST', url: '/api/v1/messages', headers: { 'idempotency-key': randomUUID() }, payload: messageBody(boardId) as never });
        if (res.statusCode === 201) written++;
        else refusals.push(`${res.statusCode} ${res.body}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    const waitForWrites = async (n: number) => {
      const until = Date.now() + 30_000;
      while (written < n && refusals.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(refusals).toEqual([]);
      expect(written).toBeGreaterThanOrEqual(n);
    };
    await waitForWrites(6);
    const result = await takeBackup(source.url, backupFile);
    await waitForWrites(written + 3);
    writing = false;
    await Promise.all(writers);
    expect(refusals).toEqual([]);
    const after = await countMessages();
    header = result.header;

    // The snapshot fell inside the writes: some submissions are in it, the later ones are not.
    const inBackup = header.tables.find((t) => t.name === 'public.messages')!.rows;
    console.log(`backup: ${before} messages before the writes, ${inBackup} in the snapshot, ${after} after; ${(result.bytes / 1024).toFixed(0)} KB in ${header.tookMs} ms`);
    expect(inBackup).toBeGreaterThan(before);
    expect(inBackup).toBeLessThan(after);
    expect(await readBackupHeader(backupFile)).toEqual(header);
    expect(header.tables.map((t) => t.name)).not.toContain('public.sessions');

    const url = await emptyDatabase();
    const restored = await restoreBackup(url, backupFile);
    expect(restored.rows).toBe(header.tables.reduce((n, t) => n + t.rows, 0));

    // Every table of the restored database is the snapshot's: its rows and checksum are the header's.
    const restoredDigests = await digests(url, header.tables);
    for (const t of header.tables) expect({ table: t.name, ...restoredDigests.get(t.name) }).toEqual({ table: t.name, rows: t.rows, checksum: t.checksum });
    // The source now: tables the submissions did not touch are the same as restored, byte for byte.
    const sourceNow = await digests(source.url, header.tables);
    const changed = header.tables.filter((t) => sourceNow.get(t.name)!.checksum !== t.checksum).map((t) => t.name);
    expect(changed).toContain('public.messages');
    expect(changed.filter((name) => !WRITTEN_BY_SUBMISSIONS.has(name))).toEqual([]);
    for (const name of ['public.accounts', 'public.photos', 'public.replies', 'public.message_ratings', 'public.assignments', 'public.units', 'public.stat_cells']) {
      expect(restoredDigests.get(name), name).toEqual(sourceNow.get(name));
    }
    // The restored messages are the source's first ones, unchanged; the rest came after the snapshot.
    const db = createDatabase(url, 3);
    try {
      const maxId = String((await db.selectFrom('messages').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);
      expect(await messagesDigest(db, maxId)).toEqual(await messagesDigest(source.db, maxId));

      const report = await checkIntegrity(db);
      expect(report.results.filter((r) => r.breaches > 0)).toEqual([]);

      const app = await buildApp({ config: testConfig(), db, databaseUrl: url, logger: false });
      try {
        const citizen = await login(app, AUTHOR, DEMO_PASSWORD);
        const detail = await as(app, citizen, { method: 'GET', url: `/api/v1/messages/${showcase.id}` });
        expect(detail.statusCode, detail.body).toBe(200);
        expect(detail.json().title).toBe('备份演练：带照片的留言');
        const photo = await as(app, citizen, { method: 'GET', url: `/api/v1/photos/${showcase.photoId}` });
        expect(photo.statusCode).toBe(200);
        expect(photo.rawPayload.equals(showcase.photoBytes)).toBe(true);
        // The sequences came back: writing goes on where the source's numbering stood.
        const fresh = await as(app, citizen, { method: 'POST', url: '/api/v1/messages', headers: { 'idempotency-key': randomUUID() }, payload: messageBody(boardId, { title: '恢复之后写下的留言' }) as never });
        expect(fresh.statusCode, fresh.body).toBe(201);
        expect(BigInt(fresh.json().id)).toBeGreaterThan(BigInt(maxId));
      } finally {
        await app.close();
      }
    } finally {
      await db.destroy();
    }
  }, 180_000);

  it('refuses a target that is not empty and changes nothing in it', async () => {
    const tables = header.tables.filter((t) => ['public.messages', 'public.accounts', 'public.photos'].includes(t.name));
    const beforeDigests = await digests(source.url, tables);
    await expect(restoreBackup(source.url, backupFile)).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup(source.url, backupFile)).rejects.toThrow(/is not empty: it holds \d+ tables/);
    expect(await digests(source.url, tables)).toEqual(beforeDigests);
  });
});

describe('the embedded database, through the commands', () => {
  let server: RunningServer | null = null;
  afterAll(async () => server?.close());

  it('restores into an empty DATA_DIR, starts on it, and backs up beside the running platform', async () => {
    const dataDir = path.join(dir, 'data');
    const pgPort = String(await freePort());
    const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PG_PORT: pgPort };
    const restored = await run('npx', ['tsx', 'src/server/cli/restore.ts', backupFile], { env });
    expect(restored.stdout).toMatch(/^restored .* into DATA_DIR /m);

    server = await start(loadConfig({ DATA_DIR: dataDir, PG_PORT: pgPort, PORT: '0', HOST: '127.0.0.1', JOBS: 'true', DEMO: 'true', LOG_LEVEL: 'silent', WEB_DIR: path.join(dir, 'no-web') }));
    const author = await login(server.app, AUTHOR);
    const detail = await as(server.app, author, { method: 'GET', url: `/api/v1/messages/${showcase.id}` });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().title).toBe('备份演练：带照片的留言');
    // A demo start adds its campaigns' entries (messages with a campaign); every other message is the backup's.
    const count = await server.db.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).where('campaign_id', 'is', null).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(header.tables.find((t) => t.name === 'public.messages')!.rows);

    // While it runs, a backup connects to its PostgreSQL instead of starting another.
    const again = path.join(dir, 'again.msbackup');
    const backedUp = await run('npx', ['tsx', 'src/server/cli/backup.ts', '--out', again], { env });
    expect(backedUp.stderr).toContain('already running');
    expect(backedUp.stdout).toMatch(/^backup of the embedded PostgreSQL in .* written to /m);
    const second = await readBackupHeader(again);
    expect(second.tables.find((t) => t.name === 'public.photos')).toEqual(header.tables.find((t) => t.name === 'public.photos'));
    // A running platform's directory is no restore target.
    const refused = await run('npx', ['tsx', 'src/server/cli/restore.ts', again], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused: .*(in use by another running Minsheng|not empty)/);
  }, 180_000);
});

describe('upgrade from an earlier release', () => {
  it('restores a database made at commit 2797697, migrates it to the current schema, passes db:check and serves it', async () => {
    const old = await readBackupHeader(FIXTURE);
    expect(old.migrations.at(-1)).toBe('2026-11-24T1100_campaign_entries_listed');
    const url = await emptyDatabase();
    const result = await restoreBackup(url, FIXTURE);
    expect(result.migratedOn).toContain('2026-12-06T2200_calendar');
    const db = createDatabase(url, 3);
    try {
      const applied = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect(applied.map((r) => (r as { name: string }).name)).toContain('2026-12-06T2200_calendar');
      const report = await checkIntegrity(db);
      expect(report.results.filter((r) => r.breaches > 0)).toEqual([]);

      const app = await buildApp({ config: testConfig(), db, databaseUrl: url, logger: false });
      try {
        const list = await app.inject({ method: 'GET', url: '/api/v1/messages?limit=5' });
        expect(list.statusCode, list.body).toBe(200);
        const first = list.json().items[0];
        expect(first).toBeDefined();
        const detail = await app.inject({ method: 'GET', url: `/api/v1/messages/${first.id}` });
        expect(detail.statusCode, detail.body).toBe(200);
        await login(app, AUTHOR, DEMO_PASSWORD);
      } finally {
        await app.close();
      }
    } finally {
      await db.destroy();
    }
  }, 120_000);
});
