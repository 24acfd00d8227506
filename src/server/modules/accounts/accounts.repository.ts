import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { NewAccount } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { unitVisibleTo } from '../access/access.policy.js';

/** Citizens log in with their mobile number, staff with a login name (stored lower-case); the shape tells which. */
export async function findAccountByLogin(db: Executor, identifier: string) {
  const byMobile = /^\d+$/.test(identifier);
  return db
    .selectFrom('accounts')
    .selectAll()
    .where(byMobile ? 'mobile' : 'login', '=', byMobile ? identifier : identifier.toLowerCase())
    .executeTakeFirst();
}

export async function mobileExists(db: Executor, mobile: string): Promise<boolean> {
  return (await db.selectFrom('accounts').select('id').where('mobile', '=', mobile).executeTakeFirst()) !== undefined;
}

export async function existingLogins(db: Executor, logins: string[]): Promise<Set<string>> {
  if (logins.length === 0) return new Set();
  const rows = await db.selectFrom('accounts').select('login').where('login', 'in', logins.map((l) => l.toLowerCase())).execute();
  return new Set(rows.map((r) => r.login!));
}

export async function existingMobiles(db: Executor, mobiles: string[]): Promise<Set<string>> {
  if (mobiles.length === 0) return new Set();
  const rows = await db.selectFrom('accounts').select('mobile').where('mobile', 'in', mobiles).execute();
  return new Set(rows.map((r) => r.mobile!));
}

export async function insertAccounts(db: Executor, accounts: NewAccount[]): Promise<string[]> {
  const ids: string[] = [];
  // Chunks keep each statement well under PostgreSQL's 65535 parameters.
  for (let i = 0; i < accounts.length; i += 500) {
    const rows = await db.insertInto('accounts').values(accounts.slice(i, i + 500)).returning('id').execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export async function recordFailedLogin(db: Executor, accountId: string, maxFailures: number, lockMinutes: number): Promise<void> {
  await db
    .updateTable('accounts')
    .set((eb) => ({
      failed_logins: sql`CASE WHEN ${eb.ref('failed_logins')} + 1 >= ${maxFailures} THEN 0 ELSE ${eb.ref('failed_logins')} + 1 END`,
      locked_until: sql`CASE WHEN ${eb.ref('failed_logins')} + 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE ${eb.ref('locked_until')} END`,
    }))
    .where('id', '=', accountId)
    .execute();
}

export async function recordSuccessfulLogin(db: Executor, accountId: string): Promise<void> {
  await db.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', accountId).execute();
}

export async function findOwnAccount(db: Executor, accountId: string) {
  return db
    .selectFrom('accounts')
    .leftJoin('units', 'units.id', 'accounts.unit_id')
    .select(['accounts.id', 'accounts.kind', 'accounts.login', 'accounts.mobile', 'accounts.nickname', 'accounts.display_name', 'accounts.roles', 'accounts.email', 'units.id as unit_id', 'units.name as unit_name', 'units.region_code as unit_region_code'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirstOrThrow();
}

export async function updateNickname(db: Executor, accountId: string, nickname: string): Promise<void> {
  await db.updateTable('accounts').set({ nickname, updated_at: sql`now()` }).where('id', '=', accountId).execute();
}

export async function updateEmail(db: Executor, accountId: string, email: string | null): Promise<void> {
  await db.updateTable('accounts').set({ email, updated_at: sql`now()` }).where('id', '=', accountId).execute();
}

export interface StaffAccountQuery {
  unitId: string | null;
  q: string | null;
  cursor: string | null;
  limit: number;
}

function staffRows(db: Executor) {
  return db
    .selectFrom('accounts')
    .innerJoin('units', 'units.id', 'accounts.unit_id')
    .select(['accounts.id', 'accounts.login', 'accounts.display_name', 'accounts.mobile', 'accounts.roles', 'accounts.status', 'accounts.created_at', 'units.id as unit_id', 'units.name as unit_name'])
    .where('accounts.kind', '=', 'staff');
}

export async function findStaffAccount(db: Executor, id: string) {
  return staffRows(db).where('accounts.id', '=', id).executeTakeFirstOrThrow();
}

/** Staff accounts of the units the actor may see, newest first (keyset on id). */
export async function listStaffAccounts(db: Executor, actor: Actor, query: StaffAccountQuery) {
  let q = staffRows(db)
    .where(unitVisibleTo(actor))
    .orderBy('accounts.id', 'desc')
    .limit(query.limit + 1);
  if (query.unitId) q = q.where('accounts.unit_id', '=', query.unitId);
  if (query.cursor) q = q.where('accounts.id', '<', query.cursor);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('accounts.login', 'ilike', like), eb('accounts.display_name', 'ilike', like)]));
  }
  return q.execute();
}
