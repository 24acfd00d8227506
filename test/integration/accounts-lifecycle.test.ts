/**
 * Issue 15, accounts over time: citizens recover their accounts by SMS (forgotten
 * password, SMS login, a new mobile number); admins edit, disable, enable and
 * reset staff accounts in their scope; a forced password change blocks the
 * rest of the API; every change is audited with before and after.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, DEMO_PASSWORD, type Session, type TestApp } from '../support/app.js';
import { auditEntries, lastSmsCode, loginFrom, makeCitizen, makeStaff, uniqueIp, uniqueMobile, unitIdByKey } from '../support/factories.js';
import { makeMessage } from '../support/messages.js';
import { actorOf } from '../support/messages.js';
import { assignMessage } from '../../src/server/modules/handling/handling.assign.js';

let t: TestApp;
let admin: Session;
let unitAdmin: Session;
const unit: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginFrom(t.app, uniqueIp(), 'admin');
  unitAdmin = await loginFrom(t.app, uniqueIp(), 'unitadmin');
  for (const key of ['dh-mzj', 'nc-mzj', 'dh-dyjd']) unit[key] = await unitIdByKey(t.db, key);
});
afterAll(async () => t.close());

const post = (url: string, payload: unknown, ip = uniqueIp()) => t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, remoteAddress: ip });

async function sendCode(mobile: string, purpose: string, ip = uniqueIp()) {
  const res = await post('/api/v1/auth/sms-codes', { mobile, purpose }, ip);
  expect(res.statusCode, res.body).toBe(202);
  return lastSmsCode(t.db, mobile);
}

async function passwordHash(id: string) {
  return (await t.db.selectFrom('accounts').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;
}

async function sessionCount(id: string) {
  return (await t.db.selectFrom('sessions').select(sql<number>`count(*)::int`.as('n')).where('account_id', '=', id).executeTakeFirstOrThrow()).n;
}

describe('forgotten password (citizens)', () => {
  it('resets with the SMS code: 204, the new password logs in, the old does not, other sessions end, audited', async () => {
    const c = await makeCitizen(t.db);
    const old = await loginFrom(t.app, uniqueIp(), c.mobile!, c.password);
    const code = await sendCode(c.mobile!, 'reset_password');
    const res = await post('/api/v1/auth/password-reset', { mobile: c.mobile, code, password: 'New-Pass-2026' });
    expect(res.statusCode, res.body).toBe(204);
    expect((await as(t.app, old, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { login: c.mobile, password: c.password })).statusCode).toBe(401);
    await loginFrom(t.app, uniqueIp(), c.mobile!, 'New-Pass-2026');
    const [entry] = await auditEntries(t.db, 'auth.password_reset');
    expect(entry).toMatchObject({ target_id: c.id, actor_id: c.id });
  });

  it('refuses a reused code: 422 naming code, the password stays', async () => {
    const c = await makeCitizen(t.db);
    const code = await sendCode(c.mobile!, 'reset_password');
    expect((await post('/api/v1/auth/password-reset', { mobile: c.mobile, code, password: 'New-Pass-2026' })).statusCode).toBe(204);
    const hash = await passwordHash(c.id);
    const again = await post('/api/v1/auth/password-reset', { mobile: c.mobile, code, password: 'Other-Pass-2026' });
    expect(again.statusCode).toBe(422);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ code: 'sms_code_invalid', field: 'code' });
    expect(await passwordHash(c.id)).toBe(hash);
  });

  it('refuses an expired code: 422, nothing changed', async () => {
    const c = await makeCitizen(t.db);
    const code = await sendCode(c.mobile!, 'reset_password');
    await t.db.updateTable('sms_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('mobile', '=', c.mobile!).execute();
    const hash = await passwordHash(c.id);
    const res = await post('/api/v1/auth/password-reset', { mobile: c.mobile, code, password: 'New-Pass-2026' });
    expect(res.statusCode).toBe(422);
    expect(res.json().field).toBe('code');
    expect(await passwordHash(c.id)).toBe(hash);
  });

  it('does not accept a registration code for a reset (codes are bound to their purpose)', async () => {
    const c = await makeCitizen(t.db);
    await t.db.insertInto('sms_codes').values({ mobile: c.mobile!, purpose: 'register', code_hash: 'x', expires_at: new Date(Date.now() + 60_000) }).execute();
    const code = await sendCode(c.mobile!, 'login');
    expect((await post('/api/v1/auth/password-reset', { mobile: c.mobile, code, password: 'New-Pass-2026' })).statusCode).toBe(422);
  });

  it('answers 422 mobile_not_registered for a reset code to an unknown number, and sends nothing', async () => {
    const mobile = uniqueMobile();
    const res = await post('/api/v1/auth/sms-codes', { mobile, purpose: 'reset_password' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'mobile_not_registered', field: 'mobile' });
    expect(await t.db.selectFrom('sms_outbox').select('id').where('mobile', '=', mobile).execute()).toHaveLength(0);
  });

  it('rate-limits reset codes: one a minute per number (429)', async () => {
    const c = await makeCitizen(t.db);
    await sendCode(c.mobile!, 'reset_password');
    expect((await post('/api/v1/auth/sms-codes', { mobile: c.mobile, purpose: 'reset_password' })).statusCode).toBe(429);
  });

  it('answers 400 naming the fields of a malformed reset', async () => {
    const res = await post('/api/v1/auth/password-reset', { mobile: '123', code: 'abc', password: 'x' });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['mobile', 'code', 'password']));
  });
});

describe('SMS login', () => {
  it('logs in with a login code: 200, a session that works', async () => {
    const c = await makeCitizen(t.db);
    const code = await sendCode(c.mobile!, 'login');
    const res = await post('/api/v1/auth/login/sms', { mobile: c.mobile, code });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().account).toMatchObject({ kind: 'citizen', mustChangePassword: false });
    const cookie = res.cookies.find((k) => k.name === 'ms_sid')!;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `ms_sid=${cookie.value}` } })).statusCode).toBe(200);
  });

  it('refuses a wrong code with 422 naming code, counts it and audits auth.login_failed', async () => {
    const c = await makeCitizen(t.db);
    await sendCode(c.mobile!, 'login');
    const res = await post('/api/v1/auth/login/sms', { mobile: c.mobile, code: '000000' === (await lastSmsCode(t.db, c.mobile!)) ? '111111' : '000000' });
    expect(res.statusCode).toBe(422);
    expect(res.json().field).toBe('code');
    const [entry] = await auditEntries(t.db, 'auth.login_failed');
    expect(entry).toMatchObject({ target_id: c.id, details: { method: 'sms' } });
  });

  it('refuses a disabled account with 403 even with the right code', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']!, mobile: uniqueMobile() });
    await t.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', s.id).execute();
    const code = await sendCode(s.mobile!, 'login');
    expect((await post('/api/v1/auth/login/sms', { mobile: s.mobile, code })).statusCode).toBe(403);
  });
});

describe('lockout', () => {
  it('locks after 5 wrong passwords for 15 minutes (423), audited as auth.lockout', async () => {
    const c = await makeCitizen(t.db);
    for (let i = 0; i < 5; i++) expect((await post('/api/v1/auth/login', { login: c.mobile, password: 'wrong-password' })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { login: c.mobile, password: c.password })).statusCode).toBe(423);
    const [entry] = await auditEntries(t.db, 'auth.lockout');
    expect(entry).toMatchObject({ target_id: c.id, details: { failures: 5, minutes: 15 } });
  });
});

describe('changing the mobile number', () => {
  async function codesFor(session: Session, mobile: string, ip = uniqueIp()) {
    const res = await as(t.app, session, { method: 'POST', url: '/api/v1/me/mobile/sms-codes', payload: { mobile }, remoteAddress: ip });
    expect(res.statusCode, res.body).toBe(202);
  }

  it('moves to the new number once both codes are right; the new number logs in, audited with masked before/after', async () => {
    const c = await makeCitizen(t.db);
    const s = await loginFrom(t.app, uniqueIp(), c.mobile!, c.password);
    const next = uniqueMobile();
    await codesFor(s, next);
    const oldCode = await lastSmsCode(t.db, c.mobile!);
    const newCode = await lastSmsCode(t.db, next);
    const res = await as(t.app, s, { method: 'PUT', url: '/api/v1/me/mobile', payload: { mobile: next, oldCode, newCode } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().account.mobileMasked).toBe(`${next.slice(0, 3)}****${next.slice(7)}`);
    await loginFrom(t.app, uniqueIp(), next, c.password);
    const [entry] = await auditEntries(t.db, 'account.mobile_change');
    expect((entry!.details as { changes: { mobile: { from: string; to: string } } }).changes.mobile.to).toContain('****');
  });

  it('refuses a wrong old code: 422 naming oldCode, the number stays', async () => {
    const c = await makeCitizen(t.db);
    const s = await loginFrom(t.app, uniqueIp(), c.mobile!, c.password);
    const next = uniqueMobile();
    await codesFor(s, next);
    const oldCode = await lastSmsCode(t.db, c.mobile!);
    const res = await as(t.app, s, { method: 'PUT', url: '/api/v1/me/mobile', payload: { mobile: next, oldCode: oldCode === '123456' ? '654321' : '123456', newCode: await lastSmsCode(t.db, next) } });
    expect(res.statusCode).toBe(422);
    expect(res.json().field).toBe('oldCode');
    expect((await t.db.selectFrom('accounts').select('mobile').where('id', '=', c.id).executeTakeFirstOrThrow()).mobile).toBe(c.mobile);
  });

  it('refuses a number already registered: 409 naming mobile, no code sent', async () => {
    const c = await makeCitizen(t.db);
    const other = await makeCitizen(t.db);
    const s = await loginFrom(t.app, uniqueIp(), c.mobile!, c.password);
    const res = await as(t.app, s, { method: 'POST', url: '/api/v1/me/mobile/sms-codes', payload: { mobile: other.mobile } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'mobile_taken', field: 'mobile' });
  });

  it('does not let another account use a code sent for this one', async () => {
    const a = await makeCitizen(t.db);
    const b = await makeCitizen(t.db);
    const sa = await loginFrom(t.app, uniqueIp(), a.mobile!, a.password);
    const sb = await loginFrom(t.app, uniqueIp(), b.mobile!, b.password);
    const next = uniqueMobile();
    await codesFor(sa, next);
    const res = await as(t.app, sb, { method: 'PUT', url: '/api/v1/me/mobile', payload: { mobile: next, oldCode: '000000', newCode: await lastSmsCode(t.db, next) } });
    expect(res.statusCode).toBe(422);
  });
});

describe('own password', () => {
  it('changes with the current password: 204, other sessions end, this one stays', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const here = await loginFrom(t.app, uniqueIp(), s.login!);
    const there = await loginFrom(t.app, uniqueIp(), s.login!);
    const res = await as(t.app, here, { method: 'PUT', url: '/api/v1/me/password', payload: { currentPassword: DEMO_PASSWORD, password: 'Changed-Pass-1' } });
    expect(res.statusCode, res.body).toBe(204);
    expect((await as(t.app, here, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await as(t.app, there, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    await loginFrom(t.app, uniqueIp(), s.login!, 'Changed-Pass-1');
  });

  it('refuses a wrong current password: 422 naming currentPassword, nothing changed', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const here = await loginFrom(t.app, uniqueIp(), s.login!);
    const hash = await passwordHash(s.id);
    const res = await as(t.app, here, { method: 'PUT', url: '/api/v1/me/password', payload: { currentPassword: 'not-it', password: 'Changed-Pass-1' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'wrong_password', field: 'currentPassword' });
    expect(await passwordHash(s.id)).toBe(hash);
  });

  it('updates own contact e-mail (staff)', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const here = await loginFrom(t.app, uniqueIp(), s.login!);
    const res = await as(t.app, here, { method: 'PATCH', url: '/api/v1/me', payload: { email: 'me@example.gov.cn' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().account.email).toBe('me@example.gov.cn');
  });
});

describe('first password of a new staff account', () => {
  it('a created account must change its password: login says so, other API use is 403 password_change_required until changed', async () => {
    const login = `first-${Date.now().toString(36)}`;
    const created = await as(t.app, admin, { method: 'POST', url: '/api/v1/accounts', payload: { login, password: 'First-Pass-1', displayName: '新人', unitId: Number(unit['dh-mzj']), roles: ['unit_handler'] } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().mustChangePassword).toBe(true);
    const res = await post('/api/v1/auth/login', { login, password: 'First-Pass-1' });
    expect(res.json().account.mustChangePassword).toBe(true);
    const s = await loginFrom(t.app, uniqueIp(), login, 'First-Pass-1');
    const blocked = await as(t.app, s, { method: 'GET', url: '/api/v1/handling/inbox' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    expect((await as(t.app, s, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await as(t.app, s, { method: 'PUT', url: '/api/v1/me/password', payload: { currentPassword: 'First-Pass-1', password: 'Own-Pass-2026' } })).statusCode).toBe(204);
    expect((await as(t.app, s, { method: 'GET', url: '/api/v1/auth/me' })).json().account.mustChangePassword).toBe(false);
    expect((await as(t.app, s, { method: 'GET', url: '/api/v1/notifications' })).statusCode).not.toBe(403);
  });

  it('an imported account must change its password too', async () => {
    const login = `imp-${Date.now().toString(36)}`;
    const res = await as(t.app, admin, { method: 'POST', url: '/api/v1/accounts/import', payload: { csv: `login,password,displayName,unitId,roles,mobile\n${login},Password-123,导入,${unit['dh-mzj']},unit_handler,\n` } });
    expect(res.statusCode).toBe(201);
    expect((await t.db.selectFrom('accounts').select('must_change_password').where('login', '=', login).executeTakeFirstOrThrow()).must_change_password).toBe(true);
  });
});

describe('admins manage staff accounts', () => {
  it('lists with filters by unit, role, status and search, and a total', async () => {
    const name = `筛选${Date.now()}`;
    const a = await makeStaff(t.db, { unitId: unit['dh-mzj']!, displayName: name, roles: ['unit_admin'] });
    await makeStaff(t.db, { unitId: unit['dh-mzj']!, displayName: name });
    await t.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', a.id).execute();
    const all = (await as(t.app, admin, { method: 'GET', url: `/api/v1/accounts?q=${encodeURIComponent(name)}` })).json();
    expect(all.total).toBe(2);
    const disabled = (await as(t.app, admin, { method: 'GET', url: `/api/v1/accounts?q=${encodeURIComponent(name)}&status=disabled` })).json();
    expect(disabled.items.map((i: { id: number }) => String(i.id))).toEqual([a.id]);
    const admins = (await as(t.app, admin, { method: 'GET', url: `/api/v1/accounts?q=${encodeURIComponent(name)}&role=unit_admin&unit=${unit['dh-mzj']}` })).json();
    expect(admins.total).toBe(1);
    const paged = (await as(t.app, admin, { method: 'GET', url: `/api/v1/accounts?q=${encodeURIComponent(name)}&limit=1` })).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(2);
    expect(paged.nextCursor).not.toBeNull();
  });

  it('a unit admin edits name, unit, roles, e-mail and phone of an account in its subtree; audited with before/after', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const mobile = uniqueMobile();
    const res = await as(t.app, unitAdmin, { method: 'PATCH', url: `/api/v1/accounts/${s.id}`, payload: { displayName: '改名后', unitId: Number(unit['dh-dyjd']), roles: ['unit_handler', 'unit_admin'], email: 'x@example.gov.cn', mobile } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '改名后', unit: { id: Number(unit['dh-dyjd']) }, roles: ['unit_handler', 'unit_admin'], email: 'x@example.gov.cn' });
    const [entry] = await auditEntries(t.db, 'account.roles_change');
    const changes = (entry!.details as { changes: Record<string, { from: unknown; to: unknown }> }).changes;
    expect(changes.displayName).toEqual({ from: expect.any(String), to: '改名后' });
    expect(changes.roles).toEqual({ from: ['unit_handler'], to: ['unit_handler', 'unit_admin'] });
    expect(changes.unit!.to).toMatchObject({ id: Number(unit['dh-dyjd']) });
  });

  it('a unit admin may not grant a role outside its scope: 403 naming roles, nothing changed', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const res = await as(t.app, unitAdmin, { method: 'PATCH', url: `/api/v1/accounts/${s.id}`, payload: { roles: ['coordinator'], displayName: '不应保存' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'role_not_grantable', field: 'roles' });
    expect((await t.db.selectFrom('accounts').select(['roles', 'display_name']).where('id', '=', s.id).executeTakeFirstOrThrow()).roles).toEqual(['unit_handler']);
  });

  it('a unit admin may not move an account outside its subtree: 422 naming unitId', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const res = await as(t.app, unitAdmin, { method: 'PATCH', url: `/api/v1/accounts/${s.id}`, payload: { unitId: Number(unit['nc-mzj']) } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unit_not_found', field: 'unitId' });
  });

  it('a unit admin gets 404 for an account outside its subtree', async () => {
    const s = await makeStaff(t.db, { unitId: unit['nc-mzj']! });
    expect((await as(t.app, unitAdmin, { method: 'POST', url: `/api/v1/accounts/${s.id}/disable` })).statusCode).toBe(404);
    expect((await as(t.app, unitAdmin, { method: 'PATCH', url: `/api/v1/accounts/${s.id}`, payload: { displayName: 'x' } })).statusCode).toBe(404);
  });

  it('refuses a mobile already registered: 409 naming mobile', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const c = await makeCitizen(t.db);
    const res = await as(t.app, admin, { method: 'PATCH', url: `/api/v1/accounts/${s.id}`, payload: { mobile: c.mobile } });
    expect(res.statusCode).toBe(409);
    expect(res.json().field).toBe('mobile');
  });

  it('answers 400 for an empty edit or a bad e-mail', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    expect((await as(t.app, admin, { method: 'PATCH', url: `/api/v1/accounts/${s.id}`, payload: {} })).statusCode).toBe(400);
    const bad = await as(t.app, admin, { method: 'PATCH', url: `/api/v1/accounts/${s.id}`, payload: { email: 'not-an-email' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('email');
  });

  it('disables: sessions end at once, login is refused, open work stays with the unit; enables again; both audited', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const session = await loginFrom(t.app, uniqueIp(), s.login!);
    const messageId = await makeMessage(t.db, { author: '13907910001', state: 'accepted' });
    await assignMessage(t.db, await actorOf(t.db, 'admin'), messageId, { leadUnitId: Number(unit['dh-mzj']), coUnitIds: [], handlingClass: 'timely' });
    const res = await as(t.app, unitAdmin, { method: 'POST', url: `/api/v1/accounts/${s.id}/disable` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect(await sessionCount(s.id)).toBe(0);
    expect((await as(t.app, session, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { login: s.login, password: s.password })).statusCode).toBe(403);
    const assignment = await t.db.selectFrom('assignments').select(['unit_id']).where('message_id', '=', messageId).executeTakeFirstOrThrow();
    expect(assignment.unit_id).toBe(unit['dh-mzj']);
    const [entry] = await auditEntries(t.db, 'account.disable');
    expect(entry).toMatchObject({ target_id: s.id, details: { changes: { status: { from: 'active', to: 'disabled' } } } });
    expect((await as(t.app, unitAdmin, { method: 'POST', url: `/api/v1/accounts/${s.id}/enable` })).json().status).toBe('active');
    await loginFrom(t.app, uniqueIp(), s.login!);
    expect((await auditEntries(t.db, 'account.enable'))[0]).toMatchObject({ target_id: s.id });
  });

  it('an admin may not disable themselves: 422 naming id', async () => {
    const me = (await as(t.app, unitAdmin, { method: 'GET', url: '/api/v1/auth/me' })).json().account.id;
    const res = await as(t.app, unitAdmin, { method: 'POST', url: `/api/v1/accounts/${me}/disable` });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'cannot_disable_self', field: 'id' });
  });

  it('a unit admin may not disable an account holding a role beyond its scope: 403', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']!, roles: ['coordinator'] });
    expect((await as(t.app, unitAdmin, { method: 'POST', url: `/api/v1/accounts/${s.id}/disable` })).statusCode).toBe(403);
    expect((await t.db.selectFrom('accounts').select('status').where('id', '=', s.id).executeTakeFirstOrThrow()).status).toBe('active');
  });

  it('resets a password by SMS: a one-time code logs in once, the new password must be set, sessions end; audited', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']!, mobile: uniqueMobile() });
    const before = await loginFrom(t.app, uniqueIp(), s.login!);
    const res = await as(t.app, unitAdmin, { method: 'POST', url: `/api/v1/accounts/${s.id}/password-reset`, payload: { channel: 'sms' } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().sentTo).toContain('****');
    expect((await as(t.app, before, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const body = (await t.db.selectFrom('sms_outbox').select('body').where('mobile', '=', s.mobile!).orderBy('id', 'desc').executeTakeFirstOrThrow()).body;
    const code = /登录码：([A-Za-z0-9]{12})/.exec(body)![1]!;
    const login = await post('/api/v1/auth/login', { login: s.login, password: code });
    expect(login.statusCode).toBe(200);
    expect(login.json().account.mustChangePassword).toBe(true);
    const [entry] = await auditEntries(t.db, 'account.password_reset');
    expect(entry).toMatchObject({ target_id: s.id, details: { channel: 'sms' } });
    expect(JSON.stringify(entry!.details)).not.toContain(code);
  });

  it('resets by e-mail through the outbox; 422 naming channel when the account has no such contact', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const none = await as(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${s.id}/password-reset`, payload: { channel: 'email' } });
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'reset_channel_unavailable', field: 'channel' });
    expect(await passwordHash(s.id)).toBeTruthy();
    await t.db.updateTable('accounts').set({ email: `r${s.id}@example.gov.cn` }).where('id', '=', s.id).execute();
    const ok = await as(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${s.id}/password-reset`, payload: { channel: 'email' } });
    expect(ok.statusCode).toBe(202);
    const row = await t.db.selectFrom('outbox').select(['recipient', 'body']).where('recipient', '=', `r${s.id}@example.gov.cn`).executeTakeFirstOrThrow();
    expect(row.body).toContain('一次性登录码');
  });

  it('refuses handlers, citizens and anonymous callers', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const handler = await loginFrom(t.app, uniqueIp(), 'handler');
    expect((await as(t.app, handler, { method: 'POST', url: `/api/v1/accounts/${s.id}/disable` })).statusCode).toBe(403);
    expect((await as(t.app, null, { method: 'POST', url: `/api/v1/accounts/${s.id}/disable` })).statusCode).toBe(401);
  });
});
