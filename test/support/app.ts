/** An app on a fresh database, and helpers to act as a logged-in account through app.inject. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { Database } from '../../src/server/db/database.js';
import { createTestDatabase } from './db.js';

export const DEMO_PASSWORD = 'Minsheng@2026';

/** Every kind of caller the API has, for tests that walk each route as each of them. */
export const CALLER_ROLES = ['anonymous', 'citizen', 'unit_handler', 'unit_admin', 'coordinator', 'leader', 'analyst', 'platform_admin'] as const;
export type CallerRole = (typeof CALLER_ROLES)[number];

/** The demo account that plays each role (README, "Demo accounts"). */
export const DEMO_LOGINS: Record<Exclude<CallerRole, 'anonymous'>, string> = {
  citizen: '13907910001',
  unit_handler: 'handler',
  unit_admin: 'unitadmin',
  coordinator: 'coordinator',
  leader: 'leader',
  analyst: 'analyst',
  platform_admin: 'admin',
};

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  url: string;
  config: Config;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Record<string, string>> = {}): Config {
  return loadConfig({ DEMO: 'true', LOG_LEVEL: 'silent', WEB_DIR: 'dist/web', ...overrides });
}

/** `overrides`: environment variables for the app's configuration (e.g. METRICS_TOKEN). */
export async function buildTestApp(overrides: Partial<Record<string, string>> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(overrides);
  const app = await buildApp({ config, db: database.db, databaseUrl: database.url, logger: false });
  await app.ready();
  return {
    app,
    db: database.db,
    url: database.url,
    config,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

/** Logs in through the API. @throws when the login is refused. */
export async function login(app: FastifyInstance, loginName: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password } });
  if (res.statusCode !== 200) throw new Error(`login ${loginName} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ms_sid');
  return { cookie: `ms_sid=${cookie!.value}`, csrfToken: res.json().csrfToken };
}

/** A request as the session (cookie + CSRF header), or anonymous when session is null. */
export function as(app: FastifyInstance, session: Session | null, options: InjectOptions): Promise<LightMyRequestResponse> {
  const headers = { ...(options.headers ?? {}) } as Record<string, string>;
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrfToken;
  }
  return app.inject({ ...options, headers });
}
