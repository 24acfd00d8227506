/**
 * Which database a backup reads and a restore fills: DATABASE_URL, or the embedded PostgreSQL
 * of DATA_DIR. A backup works beside a running platform, so on DATA_DIR it connects to the
 * postmaster already running there (its port is in postmaster.pid) rather than starting one.
 */
import { loadConfig, type Config } from '../../config.js';
import { runningEmbeddedUrl, startEmbeddedDatabase } from '../../db/embedded.js';

export interface BackupTarget {
  url: string;
  /** For messages: "DATABASE_URL (database x)" or "the embedded PostgreSQL in /srv/minsheng/data". */
  description: string;
  close(): Promise<void>;
}

export type DatabaseSettings = Pick<Config, 'databaseUrl' | 'dataDir' | 'pgPort'>;

/**
 * The configuration's database settings only. DEMO=true lifts one rule, that a real installation sets
 * its own ADMIN_PASSWORD: a rule for the server, which a backup run from cron need not repeat.
 * @throws ConfigError when a variable is invalid.
 */
export function loadDatabaseSettings(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  const { databaseUrl, dataDir, pgPort } = loadConfig({ ...env, DEMO: 'true' });
  return { databaseUrl, dataDir, pgPort };
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || '(default)';
}

/** @throws StartupError when DATA_DIR's PostgreSQL is not running and cannot be started. */
export async function openBackupSource(config: DatabaseSettings, log: (msg: string) => void): Promise<BackupTarget> {
  if (config.databaseUrl) return { url: config.databaseUrl, description: `DATABASE_URL (database ${databaseName(config.databaseUrl)})`, close: async () => {} };
  const running = runningEmbeddedUrl(config.dataDir);
  if (running) {
    log(`connecting to the embedded PostgreSQL already running in ${config.dataDir}`);
    return { url: running, description: `the embedded PostgreSQL in ${config.dataDir}`, close: async () => {} };
  }
  log(`no PostgreSQL runs in ${config.dataDir}; starting it for the backup`);
  const server = await startEmbeddedDatabase(config.dataDir, config.pgPort, log);
  return { url: server.url, description: `the embedded PostgreSQL in ${config.dataDir}`, close: () => server.stop() };
}

/**
 * The restore's target. On DATA_DIR the embedded PostgreSQL is started (initialised when the
 * directory is new); a directory a running Minsheng uses is refused by the start itself.
 * @throws StartupError when DATA_DIR is in use or PostgreSQL does not start.
 */
export async function openRestoreTarget(config: DatabaseSettings, log: (msg: string) => void): Promise<BackupTarget> {
  if (config.databaseUrl) return { url: config.databaseUrl, description: `DATABASE_URL (database ${databaseName(config.databaseUrl)})`, close: async () => {} };
  const server = await startEmbeddedDatabase(config.dataDir, config.pgPort, log);
  return { url: server.url, description: `DATA_DIR ${config.dataDir}`, close: () => server.stop() };
}
