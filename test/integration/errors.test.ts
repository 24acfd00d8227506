/**
 * Every failure leaves as RFC 9457 problem+json, in the client's language,
 * naming the fields at fault; unexpected errors say nothing about themselves.
 */
import { Writable } from 'node:stream';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { countRows, loginFrom, uniqueIp, uniqueLogin, uniqueMobile, unitIdByKey } from '../support/factories.js';

let t: TestApp;
let admin: Session;
let handler: Session;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginFrom(t.app, uniqueIp(), 'admin');
  handler = await loginFrom(t.app, uniqueIp(), 'handler');
});
afterAll(async () => t.close());

const PROBLEM_BASE = 'https://minsheng.dev/problems/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fields(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field).sort();
}

describe('malformed requests', () => {
  it('answers malformed JSON with a 400 problem', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login": "admin", ' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json()).toMatchObject({ type: `${PROBLEM_BASE}malformed-request`, status: 400, code: 'malformed_request', title: '请求格式有误（例如 JSON 无法解析或请求体为空）' });
  });

  it('answers an empty JSON body with a 400 problem', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, code: 'malformed_request' });
  });

  it('words framework errors in the client language, not in Fastify English', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'accept-language': 'zh-TW' }, payload: '{' });
    expect(res.json()).toMatchObject({ code: 'malformed_request', title: '請求格式有誤（例如 JSON 無法解析或請求主體為空）', detail: '請求格式有誤（例如 JSON 無法解析或請求主體為空）' });
  });

  it('answers a form-encoded body with 415 problem+json', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'login=admin&password=x' });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 415 });
  });

  it('answers a body that is text or an array, not an object, with a 400 naming the body', async () => {
    const requests: InjectOptions[] = [
      { method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'login=admin' },
      { method: 'POST', url: '/api/v1/auth/login', payload: [{ login: 'admin', password: 'x' }] },
    ];
    for (const request of requests) {
      const res = await t.app.inject(request);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'body', errors: [{ field: 'body', code: 'type' }] });
      expect(res.json().detail).toBe('body: 类型不正确，应为object');
    }
  });

  it('answers a body over 1 MiB with 413 problem+json, before any work is done', async () => {
    const sessionsBefore = await countRows(t.db, 'sessions');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: 'x'.repeat(1_100_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 413 });
    expect(await countRows(t.db, 'sessions')).toBe(sessionsBefore);
  });
});

describe('validation', () => {
  it('names every field over its limit or of the wrong form, at once', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { mobile: '1390791000123', code: '12345', password: 'x'.repeat(65), nickname: '长'.repeat(21) },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'mobile', code: 'pattern', message: '格式不正确' },
        { field: 'code', code: 'pattern', message: '格式不正确' },
        { field: 'password', code: 'maxLength', message: '长度不能超过64个字符' },
        { field: 'nickname', code: 'maxLength', message: '长度不能超过20个字符' },
      ]),
    );
    expect(fields(body)).toEqual(['code', 'mobile', 'nickname', 'password']);
    expect(body.field).toBe(body.errors[0].field);
    expect(body.detail).toBe(`${body.errors[0].field}: ${body.errors[0].message}`);
  });

  it('names each missing required field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'login', code: 'required', message: '必填' },
      { field: 'password', code: 'required', message: '必填' },
    ]);
  });

  it('rejects an unknown field with a 400 naming it, and does nothing', async () => {
    const sessionsBefore = await countRows(t.db, 'sessions');
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: 'Minsheng@2026', rememberMe: true }, remoteAddress: uniqueIp() });
    expect(login.statusCode).toBe(400);
    expect(login.json()).toMatchObject({ field: 'rememberMe', errors: [{ field: 'rememberMe', code: 'additionalProperties', message: '不允许的字段' }] });
    expect(await countRows(t.db, 'sessions')).toBe(sessionsBefore);

    // A citizen cannot slip a new mobile number in with a nickname change.
    const citizen = await loginFrom(t.app, uniqueIp(), '18673500003');
    const patch = await as(t.app, citizen, { method: 'PATCH', url: '/api/v1/me', payload: { nickname: '新昵称', mobile: '13800000000' } });
    expect(patch.statusCode).toBe(400);
    expect(fields(patch.json())).toEqual(['mobile']);
    const row = await t.db.selectFrom('accounts').select(['nickname', 'mobile']).where('mobile', '=', '18673500003').executeTakeFirstOrThrow();
    expect(row).toEqual({ nickname: '郴州网友', mobile: '18673500003' });

    const unitsBefore = await countRows(t.db, 'units');
    const unit = await as(t.app, admin, { method: 'POST', url: '/api/v1/units', payload: { name: '多字段单位', kind: 'department', regionCode: '360102', path: '1.2.3' } });
    expect(unit.statusCode).toBe(400);
    expect(fields(unit.json())).toEqual(['path']);
    expect(await countRows(t.db, 'units')).toBe(unitsBefore);
  });

  it('names a field of the wrong type', async () => {
    const res = await as(t.app, admin, { method: 'POST', url: '/api/v1/units', payload: { name: '类型错误', kind: 'department', regionCode: '360102', parentId: 'abc' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'parentId', code: 'type', message: '类型不正确，应为integer' }]);
  });

  it('names query and path parameters that are out of range or malformed', async () => {
    const cases: [string, string, string][] = [
      ['/api/v1/units?limit=0', 'limit', 'minimum'],
      ['/api/v1/units?limit=201', 'limit', 'maximum'],
      ['/api/v1/units?cursor=-5', 'cursor', 'pattern'],
      ['/api/v1/units?q=', 'q', 'minLength'],
      ['/api/v1/units/abc', 'id', 'pattern'],
      ['/api/v1/accounts?q=' + 'x'.repeat(51), 'q', 'maxLength'],
    ];
    for (const [url, field, code] of cases) {
      const res = await as(t.app, admin, { method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors, url).toEqual([expect.objectContaining({ field, code })]);
    }
  });
});

describe('languages', () => {
  const tooLong = { method: 'PATCH' as const, url: '/api/v1/me', payload: { nickname: '长'.repeat(21) } };

  it('answers in Simplified Chinese by default and in Traditional Chinese for zh-TW, zh-Hant and zh-HK', async () => {
    const zh = await as(t.app, handler, tooLong);
    expect(zh.json()).toMatchObject({ title: '请求参数有误', errors: [{ message: '长度不能超过20个字符' }] });
    for (const lang of ['zh-TW', 'zh-Hant', 'zh-HK,zh;q=0.9', 'zh-Hant-TW']) {
      const res = await as(t.app, handler, { ...tooLong, headers: { 'accept-language': lang } });
      expect(res.json(), lang).toMatchObject({ title: '請求參數有誤', detail: 'nickname: 長度不能超過20個字元', errors: [{ message: '長度不能超過20個字元' }] });
    }
    const notFound = await t.app.inject({ method: 'GET', url: '/api/v1/regions/999999', headers: { 'accept-language': 'zh-TW' } });
    expect(notFound.json()).toMatchObject({ title: '找不到該資源', detail: '找不到該資源' });
    const unauthenticated = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'accept-language': 'zh-TW' } });
    expect(unauthenticated.json().title).toBe('請先登入');
  });

  it('answers in English for en and follows the client’s order of preference', async () => {
    const cases: [string, string][] = [
      ['en', 'The request is invalid'],
      ['en-US,en;q=0.9', 'The request is invalid'],
      ['fr-FR, en;q=0.5', 'The request is invalid'],
      ['fr-FR', '请求参数有误'],
      ['zh-CN,en;q=0.9', '请求参数有误'],
      ['en;q=0.3, zh-TW;q=0.8', '請求參數有誤'],
      ['zh-TW;q=0, en', 'The request is invalid'],
    ];
    for (const [lang, title] of cases) {
      const res = await as(t.app, handler, { ...tooLong, headers: { 'accept-language': lang } });
      expect(res.json().title, lang).toBe(title);
    }
    const en = await as(t.app, handler, { ...tooLong, headers: { 'accept-language': 'en' } });
    expect(en.json().errors).toEqual([{ field: 'nickname', code: 'maxLength', message: 'must have at most 20 characters' }]);
  });
});

describe('the shape of every problem', () => {
  it('carries type, title, status, detail, code, instance and a fresh requestId, as application/problem+json', async () => {
    const platformUnit = Number(await unitIdByKey(t.db, 'platform'));
    const mobile = uniqueMobile();
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { mobile, purpose: 'register' }, remoteAddress: uniqueIp() });
    const cases: { name: string; status: number; code: string; send: () => Promise<{ statusCode: number; headers: Record<string, unknown>; json: () => Record<string, unknown> }> }[] = [
      { name: 'validation', status: 400, code: 'validation_failed', send: () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} }) },
      { name: 'malformed JSON', status: 400, code: 'malformed_request', send: () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{' }) },
      { name: 'not logged in', status: 401, code: 'unauthenticated', send: () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me' }) },
      { name: 'bad credentials', status: 401, code: 'invalid_credentials', send: () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'nobody', password: 'x' }, remoteAddress: uniqueIp() }) },
      { name: 'forbidden', status: 403, code: 'forbidden', send: () => as(t.app, handler, { method: 'GET', url: '/api/v1/accounts' }) },
      { name: 'csrf', status: 403, code: 'csrf_failed', send: () => t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { nickname: 'x' }, headers: { cookie: handler.cookie } }) },
      { name: 'not found', status: 404, code: 'not_found', send: () => t.app.inject({ method: 'GET', url: '/api/v1/regions/999999' }) },
      { name: 'no such route', status: 404, code: 'route_not_found', send: () => t.app.inject({ method: 'DELETE', url: '/api/v1/regions' }) },
      { name: 'conflict', status: 409, code: 'login_taken', send: () => as(t.app, admin, { method: 'POST', url: '/api/v1/accounts', payload: { login: 'handler', password: 'Password-123', displayName: 'x', unitId: platformUnit, roles: ['unit_handler'] } }) },
      { name: 'too large', status: 413, code: 'payload_too_large', send: () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'a', password: 'x'.repeat(1_100_000) } }) },
      { name: 'media type', status: 415, code: 'unsupported_media_type', send: () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<login/>' }) },
      { name: 'unprocessable', status: 422, code: 'sms_code_invalid', send: () => t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { mobile: uniqueMobile(), code: '000000', password: 'Password-123', nickname: '网友' } }) },
      { name: 'rate limited', status: 429, code: 'rate_limited', send: () => t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { mobile, purpose: 'register' }, remoteAddress: uniqueIp() }) },
    ];
    const requestIds = new Set<string>();
    for (const c of cases) {
      const res = await c.send();
      expect(res.statusCode, c.name).toBe(c.status);
      expect(res.headers['content-type'], c.name).toBe('application/problem+json; charset=utf-8');
      const body = res.json();
      expect(body, c.name).toMatchObject({ type: PROBLEM_BASE + c.code.replace(/_/g, '-'), status: c.status, code: c.code });
      for (const key of ['title', 'detail', 'instance', 'requestId'] as const) {
        expect(typeof body[key], `${c.name}: ${key}`).toBe('string');
        expect((body[key] as string).length, `${c.name}: ${key}`).toBeGreaterThan(0);
      }
      expect(body.title, c.name).toMatch(/[\u4e00-\u9fff]/);
      expect(body.instance, c.name).toMatch(/^\/api\/v1\//);
      expect(body.requestId, c.name).toMatch(UUID);
      requestIds.add(body.requestId as string);
    }
    expect(requestIds.size).toBe(cases.length);
  });

  it('answers an unexpected error with a generic 500 that leaks nothing, logged under the same request id', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const app = await buildApp({ config: t.config, db: t.db, logger: { level: 'error', stream } });
    // A route that fails the way a bug would, to reach the error handler's last resort.
    app.get('/api/v1/test-only/boom', async () => {
      throw new Error('password=hunter2 at db.internal:5432');
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/test-only/boom', headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body).toMatchObject({ type: `${PROBLEM_BASE}internal`, status: 500, code: 'internal', title: 'Internal server error', detail: 'Internal server error' });
      expect(res.body).not.toContain('hunter2');
      expect(res.body).not.toContain('db.internal');
      const logged = lines.map((l) => JSON.parse(l) as { msg: string; reqId?: string; err?: { message: string } }).find((l) => l.msg === 'unhandled error');
      expect(logged).toMatchObject({ reqId: body.requestId, err: { message: 'password=hunter2 at db.internal:5432' } });
    } finally {
      await app.close();
    }
  });
});

describe('races the database decides', () => {
  it('creates one unit when five identical requests race; the others get 409', async () => {
    const name = `并发单位${uniqueLogin()}`;
    const payload = { name, kind: 'department', regionCode: '360102', parentId: Number(await unitIdByKey(t.db, 'dh-gov')) };
    const answers = await Promise.all(Array.from({ length: 5 }, () => as(t.app, admin, { method: 'POST', url: '/api/v1/units', payload })));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(['unit_name_taken', 'conflict']).toContain(a.json().code);
    expect(await t.db.selectFrom('units').select('id').where('name', '=', name).execute()).toHaveLength(1);
    const audits = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'unit.create').where('details', '@>', JSON.stringify({ name })).execute();
    expect(audits).toHaveLength(1);
  });

  it('creates one account when five requests race for one login; the others get 409', async () => {
    const login = uniqueLogin('race');
    const payload = { login, password: 'Password-123', displayName: '并发', unitId: Number(await unitIdByKey(t.db, 'dh-mzj')), roles: ['unit_handler'] };
    const answers = await Promise.all(Array.from({ length: 5 }, () => as(t.app, admin, { method: 'POST', url: '/api/v1/accounts', payload })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(['login_taken', 'conflict']).toContain(a.json().code);
    expect(await t.db.selectFrom('accounts').select('id').where('login', '=', login).execute()).toHaveLength(1);
  });
});
