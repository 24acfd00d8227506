/**
 * Staff accounts: creation by platform and unit admins, the scoped list with
 * keyset pagination, and all-or-nothing CSV import.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { accountIdOf, auditEntries, countRows, loginFrom, uniqueIp, uniqueLogin, uniqueMobile, unitIdByKey } from '../support/factories.js';

let t: TestApp;
let admin: Session;
let unitAdmin: Session;
/** Demo unit ids by key. */
const unit: Record<string, number> = {};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginFrom(t.app, uniqueIp(), 'admin');
  unitAdmin = await loginFrom(t.app, uniqueIp(), 'unitadmin');
  for (const key of ['dh-pc', 'dh-gov', 'dh-mzj', 'nc-mzj', 'platform']) unit[key] = Number(await unitIdByKey(t.db, key));
});
afterAll(async () => t.close());

interface StaffAccount {
  id: number;
  login: string;
  displayName: string;
  mobileMasked: string | null;
  unit: { id: number; name: string };
  roles: string[];
  status: string;
  createdAt: string;
}

function createAccount(session: Session, payload: Record<string, unknown>) {
  return as(t.app, session, { method: 'POST', url: '/api/v1/accounts', payload });
}

function importCsv(session: Session, csv: string) {
  return as(t.app, session, { method: 'POST', url: '/api/v1/accounts/import', payload: { csv } });
}

function newAccount(overrides: Record<string, unknown> = {}) {
  return { login: uniqueLogin(), password: 'Staff-Pass-123', displayName: '测试办理员', unitId: unit['dh-mzj'], roles: ['unit_handler'], ...overrides };
}

async function loginExists(login: string): Promise<boolean> {
  return (await t.db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirst()) !== undefined;
}

/** Every page of GET /accounts, following nextCursor. */
async function allPages(session: Session, query: string): Promise<{ items: StaffAccount[]; pages: number }> {
  const items: StaffAccount[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/v1/accounts?${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await as(t.app, session, { method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    const body = res.json() as { items: StaffAccount[]; nextCursor: string | null };
    items.push(...body.items);
    cursor = body.nextCursor;
    pages++;
    expect(pages).toBeLessThan(100);
  } while (cursor !== null);
  return { items, pages };
}

describe('creating a staff account', () => {
  it('platform admin creates one: 201 with the account, masked mobile, and an account.create audit row by the admin', async () => {
    const mobile = uniqueMobile();
    const payload = newAccount({ unitId: unit['nc-mzj'], displayName: '南昌市民政局办理员', roles: ['unit_handler', 'unit_admin'], mobile });
    const res = await createAccount(admin, payload);
    expect(res.statusCode).toBe(201);
    const body = res.json() as StaffAccount;
    expect(body).toMatchObject({
      login: payload.login,
      displayName: '南昌市民政局办理员',
      mobileMasked: `${mobile.slice(0, 3)}****${mobile.slice(7)}`,
      unit: { id: unit['nc-mzj'], name: '南昌市民政局' },
      roles: ['unit_handler', 'unit_admin'],
      status: 'active',
    });
    expect(new Date(body.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(res.body).not.toContain(mobile);
    expect(res.body).not.toContain('Staff-Pass-123');

    const row = await t.db.selectFrom('accounts').selectAll().where('id', '=', String(body.id)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'staff', login: payload.login, mobile, unit_id: String(unit['nc-mzj']), roles: ['unit_handler', 'unit_admin'] });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const [audit] = await auditEntries(t.db, 'account.create');
    expect(audit).toMatchObject({ actor_id: await accountIdOf(t.db, 'admin'), target_type: 'account', target_id: String(body.id) });
    expect(audit!.details).toEqual({ login: payload.login, unitId: unit['nc-mzj'], roles: ['unit_handler', 'unit_admin'] });

    const session = await loginFrom(t.app, uniqueIp(), payload.login as string, 'Staff-Pass-123');
    const me = await as(t.app, session, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json().account.permissions).toContain('account.import');
  });

  it('unit admin creates an account in a unit of its own subtree', async () => {
    const payload = newAccount({ unitId: unit['dh-mzj'] });
    const res = await createAccount(unitAdmin, payload);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ login: payload.login, unit: { id: unit['dh-mzj'], name: '东湖区民政局' }, roles: ['unit_handler'] });
    const [audit] = await auditEntries(t.db, 'account.create');
    expect(audit).toMatchObject({ actor_id: await accountIdOf(t.db, 'unitadmin'), target_id: String(res.json().id) });
  });

  it('unit admin gets 422 unit_not_found for a unit outside its subtree, and nothing is created', async () => {
    const accountsBefore = await countRows(t.db, 'accounts');
    const auditBefore = await countRows(t.db, 'audit_log');
    for (const unitId of [unit['nc-mzj'], unit['platform'], 999_999_999]) {
      const payload = newAccount({ unitId });
      const res = await createAccount(unitAdmin, payload);
      expect(res.statusCode, String(unitId)).toBe(422);
      expect(res.json()).toMatchObject({ code: 'unit_not_found', field: 'unitId' });
      expect(await loginExists(payload.login as string)).toBe(false);
    }
    expect(await countRows(t.db, 'accounts')).toBe(accountsBefore);
    expect(await countRows(t.db, 'audit_log')).toBe(auditBefore);
  });

  it('unit admin gets 403 role_not_grantable for roles beyond unit_handler and unit_admin, and nothing is created', async () => {
    const accountsBefore = await countRows(t.db, 'accounts');
    for (const roles of [['coordinator'], ['unit_handler', 'platform_admin'], ['leader'], ['analyst']]) {
      const payload = newAccount({ roles });
      const res = await createAccount(unitAdmin, payload);
      expect(res.statusCode, roles.join()).toBe(403);
      expect(res.json()).toMatchObject({ code: 'role_not_grantable', field: 'roles', title: '您不能授予该角色' });
    }
    expect(await countRows(t.db, 'accounts')).toBe(accountsBefore);
  });

  it('platform admin may grant coordinator', async () => {
    const res = await createAccount(admin, newAccount({ unitId: Number(await unitIdByKey(t.db, 'jx-msstd')), roles: ['coordinator'] }));
    expect(res.statusCode).toBe(201);
    expect(res.json().roles).toEqual(['coordinator']);
  });

  it('returns 409 when the login is already taken', async () => {
    const accountsBefore = await countRows(t.db, 'accounts');
    const res = await createAccount(admin, newAccount({ login: 'handler' }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'login_taken', field: 'login', title: '该登录名已被使用' });
    expect(await countRows(t.db, 'accounts')).toBe(accountsBefore);
  });

  it('returns 409 for a login differing only in case, and stores logins lower-case', async () => {
    const res = await createAccount(admin, newAccount({ login: 'Handler' }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'login_taken', field: 'login' });
    const created = await createAccount(admin, newAccount({ login: 'MixedCase.Login' }));
    expect(created.statusCode).toBe(201);
    expect(created.json().login).toBe('mixedcase.login');
  });

  it('refuses a login name shaped like a mobile number, so it can never shadow a citizen', async () => {
    const accountsBefore = await countRows(t.db, 'accounts');
    const res = await createAccount(admin, newAccount({ login: '13907910001' }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'login' });
    expect(await countRows(t.db, 'accounts')).toBe(accountsBefore);
  });

  it('returns 409 when the mobile already belongs to an account', async () => {
    const payload = newAccount({ mobile: '13907910001' });
    const res = await createAccount(admin, payload);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'mobile_taken', field: 'mobile' });
    expect(await loginExists(payload.login as string)).toBe(false);
  });

  it('returns 400 naming each invalid field', async () => {
    const res = await createAccount(admin, { login: 'a b', password: 'short', displayName: '', unitId: 0, roles: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['displayName', 'login', 'password', 'roles', 'unitId']);
  });

  it('refuses unit handlers and citizens: 403, nothing created', async () => {
    const accountsBefore = await countRows(t.db, 'accounts');
    for (const who of ['handler', '18673500003']) {
      const session = await loginFrom(t.app, uniqueIp(), who);
      const res = await createAccount(session, newAccount());
      expect(res.statusCode, who).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    expect(await countRows(t.db, 'accounts')).toBe(accountsBefore);
  });
});

describe('listing staff accounts', () => {
  it('shows a unit admin exactly the staff of its own unit subtree', async () => {
    const { items } = await allPages(unitAdmin, 'limit=3');
    const expected = await t.db
      .selectFrom('accounts')
      .innerJoin('units', 'units.id', 'accounts.unit_id')
      .select('accounts.login')
      .where('accounts.kind', '=', 'staff')
      .where(sql<boolean>`units.path <@ (SELECT path FROM units WHERE key = 'dh-pc')`)
      .execute();
    expect(items.map((a) => a.login).sort()).toEqual(expected.map((r) => r.login!).sort());
    expect(items.map((a) => a.login)).toEqual(expect.arrayContaining(['handler', 'unitadmin']));
    for (const outsider of ['admin', 'coordinator', 'leader', 'analyst']) expect(items.map((a) => a.login)).not.toContain(outsider);
  });

  it('pages with nextCursor through every staff account, newest first, without duplicates', async () => {
    const { items, pages } = await allPages(admin, 'limit=4');
    const ids = items.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const staffCount = await t.db.selectFrom('accounts').select(sql<number>`count(*)::int`.as('n')).where('kind', '=', 'staff').executeTakeFirstOrThrow();
    expect(ids).toHaveLength(staffCount.n);
    expect(pages).toBe(Math.ceil(staffCount.n / 4));
    expect(items.some((a) => a.login === 'admin')).toBe(true);
    // Citizens are accounts too, but never staff accounts.
    expect(items.some((a) => a.login === '' || a.unit === null)).toBe(false);
  });

  it('filters by unit and by a search on login or display name', async () => {
    const byUnit = await allPages(admin, `unit=${unit['dh-mzj']}`);
    expect(byUnit.items.length).toBeGreaterThan(0);
    expect(byUnit.items.every((a) => a.unit.id === unit['dh-mzj'])).toBe(true);

    const found = await allPages(admin, `q=${encodeURIComponent('东湖区委办公室')}`);
    expect(found.items.map((a) => a.login)).toEqual(['unitadmin']);
    // LIKE wildcards in the search are taken literally.
    expect((await allPages(admin, 'q=%25')).items).toEqual([]);
  });

  it('refuses coordinators, who have no account.read: 403', async () => {
    const session = await loginFrom(t.app, uniqueIp(), 'coordinator');
    const res = await as(t.app, session, { method: 'GET', url: '/api/v1/accounts' });
    expect(res.statusCode).toBe(403);
  });
});

const HEADER = 'login,password,displayName,unitId,roles,mobile';

function csvOf(rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

describe('CSV import', () => {
  it('imports 200 valid rows: 201 { created: 200 }, every row stored, the accounts can log in, one audit row with the count', async () => {
    const prefix = uniqueLogin('imp');
    const mobiles = new Map<number, string>();
    const rows = Array.from({ length: 200 }, (_, i) => {
      const unitId = i % 2 === 0 ? unit['dh-mzj'] : unit['nc-mzj'];
      const roles = i % 3 === 0 ? 'unit_handler|unit_admin' : 'unit_handler';
      const mobile = i % 10 === 0 ? uniqueMobile() : '';
      if (mobile) mobiles.set(i, mobile);
      return `${prefix}-${i},Import-Pass-${i},导入人员${i},${unitId},${roles},${mobile}`;
    });
    const accountsBefore = await countRows(t.db, 'accounts');
    const res = await importCsv(admin, csvOf(rows));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ created: 200 });
    expect(await countRows(t.db, 'accounts')).toBe(accountsBefore + 200);

    const stored = await t.db.selectFrom('accounts').selectAll().where('login', 'like', `${prefix}-%`).execute();
    expect(stored).toHaveLength(200);
    const byLogin = new Map(stored.map((a) => [a.login!, a]));
    for (const i of [0, 1, 3, 10, 199]) {
      expect(byLogin.get(`${prefix}-${i}`), String(i)).toMatchObject({
        kind: 'staff',
        display_name: `导入人员${i}`,
        unit_id: String(i % 2 === 0 ? unit['dh-mzj'] : unit['nc-mzj']),
        roles: i % 3 === 0 ? ['unit_handler', 'unit_admin'] : ['unit_handler'],
        mobile: mobiles.get(i) ?? null,
      });
    }
    expect(stored.every((a) => a.password_hash.startsWith('$argon2id$'))).toBe(true);

    for (const i of [0, 199]) {
      const session = await loginFrom(t.app, uniqueIp(), `${prefix}-${i}`, `Import-Pass-${i}`);
      const me = await as(t.app, session, { method: 'GET', url: '/api/v1/auth/me' });
      expect(me.json().account).toMatchObject({ login: `${prefix}-${i}`, displayName: `导入人员${i}` });
    }

    const [audit] = await auditEntries(t.db, 'account.import');
    expect(audit).toMatchObject({ actor_id: await accountIdOf(t.db, 'admin'), target_type: 'account', target_id: null });
    const details = audit!.details as { count: number; logins: string[] };
    expect(details.count).toBe(200);
    expect(details.logins).toHaveLength(200);
  });

  it('reads quoted fields, doubled quotes, CRLF line ends and a byte-order mark', async () => {
    const login = uniqueLogin('quoted');
    const csv = `\uFEFF${HEADER}\r\n${login},"Pass,word-1","王""小明"", 东湖",${unit['dh-mzj']},unit_handler,\r\n`;
    const res = await importCsv(admin, csv);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ created: 1 });
    const row = await t.db.selectFrom('accounts').select('display_name').where('login', '=', login).executeTakeFirstOrThrow();
    expect(row.display_name).toBe('王"小明", 东湖');
    await loginFrom(t.app, uniqueIp(), login, 'Pass,word-1');
  });

  const good = (login: string) => `${login},Import-Pass-1,好人,UNIT,unit_handler,`;
  const badRows: { name: string; row: (login: string) => string; field: string }[] = [
    { name: 'a malformed mobile', row: (l) => `${l},Import-Pass-1,坏人,UNIT,unit_handler,12345`, field: 'csv[3].mobile' },
    { name: 'a login repeated in the file', row: () => 'DUP', field: 'csv[3].login' },
    { name: 'a login already taken', row: () => 'handler,Import-Pass-1,坏人,UNIT,unit_handler,', field: 'csv[3].login' },
    { name: 'a malformed login', row: () => 'a b,Import-Pass-1,坏人,UNIT,unit_handler,', field: 'csv[3].login' },
    { name: 'an unknown unit', row: (l) => `${l},Import-Pass-1,坏人,987654321,unit_handler,`, field: 'csv[3].unitId' },
    { name: 'a unit id that is no number', row: (l) => `${l},Import-Pass-1,坏人,东湖区民政局,unit_handler,`, field: 'csv[3].unitId' },
    { name: 'an unknown role', row: (l) => `${l},Import-Pass-1,坏人,UNIT,superuser,`, field: 'csv[3].roles' },
    { name: 'no role', row: (l) => `${l},Import-Pass-1,坏人,UNIT,,`, field: 'csv[3].roles' },
    { name: 'a short password', row: (l) => `${l},short,坏人,UNIT,unit_handler,`, field: 'csv[3].password' },
    { name: 'an empty display name', row: (l) => `${l},Import-Pass-1,,UNIT,unit_handler,`, field: 'csv[3].displayName' },
    { name: 'a missing column', row: (l) => `${l},Import-Pass-1,坏人,UNIT,unit_handler`, field: 'csv[3].columns' },
    { name: 'a mobile already registered', row: (l) => `${l},Import-Pass-1,坏人,UNIT,unit_handler,13907910001`, field: 'csv[3].mobile' },
  ];

  for (const bad of badRows) {
    it(`answers 422 csv_invalid naming the cell for ${bad.name}, and creates no account`, async () => {
      const logins = [uniqueLogin('ok'), uniqueLogin('bad'), uniqueLogin('ok')];
      const badRow = bad.row(logins[1]!);
      const rows = [good(logins[0]!), badRow === 'DUP' ? good(logins[0]!) : badRow, good(logins[2]!)].map((r) => r.replace('UNIT', String(unit['dh-mzj'])));
      const accountsBefore = await countRows(t.db, 'accounts');
      const importsBefore = (await auditEntries(t.db, 'account.import')).length;

      const res = await importCsv(admin, csvOf(rows));
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body).toMatchObject({ code: 'csv_invalid', title: 'CSV 文件有误，未导入任何账号', field: bad.field });
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual([bad.field]);
      expect(body.errors[0].message.length).toBeGreaterThan(0);

      expect(await countRows(t.db, 'accounts')).toBe(accountsBefore);
      expect(await loginExists(logins[0]!)).toBe(false);
      expect(await loginExists(logins[2]!)).toBe(false);
      expect(await auditEntries(t.db, 'account.import')).toHaveLength(importsBefore);
    });
  }

  it('answers 422 for a wrong header, naming line 1, and creates no account', async () => {
    const login = uniqueLogin();
    const accountsBefore = await countRows(t.db, 'accounts');
    const res = await importCsv(admin, `login,password,name,unitId,roles,mobile\n${login},Import-Pass-1,好人,${unit['dh-mzj']},unit_handler,`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'csv_invalid', errors: [{ field: 'csv[1]', code: 'header' }] });
    expect(await countRows(t.db, 'accounts')).toBe(accountsBefore);
  });

  it('answers 422 for a file with a header but no rows', async () => {
    const res = await importCsv(admin, `${HEADER}\n`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'csv_invalid', errors: [{ field: 'csv', code: 'empty' }] });
  });

  it('reports every bad cell at once, on the lines of the file despite blank lines and quoted line breaks', async () => {
    const u = unit['dh-mzj'];
    const csv = [
      HEADER,
      `${uniqueLogin()},Import-Pass-1,好人,${u},unit_handler,`,
      `${uniqueLogin()},short,坏人,${u},boss,`,
      '',
      `${uniqueLogin()},Import-Pass-1,"两行\n的名字",${u},unit_handler,`,
      `${uniqueLogin()},Import-Pass-1,坏人,${u},unit_handler,999`,
    ].join('\n');
    const accountsBefore = await countRows(t.db, 'accounts');
    const res = await importCsv(admin, csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['csv[3].password', 'csv[3].roles', 'csv[7].mobile']);
    expect(await countRows(t.db, 'accounts')).toBe(accountsBefore);
  });

  it('lets a unit admin import into its own subtree', async () => {
    const login = uniqueLogin();
    const res = await importCsv(unitAdmin, csvOf([`${login},Import-Pass-1,东湖新人,${unit['dh-gov']},unit_handler|unit_admin,`]));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ created: 1 });
    const [audit] = await auditEntries(t.db, 'account.import');
    expect(audit).toMatchObject({ actor_id: await accountIdOf(t.db, 'unitadmin') });
    expect(await loginExists(login)).toBe(true);
  });

  it('answers 422 when a unit admin imports into a unit outside its scope or grants a role it may not, and creates no account', async () => {
    const inside = uniqueLogin();
    const accountsBefore = await countRows(t.db, 'accounts');
    const res = await importCsv(
      unitAdmin,
      csvOf([
        `${inside},Import-Pass-1,东湖新人,${unit['dh-mzj']},unit_handler,`,
        `${uniqueLogin()},Import-Pass-1,南昌新人,${unit['nc-mzj']},unit_handler,`,
        `${uniqueLogin()},Import-Pass-1,东湖协调员,${unit['dh-mzj']},coordinator,`,
      ]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'csv_invalid' });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['csv[3].unitId', 'csv[4].roles']);
    expect(await countRows(t.db, 'accounts')).toBe(accountsBefore);
    expect(await loginExists(inside)).toBe(false);
  });
});
