/**
 * Configuration is read once, validated, and frozen. Every bad variable is
 * listed at once so an operator fixes them in one go.
 */
import path from 'node:path';
import { LOGIN_NAME_PATTERN } from '../shared/domain.js';

export const DEFAULT_ADMIN_PASSWORD = 'Minsheng@2026';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Set: use this PostgreSQL and start no embedded server. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly pgPort: number;
  /** Demo mode seeds the demo units and accounts and allows the default admin password. */
  readonly demo: boolean;
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

/** @throws ConfigError listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
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

  const config: Config = {
    port: parsePort('PORT', env.PORT, 3000, problems),
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR?.trim() || 'data'),
    pgPort: parsePort('PG_PORT', env.PG_PORT, 54329, problems),
    demo,
    adminLogin,
    adminPassword,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    cookieSecure: parseBoolean('COOKIE_SECURE', env.COOKIE_SECURE, false, problems),
    webDir: path.resolve(env.WEB_DIR?.trim() || 'dist/web'),
    sessionDays,
    trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
