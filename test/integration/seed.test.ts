/**
 * The seed runs at every start, so running it again must change nothing, and
 * the GB/T 2260 tree it loads must be whole and consistent.
 */
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_PASSWORD } from '../../src/server/config.js';
import type { Database } from '../../src/server/db/database.js';
import { hashPassword } from '../../src/server/modules/accounts/passwords.js';
import { buildRegionRows } from '../../src/server/seed/regions.seed.js';
import { seedDatabase } from '../../src/server/seed/seed.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { loginFrom, uniqueIp, unitIdByKey } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

interface Snapshot {
  counts: Record<string, number>;
  checksums: Record<string, string>;
}

/** Row counts of every table, and checksums over the rows the seed writes. */
async function snapshot(db: Database): Promise<Snapshot> {
  const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db);
    counts[name] = r.rows[0]!.n;
  }
  const checksum = async (query: RawBuilder<{ sum: string }>) => (await query.execute(db)).rows[0]!.sum;
  const checksums = {
    regions: await checksum(sql`SELECT md5(string_agg(concat_ws('|', code, name, level, parent_code, path, sort), ',' ORDER BY code)) AS sum FROM regions`),
    units: await checksum(sql`SELECT md5(string_agg(concat_ws('|', id, key, name, kind, region_code, parent_id, path), ',' ORDER BY id)) AS sum FROM units`),
    boards: await checksum(sql`SELECT md5(string_agg(concat_ws('|', id, kind, title, name, region_code, unit_id, sort), ',' ORDER BY id)) AS sum FROM boards`),
    accounts: await checksum(
      sql`SELECT md5(string_agg(concat_ws('|', id, kind, login, mobile, nickname, display_name, unit_id, roles::text, status, password_hash, updated_at), ',' ORDER BY id)) AS sum FROM accounts`,
    ),
  };
  return { counts, checksums };
}

describe('running the seed again', () => {
  it('changes nothing: same row counts in every table and the same units, boards and accounts', async () => {
    const before = await snapshot(t.db);
    expect(Object.keys(before.counts)).toEqual(expect.arrayContaining(['regions', 'units', 'boards', 'accounts', 'sessions', 'audit_log']));
    expect(before.counts.units).toBeGreaterThan(150);
    expect(before.counts.accounts).toBeGreaterThanOrEqual(9);

    const log: string[] = [];
    await seedDatabase(t.db, { demo: true, adminLogin: 'admin', adminPassword: DEFAULT_ADMIN_PASSWORD }, (m) => log.push(m));
    expect(await snapshot(t.db)).toEqual(before);
    expect(log).toEqual([]);
  });

  it('keeps what the installation changed since: a new admin password, a renamed unit, a board handed to another unit', async () => {
    await t.db.updateTable('accounts').set({ password_hash: await hashPassword('Changed-Admin-Pass-1') }).where('login', '=', 'admin').execute();
    await t.db.updateTable('units').set({ name: '江西省委民声通道工作室（新）' }).where('key', '=', 'jx-msstd').execute();
    const other = await unitIdByKey(t.db, 'jx-pc-office');
    await t.db.updateTable('boards').set({ unit_id: other }).where('region_code', '=', '360000').where('title', '=', '省长').execute();
    const before = await snapshot(t.db);

    await seedDatabase(t.db, { demo: true, adminLogin: 'admin', adminPassword: DEFAULT_ADMIN_PASSWORD });
    expect(await snapshot(t.db)).toEqual(before);
    await loginFrom(t.app, uniqueIp(), 'admin', 'Changed-Admin-Pass-1');
  });

  it('adds nothing outside demo mode either', async () => {
    const before = await snapshot(t.db);
    await seedDatabase(t.db, { demo: false, adminLogin: 'admin', adminPassword: 'Another-Pass-1' });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('the GB/T 2260 region tree', () => {
  it('has one national root, 31 provinces, >300 cities, >2800 counties and >40000 townships', async () => {
    const rows = await t.db.selectFrom('regions').select(['level', sql<number>`count(*)::int`.as('n')]).groupBy('level').execute();
    const count = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(count.national).toBe(1);
    expect(count.province).toBe(31);
    expect(count.city).toBeGreaterThan(300);
    expect(count.county).toBeGreaterThan(2800);
    expect(count.township).toBeGreaterThan(40000);
    const total = Object.values(count).reduce((a, b) => a + b, 0);
    expect(total).toBe(buildRegionRows().length);
  });

  it('gives every non-root region a path that starts with its parent’s path and ends with its own code', async () => {
    const broken = await sql<{ code: string }>`
      SELECT r.code FROM regions r JOIN regions p ON p.code = r.parent_code
      WHERE r.path::text <> p.path::text || '.' || r.code`.execute(t.db);
    expect(broken.rows).toEqual([]);
    const orphans = await sql<{ code: string }>`SELECT code FROM regions WHERE parent_code IS NULL AND code <> '000000'`.execute(t.db);
    expect(orphans.rows).toEqual([]);
    const root = await t.db.selectFrom('regions').selectAll().where('code', '=', '000000').executeTakeFirstOrThrow();
    expect(root).toMatchObject({ name: '全国', level: 'national', parent_code: null });
    expect(String(root.path)).toBe('000000');
  });

  it('nests the levels in order: provinces under the root, cities under provinces, counties under cities or provinces, townships under counties or cities', async () => {
    const pairs = await sql<{ child: string; parent: string; n: number }>`
      SELECT r.level AS child, p.level AS parent, count(*)::int AS n
      FROM regions r JOIN regions p ON p.code = r.parent_code GROUP BY 1, 2 ORDER BY 1, 2`.execute(t.db);
    const allowed = new Set(['province<national', 'city<province', 'county<city', 'county<province', 'township<county', 'township<city']);
    for (const p of pairs.rows) expect(allowed.has(`${p.child}<${p.parent}`), `${p.child} under ${p.parent}`).toBe(true);
    // Codes share their parent's prefix (provinces 2 digits, cities 4, counties 6).
    const misfiled = await sql<{ code: string }>`
      SELECT r.code FROM regions r JOIN regions p ON p.code = r.parent_code
      WHERE (p.level = 'province' AND left(r.code, 2) <> left(p.code, 2))
         OR (p.level = 'city' AND left(r.code, 4) <> left(p.code, 4))
         OR (p.level = 'county' AND left(r.code, 6) <> p.code)`.execute(t.db);
    expect(misfiled.rows).toEqual([]);
    const placeholders = await t.db.selectFrom('regions').select('code').where('name', 'in', ['市辖区', '县']).where('level', '=', 'city').execute();
    expect(placeholders).toEqual([]);
  });

  it('gives every province, city and county exactly its two leader boards', async () => {
    const missing = await sql<{ code: string; n: number }>`
      SELECT r.code, count(b.id)::int AS n FROM regions r
      LEFT JOIN boards b ON b.region_code = r.code AND b.sort IN (0, 1)
      WHERE r.level IN ('province', 'city', 'county') GROUP BY r.code HAVING count(b.id) <> 2`.execute(t.db);
    expect(missing.rows).toEqual([]);
  });

  it('gives every unit a path that starts with its parent’s path and ends with its own id', async () => {
    const broken = await sql<{ id: string }>`
      SELECT u.id FROM units u LEFT JOIN units p ON p.id = u.parent_id
      WHERE u.path::text <> coalesce(p.path::text || '.', '') || u.id::text`.execute(t.db);
    expect(broken.rows).toEqual([]);
  });
});
