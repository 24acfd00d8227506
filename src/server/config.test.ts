import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_ADMIN_PASSWORD, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database, port 3000 and demo mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: null, pgPort: 54329, demo: true, adminLogin: 'admin' });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('turns demo mode off by default when DATABASE_URL is set, and then refuses the default admin password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' })).toThrow(/ADMIN_PASSWORD/);
    const config = loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', ADMIN_PASSWORD: 'a-strong-one-2026' });
    expect(config.demo).toBe(false);
  });

  it('refuses to start outside demo mode with the default password even on the embedded database', () => {
    expect(() => loadConfig({ DEMO: 'false' })).toThrow(ConfigError);
    expect(() => loadConfig({ DEMO: 'false', ADMIN_PASSWORD: DEFAULT_ADMIN_PASSWORD })).toThrow(/ADMIN_PASSWORD/);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', PG_PORT: '70000', DATABASE_URL: 'mysql://x', DEMO: 'maybe', ADMIN_LOGIN: 'a b' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'PG_PORT', 'DATABASE_URL', 'DEMO', 'ADMIN_LOGIN']) expect(problems).toContain(name);
    }
  });

  it('reads DATABASE_READ_URL beside DATABASE_URL, and refuses it alone or malformed', () => {
    const primary = { DATABASE_URL: 'postgres://x@db1/minsheng', ADMIN_PASSWORD: 'a-strong-one-2026' };
    expect(loadConfig(primary).databaseReadUrl).toBeNull();
    expect(loadConfig({ ...primary, DATABASE_READ_URL: ' postgresql://x@db2/minsheng ' }).databaseReadUrl).toBe('postgresql://x@db2/minsheng');
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://x@db2/minsheng' })).toThrow(/DATABASE_READ_URL .*needs DATABASE_URL/);
    expect(() => loadConfig({ ...primary, DATABASE_READ_URL: 'mysql://x@db2' })).toThrow(/DATABASE_READ_URL must start with postgres:\/\//);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
