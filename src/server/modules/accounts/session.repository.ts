import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { prepared, type Executor } from '../../db/database.js';
import type { StaffRole } from '../../../shared/permissions.js';
import type { Actor } from '../access/actor.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function insertSession(db: Executor, accountId: string, days: number, meta: { ip: string | null; userAgent: string | null }): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  await db
    .insertInto('sessions')
    .values({ id: hashToken(token), account_id: accountId, csrf_token: csrfToken, expires_at: expiresAt, ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The actor behind a session cookie, or null for an unknown, expired or disabled one. */
export async function findActorBySessionToken(db: Executor, token: string): Promise<Actor | null> {
  const sessionId = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .leftJoin('units', 'units.id', 'accounts.unit_id')
    .leftJoin('regions', 'regions.code', 'units.region_code')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token as csrfToken',
      'accounts.id as accountId',
      'accounts.kind',
      'accounts.roles',
      'accounts.nickname',
      'accounts.must_change_password as mustChangePassword',
      'accounts.unit_id as unitId',
      sql<string | null>`units.path::text`.as('unitPath'),
      'units.region_code as regionCode',
      sql<string | null>`regions.path::text`.as('regionPath'),
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('accounts.status', '=', 'active')
    // Every signed-in request asks this: parsed once per connection.
    .modifyEnd(prepared)
    .executeTakeFirst();
  if (!row) return null;
  return { ...row, roles: row.roles as StaffRole[] };
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of the account, or every one but `keepSessionId`. */
export async function deleteSessionsOf(db: Executor, accountId: string, keepSessionId: string | null = null): Promise<void> {
  let q = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}
