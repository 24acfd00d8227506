import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { NewAccount } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { unitManagedBy, unitVisibleTo } from '../access/access.policy.js';

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

/** Counts a failed login; returns true when this failure locked the account. */
export async function recordFailedLogin(db: Executor, accountId: string, maxFailures: number, lockMinutes: number): Promise<boolean> {
  const row = await db
    .updateTable('accounts')
    .set((eb) => ({
      failed_logins: sql`CASE WHEN ${eb.ref('failed_logins')} + 1 >= ${maxFailures} THEN 0 ELSE ${eb.ref('failed_logins')} + 1 END`,
      locked_until: sql`CASE WHEN ${eb.ref('failed_logins')} + 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE ${eb.ref('locked_until')} END`,
    }))
    .where('id', '=', accountId)
    .returning(sql<boolean>`locked_until IS NOT NULL AND locked_until > now() AND failed_logins = 0`.as('locked'))
    .executeTakeFirst();
  return row?.locked ?? false;
}

export async function recordSuccessfulLogin(db: Executor, accountId: string): Promise<void> {
  await db.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', accountId).execute();
}

export async function findOwnAccount(db: Executor, accountId: string) {
  return db
    .selectFrom('accounts')
    .leftJoin('units', 'units.id', 'accounts.unit_id')
    .select(['accounts.id', 'accounts.kind', 'accounts.login', 'accounts.mobile', 'accounts.nickname', 'accounts.display_name', 'accounts.roles', 'accounts.email', 'accounts.must_change_password', 'units.id as unit_id', 'units.name as unit_name', 'units.region_code as unit_region_code'])
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
  role?: string | null;
  status?: 'active' | 'disabled' | null;
}

function staffRows(db: Executor) {
  return db
    .selectFrom('accounts')
    .innerJoin('units', 'units.id', 'accounts.unit_id')
    .select(['accounts.id', 'accounts.login', 'accounts.display_name', 'accounts.mobile', 'accounts.email', 'accounts.roles', 'accounts.status', 'accounts.must_change_password', 'accounts.locked_until', 'accounts.created_at', 'units.id as unit_id', 'units.name as unit_name', sql<string>`units.path::text`.as('unit_path')])
    .where('accounts.kind', '=', 'staff');
}

export async function findStaffAccount(db: Executor, id: string) {
  return staffRows(db).where('accounts.id', '=', id).executeTakeFirstOrThrow();
}

function filteredStaffRows(db: Executor, actor: Actor, query: StaffAccountQuery) {
  let q = staffRows(db).where(unitVisibleTo(actor));
  // A unit filter means the unit and its subtree, as the console's unit picker shows them.
  if (query.unitId) q = q.where(sql<boolean>`units.path <@ (SELECT path FROM units filter_unit WHERE filter_unit.id = ${query.unitId})`);
  if (query.role) q = q.where(sql<boolean>`${query.role} = ANY(accounts.roles)`);
  if (query.status) q = q.where('accounts.status', '=', query.status);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('accounts.login', 'ilike', like), eb('accounts.display_name', 'ilike', like)]));
  }
  return q;
}

/** Staff accounts of the units the actor may see, newest first (keyset on id). */
export async function listStaffAccounts(db: Executor, actor: Actor, query: StaffAccountQuery) {
  let q = filteredStaffRows(db, actor, query)
    .orderBy('accounts.id', 'desc')
    .limit(query.limit + 1);
  if (query.cursor) q = q.where('accounts.id', '<', query.cursor);
  return q.execute();
}

/** How many accounts the list's filters match (all pages). */
export async function countStaffAccounts(db: Executor, actor: Actor, query: StaffAccountQuery): Promise<number> {
  const row = await filteredStaffRows(db, actor, query).clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** A staff account in a unit the actor manages (unit subtree; everywhere for platform admins), locked for update; undefined otherwise. */
export async function findManagedStaffAccount(db: Executor, actor: Actor, id: string) {
  return staffRows(db).where(unitManagedBy(actor)).where('accounts.id', '=', id).forUpdate(['accounts']).executeTakeFirst();
}

export async function findAccountById(db: Executor, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface StaffChanges {
  display_name?: string;
  nickname?: string;
  unit_id?: string;
  roles?: string[];
  email?: string | null;
  mobile?: string | null;
  status?: 'active' | 'disabled';
}

export async function updateAccount(db: Executor, accountId: string, changes: StaffChanges): Promise<void> {
  await db.updateTable('accounts').set({ ...changes, updated_at: sql`now()` }).where('id', '=', accountId).execute();
}

/** Stores a new password hash; `mustChange` says whether the holder must replace it at the next login. */
export async function setPassword(db: Executor, accountId: string, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ password_hash: passwordHash, must_change_password: mustChange, password_changed_at: sql`now()`, failed_logins: 0, locked_until: null, updated_at: sql`now()` })
    .where('id', '=', accountId)
    .execute();
}

export async function updateMobile(db: Executor, accountId: string, mobile: string): Promise<void> {
  await db.updateTable('accounts').set({ mobile, updated_at: sql`now()` }).where('id', '=', accountId).execute();
}
