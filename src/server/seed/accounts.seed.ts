import type { Executor } from '../db/database.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { insertUnit } from '../modules/units/units.repository.js';
import { NATIONAL_REGION } from '../modules/regions/region-names.js';

export const PLATFORM_UNIT_KEY = 'platform';
export const PLATFORM_UNIT_NAME = '民声平台运营中心';

/** The unit platform admins belong to; created once. */
export async function ensurePlatformUnit(db: Executor): Promise<string> {
  const found = await db.selectFrom('units').select('id').where((eb) => eb.or([eb('key', '=', PLATFORM_UNIT_KEY), eb.and([eb('parent_id', 'is', null), eb('name', '=', PLATFORM_UNIT_NAME)])])).executeTakeFirst();
  if (found) return found.id;
  return insertUnit(db, { key: PLATFORM_UNIT_KEY, name: PLATFORM_UNIT_NAME, kind: 'other', regionCode: NATIONAL_REGION, parentId: null, parentPath: null });
}

/**
 * The installation's first platform admin, from ADMIN_LOGIN / ADMIN_PASSWORD.
 * Created when missing; an existing account is left as it is (its password may
 * have been changed since).
 */
export async function ensurePlatformAdmin(db: Executor, login: string, password: string): Promise<boolean> {
  const existing = await db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirst();
  if (existing) return false;
  const unitId = await ensurePlatformUnit(db);
  await db
    .insertInto('accounts')
    .values({ kind: 'staff', login, password_hash: await hashPassword(password), nickname: '平台管理员', display_name: '平台管理员', unit_id: unitId, roles: ['platform_admin'] })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return true;
}
