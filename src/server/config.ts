/**
 * Configuration is read once, validated, and frozen. Every bad variable is
 * listed at once so an operator fixes them in one go.
 */
import path from 'node:path';
import { LOGIN_NAME_PATTERN } from '../shared/domain.js';
import { DEFAULT_STAT_THRESHOLDS, type StatThresholds } from '../shared/stats.js';

export const DEFAULT_ADMIN_PASSWORD = 'Minsheng@2026';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Set: use this PostgreSQL and start no embedded server. */
  readonly databaseUrl: string | null;
  /**
   * Set: public reads and published statistics go to this PostgreSQL, a streaming
   * replica of DATABASE_URL (docs/replicas.md); null: every read goes to the primary.
   */
  readonly databaseReadUrl: string | null;
  readonly dataDir: string;
  readonly pgPort: number;
  /** Demo mode seeds the demo units and accounts and allows the default admin password. */
  readonly demo: boolean;
  /**
   * Demo mode only: generated messages over the last two years, loaded once, so the public
   * board, the dashboards and the reports have something to show (`npm start` asks for 20,000).
   */
  readonly demoHistory: number;
  readonly adminLogin: string;
  readonly adminPassword: string;
  readonly logLevel: string;
  readonly cookieSecure: boolean;
  readonly webDir: string;
  readonly sessionDays: number;
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (rate
   * limits, audit log): false (none, the default), a hop count, or addresses.
   */
  readonly trustProxy: boolean | number | string;
  /** smtp(s)://user:pass@host:port for e-mail notifications; null: e-mails go to the log (development transport). */
  readonly smtpUrl: string | null;
  /** Sender of notification e-mails. */
  readonly mailFrom: string;
  /** Run scheduled work (deadline warnings, auto-close, outbox) in this process (JOBS=false for a web-only process). */
  readonly jobs: boolean;
  /** Besides the once-a-minute cron, ask for every job this often (seconds); null: cron only. */
  readonly jobIntervalSeconds: number | null;
  /**
   * Small numbers in statistics (docs/metrics.md): the fewest messages a region needs in a window to be
   * ranked (STATS_MIN_RANKED, default 30; fewer: listed apart as 样本不足), and the smallest baseline
   * growth is given against (STATS_GROWTH_MIN_BASE, default 30; below: 新增 or —).
   */
  readonly statThresholds: StatThresholds;
  /**
   * Bearer token an operator's Prometheus sends to read /metrics; null (unset):
   * /metrics does not exist (404), so nothing about the process is public by default.
   */
  readonly metricsToken: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return fallback;
}

function parsePort(name: string, raw: string | undefined, fallback: number, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    problems.push(`${name} must be a port number 0–65535, got "${raw}"`);
    return fallback;
  }
  return n;
}

function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string {
  const value = raw?.trim();
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^[0-9a-fA-F.:/,\s]+$/.test(value)) return value;
  problems.push('TRUST_PROXY must be false, true, a hop count, or comma-separated proxy addresses/CIDRs');
  return false;
}

function parseThreshold(name: string, raw: string | undefined, fallback: number, problems: string[]): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    problems.push(`${name} must be a whole number of messages from 1 to 100000`);
    return fallback;
  }
  return n;
}

/** @throws ConfigError listing every invalid variable. */
function parseInterval(raw: string | undefined, problems: string[]): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 3600) {
    problems.push('JOB_INTERVAL_SECONDS must be a whole number of seconds from 1 to 3600');
    return null;
  }
  return n;
}

function parseCount(name: string, raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw.trim() === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 5_000_000) {
    problems.push(`${name} must be a whole number from 0 to 5000000`);
    return 0;
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const databaseReadUrl = env.DATABASE_READ_URL?.trim() || null;
  if (databaseReadUrl && !/^postgres(ql)?:\/\//.test(databaseReadUrl)) {
    problems.push('DATABASE_READ_URL must start with postgres:// or postgresql://');
  }
  // Replicas are for an external primary; beside the embedded database a read URL would name some other database.
  if (databaseReadUrl && !databaseUrl) {
    problems.push('DATABASE_READ_URL (a read replica) needs DATABASE_URL (its primary): the embedded database has no replicas');
  }
  // Demo data by default only on the embedded database: a real installation opts in.
  const demo = parseBoolean('DEMO', env.DEMO, databaseUrl === null, problems);
  const adminLogin = (env.ADMIN_LOGIN?.trim() || 'admin').toLowerCase();
  const adminPassword = env.ADMIN_PASSWORD ?? DEFAULT_ADMIN_PASSWORD;
  if (!demo && adminPassword === DEFAULT_ADMIN_PASSWORD) {
    problems.push('ADMIN_PASSWORD must be set to a password of your own outside demo mode (DEMO=false)');
  }
  if (adminPassword.length < 8) problems.push('ADMIN_PASSWORD must have at least 8 characters');
  if (!new RegExp(LOGIN_NAME_PATTERN).test(adminLogin)) problems.push('ADMIN_LOGIN must be 3–32 letters, digits, _ . -, starting with a letter');
  const sessionDays = Number(env.SESSION_DAYS ?? 14);
  if (!Number.isFinite(sessionDays) || sessionDays <= 0) problems.push('SESSION_DAYS must be a positive number');

  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl)) problems.push('SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465');
  const mailFrom = env.MAIL_FROM?.trim() || '民声 <no-reply@minsheng.invalid>';
  if (!/@[^@\s>]+>?$/.test(mailFrom)) problems.push('MAIL_FROM must be an e-mail address, optionally with a name: 民声 <no-reply@example.gov.cn>');

  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && !/^[\x21-\x7e]{16,200}$/.test(metricsToken)) problems.push('METRICS_TOKEN must be 16–200 printable ASCII characters without spaces (e.g. openssl rand -hex 24)');

  const config: Config = {
    port: parsePort('PORT', env.PORT, 3000, problems),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    databaseReadUrl,
    dataDir: path.resolve(env.DATA_DIR?.trim() || 'data'),
    pgPort: parsePort('PG_PORT', env.PG_PORT, 54329, problems),
    demo,
    demoHistory: parseCount('DEMO_HISTORY', env.DEMO_HISTORY, problems),
    adminLogin,
    adminPassword,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    cookieSecure: parseBoolean('COOKIE_SECURE', env.COOKIE_SECURE, false, problems),
    webDir: path.resolve(env.WEB_DIR?.trim() || 'dist/web'),
    sessionDays,
    trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
    smtpUrl,
    mailFrom,
    jobs: parseBoolean('JOBS', env.JOBS, true, problems),
    jobIntervalSeconds: parseInterval(env.JOB_INTERVAL_SECONDS, problems),
    statThresholds: Object.freeze({
      minReceived: parseThreshold('STATS_MIN_RANKED', env.STATS_MIN_RANKED, DEFAULT_STAT_THRESHOLDS.minReceived, problems),
      growthMinBase: parseThreshold('STATS_GROWTH_MIN_BASE', env.STATS_GROWTH_MIN_BASE, DEFAULT_STAT_THRESHOLDS.growthMinBase, problems),
    }),
    metricsToken,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
