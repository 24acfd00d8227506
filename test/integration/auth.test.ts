/**
 * Registration by SMS code, login, lockout, sessions and CSRF, and the own
 * profile — through the API, checked against what the database holds.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createDatabase } from '../../src/server/db/database.js';
import { as, buildTestApp, DEMO_PASSWORD, type TestApp } from '../support/app.js';
import {
  accountIdOf,
  auditEntries,
  countRows,
  lastSmsCode,
  loginFrom,
  makeCitizen,
  makeStaff,
  registerCitizen,
  sessionOf,
  uniqueIp,
  uniqueMobile,
  unitIdByKey,
  awayFromWindowEdge,
} from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

function requestCode(mobile: string, ip = uniqueIp()) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { mobile, purpose: 'register' }, remoteAddress: ip });
}

function register(payload: { mobile: string; code: string; password?: string; nickname?: string }, ip = uniqueIp()) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { password: 'Citizen-Pass-1', nickname: '新网友', ...payload }, remoteAddress: ip });
}

function attemptLogin(login: string, password: string, ip = uniqueIp(), headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password }, remoteAddress: ip, headers });
}

async function accountsWithMobile(mobile: string): Promise<number> {
  const rows = await t.db.selectFrom('accounts').select('id').where('mobile', '=', mobile).execute();
  return rows.length;
}

/** A code different from `code` in every digit. */
function wrong(code: string): string {
  return [...code].map((d) => String((Number(d) + 1) % 10)).join('');
}

describe('SMS codes', () => {
  it('answers 202 and writes the six-digit code to sms_outbox, storing only its hash', async () => {
    const mobile = uniqueMobile();
    const res = await requestCode(mobile);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ expiresInSeconds: 600, retryAfterSeconds: 60 });

    const outbox = await t.db.selectFrom('sms_outbox').selectAll().where('mobile', '=', mobile).execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.body).toMatch(/^【民声】您的注册验证码是\d{6}，10分钟内有效/);
    const code = await lastSmsCode(t.db, mobile);

    const stored = await t.db.selectFrom('sms_codes').selectAll().where('mobile', '=', mobile).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.purpose).toBe('register');
    expect(stored[0]!.code_hash).not.toContain(code);
    expect(stored[0]!.code_hash).toBe(createHash('sha256').update(`${mobile}:${code}`).digest('hex'));
  });

  it('delivers the code through the development transport to the server log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const app = await buildApp({ config: t.config, db: t.db, logger: { level: 'info', stream } });
    try {
      const mobile = uniqueMobile();
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { mobile, purpose: 'register' }, remoteAddress: uniqueIp() });
      expect(res.statusCode).toBe(202);
      const code = await lastSmsCode(t.db, mobile);
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'SMS (development transport)');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ mobile });
      expect(logged[0]!.sms).toContain(code);
      const row = await t.db.selectFrom('sms_outbox').select('status').where('mobile', '=', mobile).executeTakeFirstOrThrow();
      expect(row.status).toBe('logged');
    } finally {
      await app.close();
    }
  });

  it('answers 429 with a wait of about a minute when a code is requested again within 60 s, and sends nothing', async () => {
    const mobile = uniqueMobile();
    expect((await requestCode(mobile)).statusCode).toBe(202);
    const again = await requestCode(mobile);
    expect(again.statusCode).toBe(429);
    expect(again.headers['content-type']).toContain('application/problem+json');
    const body = again.json();
    expect(body).toMatchObject({ status: 429, code: 'rate_limited' });
    // The wait counts from the code just sent, not from a clock-aligned window.
    const seconds = Number(/请(\d+)秒后再试/.exec(body.title)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(55);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(await t.db.selectFrom('sms_outbox').select('id').where('mobile', '=', mobile).execute()).toHaveLength(1);
    expect(await t.db.selectFrom('sms_codes').select('id').where('mobile', '=', mobile).execute()).toHaveLength(1);
  });

  it('sends exactly one code when two requests for one mobile race', async () => {
    const mobile = uniqueMobile();
    const answers = await Promise.all([requestCode(mobile), requestCode(mobile), requestCode(mobile)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 429, 429]);
    expect(await t.db.selectFrom('sms_outbox').select('id').where('mobile', '=', mobile).execute()).toHaveLength(1);
  });

  it('sends a new code after a minute, and only the newest code registers', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const oldCode = await lastSmsCode(t.db, mobile);
    await t.db.updateTable('sms_codes').set({ created_at: new Date(Date.now() - 61_000) }).where('mobile', '=', mobile).execute();
    expect((await requestCode(mobile)).statusCode).toBe(202);
    const newCode = await lastSmsCode(t.db, mobile);
    if (newCode !== oldCode) expect((await register({ mobile, code: oldCode })).statusCode).toBe(422);
    expect((await register({ mobile, code: newCode })).statusCode).toBe(201);
  });

  it('answers 409 mobile_taken and sends nothing for a mobile that is already registered', async () => {
    const outboxBefore = await countRows(t.db, 'sms_outbox');
    const res = await requestCode('13907910001');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'mobile_taken', field: 'mobile' });
    expect(await countRows(t.db, 'sms_outbox')).toBe(outboxBefore);
  });
});

describe('registration', () => {
  it('registers with the right code: 201, session cookie, csrfToken and a masked mobile only', async () => {
    const mobile = `138${uniqueMobile().slice(3)}`;
    expect((await requestCode(mobile)).statusCode).toBe(202);
    const code = await lastSmsCode(t.db, mobile);
    const res = await register({ mobile, code, password: 'Citizen-Pass-1', nickname: ' 南昌新网友 ' });

    expect(res.statusCode).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'ms_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const body = res.json();
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(body.account).toMatchObject({ kind: 'citizen', login: null, nickname: '南昌新网友', displayName: '南昌新网友', unit: null, roles: [], permissions: [] });
    expect(body.account.mobileMasked).toBe(`138****${mobile.slice(7)}`);
    expect(res.body).not.toContain(mobile);
    expect(res.body).not.toContain(mobile.slice(3, 7));

    const session = sessionOf(res);
    const me = await as(t.app, session, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().account.id).toBe(body.account.id);
    expect(me.json().csrfToken).toBe(body.csrfToken);
    expect(me.body).not.toContain(mobile);

    const account = await t.db.selectFrom('accounts').selectAll().where('mobile', '=', mobile).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ kind: 'citizen', nickname: '南昌新网友', login: null, unit_id: null });
    const consumed = await t.db.selectFrom('sms_codes').select('consumed_at').where('mobile', '=', mobile).executeTakeFirstOrThrow();
    expect(consumed.consumed_at).not.toBeNull();
    const audit = await auditEntries(t.db, 'account.register');
    expect(audit.find((a) => a.target_id === account.id)).toMatchObject({ actor_id: account.id, target_type: 'account' });
  });

  it('stores the password as an argon2id hash, never in clear', async () => {
    const { mobile, password } = await registerCitizen(t.app, t.db, { password: 'My-Secret-Pass-9' });
    const row = await t.db.selectFrom('accounts').select('password_hash').where('mobile', '=', mobile).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(row.password_hash).not.toContain(password);
  });

  it('answers 422 sms_code_invalid for a wrong code, counts the attempt and creates nothing', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const code = await lastSmsCode(t.db, mobile);
    const res = await register({ mobile, code: wrong(code) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'sms_code_invalid', field: 'code', title: '验证码错误或已过期' });
    expect(res.cookies.find((c) => c.name === 'ms_sid')).toBeUndefined();
    const row = await t.db.selectFrom('sms_codes').select(['attempts', 'consumed_at']).where('mobile', '=', mobile).executeTakeFirstOrThrow();
    expect(row).toEqual({ attempts: 1, consumed_at: null });
    expect(await accountsWithMobile(mobile)).toBe(0);
  });

  it('refuses even the right code after 5 wrong attempts', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const code = await lastSmsCode(t.db, mobile);
    for (let i = 0; i < 5; i++) expect((await register({ mobile, code: wrong(code) })).statusCode).toBe(422);
    const res = await register({ mobile, code });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('sms_code_invalid');
    expect(await accountsWithMobile(mobile)).toBe(0);
    const row = await t.db.selectFrom('sms_codes').select('attempts').where('mobile', '=', mobile).executeTakeFirstOrThrow();
    expect(row.attempts).toBeGreaterThanOrEqual(5);
  });

  it('answers 422 when no code was ever sent to the mobile', async () => {
    const mobile = uniqueMobile();
    const res = await register({ mobile, code: '123456' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('sms_code_invalid');
    expect(await accountsWithMobile(mobile)).toBe(0);
  });

  it('answers 409 mobile_taken when the mobile was registered after its code was sent', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const code = await lastSmsCode(t.db, mobile);
    await makeCitizen(t.db, { mobile });
    const res = await register({ mobile, code });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'mobile_taken', field: 'mobile' });
    expect(await accountsWithMobile(mobile)).toBe(1);
  });

  it('refuses a nickname containing a phone number at registration, before the code is spent', async () => {
    const mobile = uniqueMobile();
    await requestCode(mobile);
    const code = await lastSmsCode(t.db, mobile);
    const res = await register({ mobile, code, nickname: '老郑13907910001' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'nickname', errors: [{ field: 'nickname', code: 'personal_data' }] });
    expect(await accountsWithMobile(mobile)).toBe(0);
    // The code is still good for a corrected nickname.
    expect((await register({ mobile, code, nickname: '老郑' })).statusCode).toBe(201);
  });
});

describe('login', () => {
  it('logs a citizen in with the mobile number and stores only a hash of the session token', async () => {
    const res = await attemptLogin('13907910001', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.account).toMatchObject({ kind: 'citizen', login: null, mobileMasked: '139****0001', nickname: '南昌老郑', unit: null, roles: [], permissions: [] });
    expect(res.body).not.toContain('13907910001');

    const token = res.cookies.find((c) => c.name === 'ms_sid')!.value;
    const sessions = await t.db.selectFrom('sessions').selectAll().where('account_id', '=', await accountIdOf(t.db, '13907910001')).execute();
    expect(sessions.map((s) => s.id)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(sessions.map((s) => s.id)).not.toContain(token);
    expect(sessions.find((s) => s.csrf_token === body.csrfToken)).toBeDefined();
  });

  it('logs staff in with the login name, with their unit, roles and permissions', async () => {
    const res = await attemptLogin('handler', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().account).toMatchObject({
      kind: 'staff',
      login: 'handler',
      mobileMasked: null,
      displayName: '东湖区民政局办理员',
      unit: { id: Number(await unitIdByKey(t.db, 'dh-mzj')), name: '东湖区民政局', regionCode: '360102' },
      roles: ['unit_handler'],
      permissions: ['console.enter', 'unit.read', 'message.read_internal', 'message.reply', 'assignment.handle'],
    });
  });

  it('treats staff login names case-insensitively', async () => {
    const res = await attemptLogin('HANDLER', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().account.login).toBe('handler');
  });

  it('ignores X-Forwarded-For by default, so a forged header cannot dodge the per-address login limit', async () => {
    await awayFromWindowEdge(300); // login:ip counts 30 per 5-minute window
    const ip = uniqueIp();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await attemptLogin(`nobody${i}`, 'wrong-password', ip, { 'x-forwarded-for': `10.9.${i}.1` });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it('answers 401 with a Chinese title for a wrong password, and the same for an unknown login', async () => {
    const wrongPassword = await attemptLogin('handler', 'not-the-password');
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.json()).toMatchObject({ status: 401, code: 'invalid_credentials', title: '账号或密码错误', field: 'password' });
    expect(wrongPassword.cookies.find((c) => c.name === 'ms_sid')).toBeUndefined();

    const unknown = await attemptLogin('nobody-here', 'not-the-password');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ code: 'invalid_credentials', title: '账号或密码错误' });
  });

  it('answers the 401 title in English with Accept-Language: en and in Traditional Chinese with zh-TW', async () => {
    const en = await attemptLogin('handler', 'not-the-password', uniqueIp(), { 'accept-language': 'en' });
    expect(en.statusCode).toBe(401);
    expect(en.json().title).toBe('Wrong account or password');
    const tw = await attemptLogin('handler', 'not-the-password', uniqueIp(), { 'accept-language': 'zh-TW,zh;q=0.8' });
    expect(tw.json().title).toBe('帳號或密碼錯誤');
  });

  it('locks the account after 5 failures: 423 even with the right password, audited per failure', async () => {
    const staff = await makeStaff(t.db, { unitId: await unitIdByKey(t.db, 'dh-mzj') });
    for (let i = 1; i <= 5; i++) {
      const res = await attemptLogin(staff.login!, `wrong-password-${i}`);
      expect(res.statusCode, `failure ${i}`).toBe(401);
    }
    const locked = await attemptLogin(staff.login!, staff.password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ status: 423, code: 'account_locked', title: '登录失败次数过多，账号已临时锁定，请15分钟后再试' });
    expect(locked.cookies.find((c) => c.name === 'ms_sid')).toBeUndefined();

    const en = await attemptLogin(staff.login!, staff.password, uniqueIp(), { 'accept-language': 'en' });
    expect(en.json().title).toBe('Too many failed logins; the account is locked, try again in 15 minutes');

    const row = await t.db.selectFrom('accounts').select('locked_until').where('id', '=', staff.id).executeTakeFirstOrThrow();
    const minutesLeft = (new Date(row.locked_until!).getTime() - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(14);
    expect(minutesLeft).toBeLessThanOrEqual(15);
    expect(await t.db.selectFrom('sessions').select('id').where('account_id', '=', staff.id).execute()).toHaveLength(0);
    const failures = (await auditEntries(t.db, 'auth.login_failed')).filter((a) => a.target_id === staff.id);
    expect(failures).toHaveLength(5);
    expect(failures.every((a) => a.actor_id === null && a.target_type === 'account')).toBe(true);
  });

  it('starts counting failures afresh after a successful login', async () => {
    const staff = await makeStaff(t.db, { unitId: await unitIdByKey(t.db, 'dh-mzj') });
    for (let i = 0; i < 4; i++) expect((await attemptLogin(staff.login!, 'wrong-password')).statusCode).toBe(401);
    expect((await attemptLogin(staff.login!, staff.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attemptLogin(staff.login!, 'wrong-password')).statusCode).toBe(401);
    expect((await attemptLogin(staff.login!, staff.password)).statusCode).toBe(200);
  });

  it('answers 403 account_disabled for a disabled account with the right password', async () => {
    const staff = await makeStaff(t.db, { unitId: await unitIdByKey(t.db, 'dh-mzj') });
    await t.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', staff.id).execute();
    const res = await attemptLogin(staff.login!, staff.password);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('account_disabled');
    expect(await t.db.selectFrom('sessions').select('id').where('account_id', '=', staff.id).execute()).toHaveLength(0);
  });
});

describe('sessions', () => {
  it('logout deletes the session: /auth/me answers 401 afterwards and the cookie is cleared', async () => {
    const session = await loginFrom(t.app, uniqueIp(), 'handler');
    expect((await as(t.app, session, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const sessionsBefore = await countRows(t.db, 'sessions');

    const out = await as(t.app, session, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'ms_sid');
    expect(cleared?.value).toBe('');
    expect(await countRows(t.db, 'sessions')).toBe(sessionsBefore - 1);

    const me = await as(t.app, session, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ code: 'unauthenticated', title: '请先登录' });
  });

  it('logging out ends only that session, not the account’s other sessions', async () => {
    const first = await loginFrom(t.app, uniqueIp(), 'analyst');
    const second = await loginFrom(t.app, uniqueIp(), 'analyst');
    expect((await as(t.app, first, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await as(t.app, first, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await as(t.app, second, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });

  it('refuses a state-changing request with the session cookie but no X-CSRF-Token: 403 csrf_failed, nothing changed', async () => {
    const session = await loginFrom(t.app, uniqueIp(), '15037420002');
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { nickname: '被篡改' }, headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_failed', title: '安全校验失败，请刷新页面后重试' });
    const row = await t.db.selectFrom('accounts').select('nickname').where('mobile', '=', '15037420002').executeTakeFirstOrThrow();
    expect(row.nickname).toBe('许昌暖冬');

    const sessionsBefore = await countRows(t.db, 'sessions');
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: session.cookie } });
    expect(logout.statusCode).toBe(403);
    expect(await countRows(t.db, 'sessions')).toBe(sessionsBefore);
  });

  it('refuses a wrong X-CSRF-Token, including another session’s token: 403, nothing created', async () => {
    const admin = await loginFrom(t.app, uniqueIp(), 'admin');
    const other = await loginFrom(t.app, uniqueIp(), 'admin');
    const accountsBefore = await countRows(t.db, 'accounts');
    const payload = { login: 'csrf-victim', password: 'Password-123', displayName: '不该出现', unitId: Number(await unitIdByKey(t.db, 'dh-mzj')), roles: ['unit_handler'] };
    for (const token of ['forged-token', other.csrfToken, `${admin.csrfToken}x`]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', payload, headers: { cookie: admin.cookie, 'x-csrf-token': token } });
      expect(res.statusCode, token).toBe(403);
      expect(res.json().code).toBe('csrf_failed');
    }
    expect(await countRows(t.db, 'accounts')).toBe(accountsBefore);
    // The same request with the right token goes through, so the refusals were the token's doing.
    expect((await as(t.app, admin, { method: 'POST', url: '/api/v1/accounts', payload })).statusCode).toBe(201);
  });

  it('reads need no CSRF token', async () => {
    const session = await loginFrom(t.app, uniqueIp(), 'handler');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(200);
  });

  it('keeps sessions in the database: a second app on the same database accepts the first app’s cookie', async () => {
    const session = await loginFrom(t.app, uniqueIp(), 'coordinator');
    const db2 = createDatabase(t.url, 2);
    const app2 = await buildApp({ config: t.config, db: db2, logger: false });
    try {
      const me = await as(app2, session, { method: 'GET', url: '/api/v1/auth/me' });
      expect(me.statusCode).toBe(200);
      expect(me.json().account.login).toBe('coordinator');
      expect(me.json().csrfToken).toBe(session.csrfToken);
      // Logging out through the second app ends the session for the first one too.
      expect((await as(app2, session, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
      expect((await as(t.app, session, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    } finally {
      await app2.close();
      await db2.destroy();
    }
  });

  it('treats an expired session as no session', async () => {
    const session = await loginFrom(t.app, uniqueIp(), 'leader');
    const id = createHash('sha256').update(session.cookie.replace('ms_sid=', '')).digest('hex');
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    const me = await as(t.app, session, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(401);
  });

  it('ends the sessions of an account once it is disabled', async () => {
    const staff = await makeStaff(t.db, { unitId: await unitIdByKey(t.db, 'dh-mzj') });
    const session = await loginFrom(t.app, uniqueIp(), staff.login!, staff.password);
    await t.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', staff.id).execute();
    expect((await as(t.app, session, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });
});

describe('own profile', () => {
  it('changes the nickname, trimmed, and /auth/me shows it', async () => {
    const { session, mobile } = await registerCitizen(t.app, t.db);
    const res = await as(t.app, session, { method: 'PATCH', url: '/api/v1/me', payload: { nickname: '  东湖居民 ' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().account.nickname).toBe('东湖居民');
    expect(res.body).not.toContain(mobile);
    const row = await t.db.selectFrom('accounts').select('nickname').where('mobile', '=', mobile).executeTakeFirstOrThrow();
    expect(row.nickname).toBe('东湖居民');
    expect((await as(t.app, session, { method: 'GET', url: '/api/v1/auth/me' })).json().account.nickname).toBe('东湖居民');
  });

  it('rejects an empty or blank nickname with a 400 naming the field, and keeps the old one', async () => {
    const { session, mobile } = await registerCitizen(t.app, t.db, { nickname: '原昵称' });
    for (const nickname of ['', '   ']) {
      const res = await as(t.app, session, { method: 'PATCH', url: '/api/v1/me', payload: { nickname } });
      expect(res.statusCode, JSON.stringify(nickname)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'nickname' });
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['nickname']);
    }
    const row = await t.db.selectFrom('accounts').select('nickname').where('mobile', '=', mobile).executeTakeFirstOrThrow();
    expect(row.nickname).toBe('原昵称');
  });

  it('rejects a nickname containing a phone number (7+ digits) with a 400 naming the field', async () => {
    const { session, mobile } = await registerCitizen(t.app, t.db, { nickname: '原昵称' });
    const res = await as(t.app, session, { method: 'PATCH', url: '/api/v1/me', payload: { nickname: '找我1390791000' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'nickname', errors: [{ field: 'nickname', code: 'personal_data', message: '昵称不能包含手机号等个人信息' }] });
    const row = await t.db.selectFrom('accounts').select('nickname').where('mobile', '=', mobile).executeTakeFirstOrThrow();
    expect(row.nickname).toBe('原昵称');
    // Six digits are a house number, not a phone number.
    expect((await as(t.app, session, { method: 'PATCH', url: '/api/v1/me', payload: { nickname: '小区123456号' } })).statusCode).toBe(200);
  });

  it('answers 401 to a nickname change without a session', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { nickname: '匿名' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });
});
