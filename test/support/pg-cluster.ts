/**
 * A PostgreSQL 15 primary with streaming replicas on loopback, for tests of
 * read scaling and of several processes on one database (docs/replicas.md).
 *
 *   const cluster = await startPgCluster({ replicas: 1 });
 *   cluster.primaryUrl        postgres://postgres@127.0.0.1:<port>/minsheng (empty database)
 *   cluster.replicaUrls[0]    the same database on the hot standby (read-only)
 *   cluster.adminUrl          the primary's `postgres` database (CREATE DATABASE, pg_stat_replication)
 *   cluster.replicaAdminUrls  the replicas' `postgres` databases (pg_wal_replay_pause(), …)
 *   await cluster.waitForReplay(0)     the replica has replayed everything the primary wrote so far
 *   await cluster.replicaLagBytes(0)   WAL the primary has and the replica has not yet replayed
 *   await cluster.stopReplica(0) / startReplica(0)
 *   await cluster.stopPrimary() / startPrimary()   the replicas keep serving reads meanwhile
 *   await cluster.stop()      kills every postmaster and removes the data (also on process exit)
 *
 * Debian's server binaries (package postgresql-15), never the port 5432 a
 * system PostgreSQL may hold: every server gets a free port and a socket
 * directory of its own in a temporary folder. initdb refuses to run as root,
 * so when the tests run as root the binaries run as the `postgres` account.
 * Each replica streams through a replication slot of its own, so a stopped
 * replica catches up when started again however much the primary wrote.
 * fsync is off: a test cluster is thrown away, it never has to survive a power cut.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { appendFile, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './net.js';

const run = promisify(execFile);
const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
/** Each pg_ctl start/stop and each pg_basebackup gives up after this long, so a broken setup fails a test instead of hanging it. */
const STEP_TIMEOUT_SECONDS = 20;
const DATABASE = 'minsheng';

export interface PgCluster {
  /** The `minsheng` database on the primary (created empty). */
  readonly primaryUrl: string;
  /** The `minsheng` database on each replica, in order. */
  readonly replicaUrls: readonly string[];
  /** The primary's `postgres` database, for administration. */
  readonly adminUrl: string;
  /** Each replica's `postgres` database, for administration (pause replay, read its LSNs). */
  readonly replicaAdminUrls: readonly string[];
  /** The folder holding every data directory and log (`primary/`, `replica-0/`, `*.log`). */
  readonly dir: string;
  /** Stops the primary (fast shutdown); replicas keep answering reads and reconnect when it is back. */
  stopPrimary(): Promise<void>;
  /** Starts the primary again, on the same port. */
  startPrimary(): Promise<void>;
  /** Stops replica `i` (fast shutdown); startReplica brings it back on the same port. */
  stopReplica(i: number): Promise<void>;
  /** Starts replica `i` again; it resumes streaming from its slot. */
  startReplica(i: number): Promise<void>;
  /** Bytes of WAL the primary has written that replica `i` has not replayed yet (0: caught up). */
  replicaLagBytes(i: number): Promise<number>;
  /** Waits until replica `i` has replayed everything the primary had written when called. @throws after timeoutMs. */
  waitForReplay(i: number, timeoutMs?: number): Promise<void>;
  /** Stops every server at once (immediate shutdown, then SIGKILL) and removes the folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface PgClusterOptions {
  /** How many streaming replicas (default 1; 0 for a primary alone). */
  replicas?: number;
}

interface Server {
  name: string;
  dataDir: string;
  port: number;
  log: string;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres account when we are root. @throws with its stderr when it fails. */
async function pgBin(name: string, args: string[]): Promise<string> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, name), ...args]] : [path.join(BIN, name), args];
  try {
    const { stdout } = await run(file, argv, { timeout: (STEP_TIMEOUT_SECONDS + 5) * 1000, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${name} ${args.join(' ')} failed: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
}

function giveToPostgres(target: string): void {
  if (!asRoot) return;
  const { uid, gid } = postgresIds();
  chownSync(target, uid, gid);
}

let ids: { uid: number; gid: number } | null = null;
function postgresIds(): { uid: number; gid: number } {
  if (ids) return ids;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres account on this machine (apt-get install postgresql-15)');
  const [, , uid, gid] = line.split(':');
  ids = { uid: Number(uid), gid: Number(gid) };
  return ids;
}

function url(port: number, database: string): string {
  return `postgres://postgres@127.0.0.1:${port}/${database}`;
}

/** The postmaster's pid from its data directory, or null when it is not running. */
function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function killNow(server: Server): void {
  const pid = postmasterPid(server.dataDir);
  if (pid === null) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function startServer(server: Server): Promise<void> {
  await pgBin('pg_ctl', ['-D', server.dataDir, '-l', server.log, '-w', '-t', String(STEP_TIMEOUT_SECONDS), 'start']);
}

async function stopServer(server: Server, mode: 'fast' | 'immediate'): Promise<void> {
  if (postmasterPid(server.dataDir) === null) return;
  try {
    await pgBin('pg_ctl', ['-D', server.dataDir, '-m', mode, '-w', '-t', String(STEP_TIMEOUT_SECONDS), 'stop']);
  } catch (error) {
    if (postmasterPid(server.dataDir) !== null) killNow(server);
    if (mode === 'fast') throw error;
  }
}

async function query<T extends pg.QueryResultRow>(connectionString: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** @throws when a binary is missing or a server does not come up within the step timeout; nothing is left running then. */
export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const replicaCount = options.replicas ?? 1;
  if (!existsSync(path.join(BIN, 'initdb'))) throw new Error(`PostgreSQL 15 server binaries not found in ${BIN} (apt-get install postgresql-15)`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-pg-cluster-'));
  giveToPostgres(dir);
  const servers: Server[] = [];
  const make = async (name: string): Promise<Server> => {
    const server = { name, dataDir: path.join(dir, name), port: await freePort(), log: path.join(dir, `${name}.log`) };
    if (server.port === 5432) throw new Error('refusing port 5432');
    servers.push(server);
    return server;
  };

  let stopped: Promise<void> | null = null;
  // A test process that ends without calling stop() (a crash, a runner's timeout) still takes its servers down.
  const onExit = () => {
    for (const server of servers) killNow(server);
    rmSync(dir, { recursive: true, force: true });
  };
  // A signal would end the process without 'exit': clean up, then let the signal do what it would have done.
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    process.kill(process.pid, signal);
  };
  process.once('exit', onExit);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all(servers.map((s) => stopServer(s, 'immediate')));
      for (const s of servers) killNow(s);
      rmSync(dir, { recursive: true, force: true });
      process.removeListener('exit', onExit);
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('SIGINT', onSignal);
    })());

  try {
    const primary = await make('primary');
    await pgBin('initdb', ['-D', primary.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
    await appendFile(
      path.join(primary.dataDir, 'postgresql.conf'),
      [
        '',
        '# test cluster (test/support/pg-cluster.ts)',
        "listen_addresses = '127.0.0.1'",
        `port = ${primary.port}`,
        `unix_socket_directories = '${dir}'`,
        'max_connections = 200',
        'wal_level = replica',
        'max_wal_senders = 10',
        'max_replication_slots = 10',
        'hot_standby = on',
        'fsync = off',
        'full_page_writes = off',
        "log_line_prefix = '%m [%p] '",
        '',
      ].join('\n'),
    );
    await writeFile(
      path.join(primary.dataDir, 'pg_hba.conf'),
      ['local all all trust', 'local replication all trust', 'host all all 127.0.0.1/32 trust', 'host replication all 127.0.0.1/32 trust', ''].join('\n'),
    );
    await startServer(primary);
    const adminUrl = url(primary.port, 'postgres');
    await query(adminUrl, `CREATE DATABASE ${DATABASE}`);

    const replicas: Server[] = [];
    for (let i = 0; i < replicaCount; i++) {
      const replica = await make(`replica-${i}`);
      // -R writes primary_conninfo and standby.signal; -C -S a slot of its own keeps the WAL it has not received.
      await pgBin('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', replica.dataDir, '-R', '-X', 'stream', '-C', '-S', `replica_${i}`, '--checkpoint=fast', '--no-sync']);
      // The copied postgresql.conf names the primary's port; a later line wins.
      await appendFile(path.join(replica.dataDir, 'postgresql.conf'), `\nport = ${replica.port}\nhot_standby = on\n`);
      await startServer(replica);
      replicas.push(replica);
    }

    const replicaAt = (i: number): Server => {
      const replica = replicas[i];
      if (!replica) throw new Error(`no replica ${i} (the cluster has ${replicas.length})`);
      return replica;
    };
    const replayedLsn = async (i: number): Promise<string | null> =>
      (await query<{ lsn: string | null }>(url(replicaAt(i).port, 'postgres'), 'SELECT pg_last_wal_replay_lsn()::text AS lsn'))[0]!.lsn;
    const lagBehind = async (i: number, target: string | null): Promise<number> => {
      const replayed = await replayedLsn(i);
      if (replayed === null) return Number.POSITIVE_INFINITY;
      const rows = await query<{ bytes: string }>(adminUrl, `SELECT greatest(0, pg_wal_lsn_diff(coalesce($1::pg_lsn, pg_current_wal_lsn()), $2::pg_lsn))::bigint::text AS bytes`, [target, replayed]);
      return Number(rows[0]!.bytes);
    };

    return {
      primaryUrl: url(primary.port, DATABASE),
      replicaUrls: replicas.map((r) => url(r.port, DATABASE)),
      adminUrl,
      replicaAdminUrls: replicas.map((r) => url(r.port, 'postgres')),
      dir,
      stopPrimary: () => stopServer(primary, 'fast'),
      startPrimary: () => startServer(primary),
      stopReplica: (i) => stopServer(replicaAt(i), 'fast'),
      startReplica: (i) => startServer(replicaAt(i)),
      replicaLagBytes: (i) => lagBehind(i, null),
      async waitForReplay(i, timeoutMs = 10_000) {
        const target = (await query<{ lsn: string }>(adminUrl, 'SELECT pg_current_wal_lsn()::text AS lsn'))[0]!.lsn;
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const behind = await lagBehind(i, target).catch(() => Number.POSITIVE_INFINITY);
          if (behind === 0) return;
          if (Date.now() > deadline) throw new Error(`replica ${i} has not replayed up to ${target} within ${timeoutMs} ms (${behind} bytes behind)`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
