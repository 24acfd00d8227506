/**
 * Test data written the way the application writes it: through the real
 * repositories (units, accounts) or through the API (registration), never by
 * hand-made rows that could drift from what the app would store.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../src/server/db/database.js';
import type { DB } from '../../src/server/db/schema.js';
import { insertAccounts } from '../../src/server/modules/accounts/accounts.repository.js';
import { hashPassword } from '../../src/server/modules/accounts/passwords.js';
import { NATIONAL_REGION } from '../../src/server/modules/regions/region-names.js';
import { insertUnit } from '../../src/server/modules/units/units.repository.js';
import type { UnitKind } from '../../src/shared/domain.js';
import type { StaffRole } from '../../src/shared/permissions.js';
import { DEMO_PASSWORD, type Session } from './app.js';

// A random base per test file, so numbers from two files never meet even on a shared server.
const base = randomInt(0, 800_000_000);
let counter = 0;
const next = () => ++counter;

/** An 11-digit mobile number no demo account uses (demo citizens start 139/150/186). */
export function uniqueMobile(): string {
  return `17${String(base + next()).padStart(9, '0')}`;
}

/** A login name matching the login-name pattern, unique in this run. */
export function uniqueLogin(prefix = 'staff'): string {
  return `${prefix}-${base.toString(36)}-${next()}`;
}

/** A client address of its own: rate limits count per address, so tests don't share a budget. */
export function uniqueIp(): string {
  const n = next();
  return `10.${(base >> 16) & 0xff}.${(n >> 8) & 0xff}.${n & 0xff}`;
}

/** The id of a demo unit by its key (see src/server/seed/demo-data.ts). @throws when missing. */
export async function unitIdByKey(db: Database, key: string): Promise<string> {
  const row = await db.selectFrom('units').select('id').where('key', '=', key).executeTakeFirstOrThrow();
  return row.id;
}

/** The id of an account by login name or mobile. @throws when missing. */
export async function accountIdOf(db: Database, loginOrMobile: string): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where((eb) => eb.or([eb('login', '=', loginOrMobile), eb('mobile', '=', loginOrMobile)]))
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface MadeUnit {
  id: string;
  name: string;
  kind: string;
  regionCode: string;
  parentId: string | null;
  path: string;
}

/** A unit under `parentId` (or a root), in the parent's region unless told otherwise. */
export async function makeUnit(db: Database, options: { parentId?: string | null; name?: string; kind?: UnitKind; regionCode?: string } = {}): Promise<MadeUnit> {
  const parentId = options.parentId ?? null;
  const parent = parentId === null ? null : await db.selectFrom('units').select(['region_code', sql<string>`path::text`.as('path')]).where('id', '=', parentId).executeTakeFirstOrThrow();
  const name = options.name ?? `测试单位${next()}`;
  const kind = options.kind ?? 'department';
  const regionCode = options.regionCode ?? parent?.region_code ?? NATIONAL_REGION;
  const id = await insertUnit(db, { name, kind, regionCode, parentId, parentPath: parent?.path ?? null });
  return { id, name, kind, regionCode, parentId, path: parent ? `${parent.path}.${id}` : id };
}

export interface MadeAccount {
  id: string;
  login: string | null;
  mobile: string | null;
  password: string;
}

/** A staff account in `unitId` with a real argon2id hash of `password`. */
export async function makeStaff(
  db: Database,
  options: { unitId: string; roles?: StaffRole[]; login?: string; password?: string; displayName?: string; mobile?: string | null },
): Promise<MadeAccount> {
  const login = options.login ?? uniqueLogin();
  const password = options.password ?? DEMO_PASSWORD;
  const displayName = options.displayName ?? `工作人员${next()}`;
  const mobile = options.mobile ?? null;
  const [id] = await insertAccounts(db, [
    { kind: 'staff', login, mobile, password_hash: await hashPassword(password), nickname: displayName, display_name: displayName, unit_id: options.unitId, roles: options.roles ?? ['unit_handler'] },
  ]);
  return { id: id!, login, mobile, password };
}

/** A citizen account with a real argon2id hash of `password`. */
export async function makeCitizen(db: Database, options: { mobile?: string; password?: string; nickname?: string } = {}): Promise<MadeAccount> {
  const mobile = options.mobile ?? uniqueMobile();
  const password = options.password ?? DEMO_PASSWORD;
  const nickname = options.nickname ?? `网友${next()}`;
  const [id] = await insertAccounts(db, [{ kind: 'citizen', mobile, password_hash: await hashPassword(password), nickname, display_name: nickname }]);
  return { id: id!, login: null, mobile, password };
}

/** The six-digit code of the newest SMS sent to `mobile`, read from the outbox text. @throws when none was sent. */
export async function lastSmsCode(db: Database, mobile: string): Promise<string> {
  const row = await db.selectFrom('sms_outbox').select('body').where('mobile', '=', mobile).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const code = /(\d{6})/.exec(row.body)?.[1];
  if (!code) throw new Error(`no code in SMS "${row.body}"`);
  return code;
}

/** Logs in through the API from a client address of the caller's choice. @throws when refused. */
export async function loginFrom(app: FastifyInstance, ip: string, login: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
  return sessionOf(res);
}

/** The session a login or registration answer carries. */
export function sessionOf(res: LightMyRequestResponse): Session {
  const cookie = res.cookies.find((c) => c.name === 'ms_sid');
  if (!cookie) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return { cookie: `ms_sid=${cookie.value}`, csrfToken: (res.json() as { csrfToken: string }).csrfToken };
}

/** Registers a citizen end to end through the API: SMS code, read from the outbox, then register. */
export async function registerCitizen(
  app: FastifyInstance,
  db: Database,
  options: { mobile?: string; password?: string; nickname?: string; ip?: string } = {},
): Promise<{ mobile: string; password: string; session: Session; response: LightMyRequestResponse }> {
  const mobile = options.mobile ?? uniqueMobile();
  const password = options.password ?? 'Citizen-Pass-1';
  const ip = options.ip ?? uniqueIp();
  const sent = await app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { mobile, purpose: 'register' }, remoteAddress: ip });
  if (sent.statusCode !== 202) throw new Error(`sms code for ${mobile} failed: ${sent.statusCode} ${sent.body}`);
  const code = await lastSmsCode(db, mobile);
  const payload = { mobile, code, password, nickname: options.nickname ?? `网友${next()}` };
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload, remoteAddress: ip } satisfies InjectOptions);
  if (response.statusCode !== 201) throw new Error(`register ${mobile} failed: ${response.statusCode} ${response.body}`);
  return { mobile, password, session: sessionOf(response), response };
}

/** Rows in a table, for "nothing was created" checks. */
export async function countRows(db: Database, table: keyof DB): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** Audit entries of one action, newest first. */
export async function auditEntries(db: Database, action: string) {
  return db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').execute();
}

/**
 * Rate limits count in fixed windows (rate-limit.ts): a test that fills one must not straddle its end,
 * or the counter starts again halfway. Waits, when needed, until the next window has begun.
 */
export async function awayFromWindowEdge(windowSeconds: number, marginSeconds = 20): Promise<void> {
  const into = (Date.now() / 1000) % windowSeconds;
  if (into > windowSeconds - marginSeconds) await new Promise((resolve) => setTimeout(resolve, (windowSeconds - into + 0.5) * 1000));
}
