/**
 * Demo data from the stories in shared/seeds: units, the boards they handle,
 * one account per role and a few citizens. Deterministic and idempotent:
 * rows are keyed (unit key, login, mobile) and only missing ones are added.
 */
import type { Executor } from '../db/database.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { NATIONAL_REGION } from '../modules/regions/region-names.js';
import { insertUnit } from '../modules/units/units.repository.js';
import { ensurePlatformUnit } from './accounts.seed.js';
import { DEMO_ACCOUNTS, DEMO_BOARD_UNITS, DEMO_CITIZENS, DEMO_MINISTRIES, DEMO_UNITS, type DemoUnit } from './demo-data.js';

async function seedUnits(db: Executor): Promise<Map<string, { id: string; path: string }>> {
  const existing = await db.selectFrom('units').select(['id', 'key', 'path']).where('key', 'is not', null).execute();
  const byKey = new Map(existing.map((u) => [u.key!, { id: u.id, path: String(u.path) }]));
  const pending: DemoUnit[] = [
    ...DEMO_MINISTRIES.map((m) => ({ key: m.key, name: m.name, kind: 'ministry' as const, regionCode: NATIONAL_REGION, parentKey: null })),
    ...DEMO_UNITS,
  ].filter((u) => !byKey.has(u.key));
  // Parents first: repeat until every unit whose parent exists is placed.
  while (pending.length > 0) {
    const ready = pending.findIndex((u) => u.parentKey === null || byKey.has(u.parentKey));
    if (ready < 0) throw new Error(`demo units with unknown parents: ${pending.map((u) => u.key).join(', ')}`);
    const [unit] = pending.splice(ready, 1);
    const parent = unit!.parentKey === null ? null : byKey.get(unit!.parentKey)!;
    const id = await insertUnit(db, { key: unit!.key, name: unit!.name, kind: unit!.kind, regionCode: unit!.regionCode, parentId: parent?.id ?? null, parentPath: parent?.path ?? null });
    const path = parent ? `${parent.path}.${id}` : id;
    byKey.set(unit!.key, { id, path });
  }
  return byKey;
}

async function seedMinistryBoards(db: Executor, units: Map<string, { id: string }>): Promise<void> {
  for (const m of DEMO_MINISTRIES) {
    await db
      .insertInto('boards')
      .values({ kind: 'ministry', title: m.name, name: m.name, region_code: null, unit_id: units.get(m.key)!.id, sort: m.sort })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

async function linkLeaderBoards(db: Executor, units: Map<string, { id: string }>): Promise<void> {
  for (const link of DEMO_BOARD_UNITS) {
    await db
      .updateTable('boards')
      .set({ unit_id: units.get(link.unitKey)!.id })
      .where('region_code', '=', link.regionCode)
      .where('title', '=', link.title)
      .where('unit_id', 'is', null)
      .execute();
  }
}

async function seedAccounts(db: Executor, units: Map<string, { id: string }>, adminLogin: string): Promise<void> {
  const platformUnitId = await ensurePlatformUnit(db);
  for (const a of DEMO_ACCOUNTS) {
    // The platform admin comes from ADMIN_LOGIN / ADMIN_PASSWORD, not from here.
    if (a.roles.includes('platform_admin') && a.login === adminLogin) continue;
    if (await db.selectFrom('accounts').select('id').where('login', '=', a.login).executeTakeFirst()) continue;
    const unitId = units.get(a.unitKey)?.id ?? platformUnitId;
    await db
      .insertInto('accounts')
      .values({ kind: 'staff', login: a.login, password_hash: await hashPassword(a.password), nickname: a.displayName, display_name: a.displayName, unit_id: unitId, roles: [...a.roles] })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  for (const c of DEMO_CITIZENS) {
    if (await db.selectFrom('accounts').select('id').where('mobile', '=', c.mobile).executeTakeFirst()) continue;
    await db
      .insertInto('accounts')
      .values({ kind: 'citizen', mobile: c.mobile, password_hash: await hashPassword(c.password), nickname: c.nickname, display_name: c.nickname })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function seedDemo(db: Executor, adminLogin: string): Promise<void> {
  const units = await seedUnits(db);
  await seedMinistryBoards(db, units);
  await linkLeaderBoards(db, units);
  await seedAccounts(db, units, adminLogin);
}
