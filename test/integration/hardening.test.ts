/**
 * Issue 13 §4, point by point: U+0000 and invisible text, ids beyond bigint,
 * URLs too long for the server, Retry-After on every 429, /metrics for the
 * operator only, and database refusals of a value answered as 400, not 500.
 * test/integration/fuzz.test.ts walks every route; these pin each finding down.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { as, buildTestApp, testConfig, type Session, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/db.js';
import { countRows, loginFrom, uniqueIp, uniqueMobile } from '../support/factories.js';
import { boardIdOf, loggedInCitizen, makeMessage, messageBody, postMessage } from '../support/messages.js';

const METRICS_TOKEN = 'hardening-test-token-0123456789';
let t: TestApp;
let admin: Session;
let coordinator: Session;
beforeAll(async () => {
  t = await buildTestApp({ METRICS_TOKEN });
  admin = await loginFrom(t.app, uniqueIp(), 'admin');
  coordinator = await loginFrom(t.app, uniqueIp(), 'coordinator');
});
afterAll(async () => t.close());

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status, code });
}

describe('U+0000 and other control characters in text', () => {
  it('refuses a message title with U+0000 with 400 naming the field, storing nothing', async () => {
    const citizen = await loggedInCitizen(t.app, t.db);
    const board = await boardIdOf(t.db, '江西省委书记');
    const before = await countRows(t.db, 'messages');
    const res = await postMessage(t.app, citizen.session, messageBody(board, { title: '小区电梯\u0000故障求助' }), { 'accept-language': 'en' });
    expectProblem(res, 400, 'validation_failed');
    const problem = res.json();
    expect(problem.field).toBe('title');
    expect(problem.errors).toEqual([{ field: 'title', code: 'control', message: 'must not contain control characters (such as U+0000)' }]);
    expect(await countRows(t.db, 'messages')).toBe(before);
  });

  it('refuses a nickname with U+0000 with 400, in Chinese by default', async () => {
    const citizen = await loggedInCitizen(t.app, t.db);
    const res = await as(t.app, citizen.session, { method: 'PATCH', url: '/api/v1/me', payload: { nickname: '老郑\u0000' } });
    expectProblem(res, 400, 'validation_failed');
    expect(res.json().errors).toEqual([{ field: 'nickname', code: 'control', message: '不能包含控制字符（如 U+0000）' }]);
    const me = await as(t.app, citizen.session, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json().account.nickname).toBe(citizen.nickname);
  });

  it('refuses U+0000 in an internal note and in a query string', async () => {
    const id = await makeMessage(t.db, { author: '13907910001', state: 'accepted' });
    const note = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/messages/${id}/notes`, payload: { body: '已电话\u0000了解情况。' } });
    expectProblem(note, 400, 'validation_failed');
    expect(note.json().field).toBe('body');
    const search = await t.app.inject({ method: 'GET', url: `/api/v1/messages?q=${encodeURIComponent('电梯\u0000')}` });
    expectProblem(search, 400, 'validation_failed');
    expect(search.json().field).toBe('q');
  });

  it('refuses an Idempotency-Key with characters outside printable ASCII', async () => {
    const citizen = await loggedInCitizen(t.app, t.db);
    const board = await boardIdOf(t.db, '江西省委书记');
    const before = await countRows(t.db, 'messages');
    for (const key of ['key with spaces', 'k\u00e9y', 'x'.repeat(101)]) {
      const res = await postMessage(t.app, citizen.session, messageBody(board), { 'idempotency-key': key });
      expectProblem(res, 400, 'validation_failed');
      expect(res.json().field).toBe('idempotency-key');
    }
    expect(await countRows(t.db, 'messages')).toBe(before);
  });

  it('keeps tab, line feed and carriage return in text', async () => {
    const citizen = await loggedInCitizen(t.app, t.db);
    const board = await boardIdOf(t.db, '江西省委书记');
    const res = await postMessage(t.app, citizen.session, messageBody(board, { body: '第一段：电梯停运两个月。\r\n第二段：\t楼上住着很多老人。' }));
    expect(res.statusCode).toBe(201);
  });
});

describe('text that is only invisible characters', () => {
  it.each([
    ['zero-width spaces', '\u200b'.repeat(10)],
    ['zero-width joiners, word joiners and a BOM', '\u200c\u200d\u2060\ufeff\u200b'],
    ['Hangul fillers', '\u3164'.repeat(6)],
    ['spaces', ' '.repeat(10)],
    ['ideographic spaces', '\u3000'.repeat(6)],
  ])('refuses a title of %s like an empty one', async (_name, title) => {
    const citizen = await loggedInCitizen(t.app, t.db);
    const board = await boardIdOf(t.db, '江西省委书记');
    const before = await countRows(t.db, 'messages');
    const res = await postMessage(t.app, citizen.session, messageBody(board, { title }));
    expectProblem(res, 400, 'validation_failed');
    expect(res.json().errors).toEqual([{ field: 'title', code: 'minLength', message: '不能为空（仅有空格或不可见字符也算空）' }]);
    expect(await countRows(t.db, 'messages')).toBe(before);
  });

  it('accepts a title that has zero-width characters among visible ones', async () => {
    const citizen = await loggedInCitizen(t.app, t.db);
    const board = await boardIdOf(t.db, '江西省委书记');
    const res = await postMessage(t.app, citizen.session, messageBody(board, { title: '小区\u200b电梯故障求助' }));
    expect(res.statusCode).toBe(201);
  });
});

describe('ids beyond the 64-bit range', () => {
  it.each([
    ['an account list filtered by unit', '/api/v1/accounts?unit=99999999999999999999'],
    ['a campaign', '/api/v1/campaigns/9223372036854775808'],
    ['a message', '/api/v1/messages/9223372036854775807'],
    ['a unit', '/api/v1/units/-1'],
    ['a cursor', '/api/v1/audit-log?cursor=99999999999999999999999'],
    ['a questionnaire list by campaign', '/api/v1/questionnaires?campaign=18446744073709551616'],
    ['an inbox cursor', '/api/v1/inbox?cursor=99999999999999999999'],
    ['an opaque cursor with U+0000', '/api/v1/messages?cursor=%00eyJpZCI6IjEifQ'],
  ])('answers %s with a 400, not a 500', async (_name, url) => {
    const res = await as(t.app, admin, { method: 'GET', url });
    expectProblem(res, 400, 'validation_failed');
  });

  it('answers an id within bigint that does not exist with 404', async () => {
    const res = await as(t.app, admin, { method: 'GET', url: '/api/v1/campaigns/999999999999999999' });
    expectProblem(res, 404, 'not_found');
  });

  it.each([
    ['1e20', 1e20],
    ['2^63', 9223372036854775808],
    ['2^53 + 1 (not exact in JSON)', 2 ** 53 + 2],
  ])('refuses a body id of %s with a 400 naming the field', async (_name, unitId) => {
    const id = await makeMessage(t.db, { author: '13907910001', state: 'accepted' });
    const before = await countRows(t.db, 'message_events');
    const res = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/messages/${id}/urges`, payload: { body: '请尽快办理', assignmentId: unitId } });
    expectProblem(res, 400, 'validation_failed');
    expect(res.json().field).toBe('assignmentId');
    const unit = await as(t.app, admin, { method: 'POST', url: '/api/v1/units', payload: { name: '测试单位', kind: 'department', regionCode: '360102', parentId: unitId } });
    expectProblem(unit, 400, 'validation_failed');
    expect(unit.json().field).toBe('parentId');
    expect(await countRows(t.db, 'message_events')).toBe(before);
  });

  it('refuses a path parameter longer than the router reads (100) with a 414 problem', async () => {
    const res = await as(t.app, admin, { method: 'POST', url: `/api/v1/notifications/${'9'.repeat(150)}/read` });
    expectProblem(res, 414, 'uri_too_long');
    // Where another route could still match (the web app's catch-all, present once dist/web is built), the
    // router gives up with an ordinary 404 instead: problem+json either way, never a 5xx.
    const elsewhere = await t.app.inject({ method: 'GET', url: `/api/v1/messages/${'9'.repeat(150)}` });
    if (elsewhere.statusCode === 404) expectProblem(elsewhere, 404, 'route_not_found');
    else expectProblem(elsewhere, 414, 'uri_too_long');
  });

  it('refuses a URL that does not decode with a 400 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/messages/%E0%A4%A' });
    expectProblem(res, 400, 'malformed_request');
  });
});

describe('a URL longer than the server reads (16 KB)', () => {
  it('answers 431 as problem+json from the HTTP server itself', async () => {
    const database = await createTestDatabase();
    const app = await buildApp({ config: testConfig(), db: database.db, logger: false });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: `/api/v1/messages?q=${'a'.repeat(17 * 1024)}` }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(431);
      expect(answer.type).toBe('application/problem+json; charset=utf-8');
      expect(JSON.parse(answer.body)).toMatchObject({ status: 431, code: 'headers_too_large', title: '请求地址或请求头过大', type: 'https://minsheng.dev/problems/headers-too-large' });

      // A request line Node cannot parse at all is a 400 problem too.
      const garbage = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString('utf8')));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(garbage).toContain('Content-Type: application/problem+json; charset=utf-8');
      expect(garbage).toContain('"code":"malformed_request"');
    } finally {
      await app.close();
      await database.drop();
    }
  });
});

describe('Retry-After on 429', () => {
  it('says in seconds when a second SMS code may be asked for', async () => {
    const mobile = uniqueMobile();
    const ip = uniqueIp();
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { mobile, purpose: 'register' }, remoteAddress: ip });
    expect(first.statusCode).toBe(202);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { mobile, purpose: 'register' }, remoteAddress: ip });
    expectProblem(again, 429, 'rate_limited');
    const seconds = Number(again.headers['retry-after']);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(again.json().title).toBe(`操作过于频繁，请${seconds}秒后再试`);
  });

  it('says it on a limit counted in the database (failed logins from one address)', async () => {
    const ip = uniqueIp();
    let last = null as Awaited<ReturnType<typeof t.app.inject>> | null;
    for (let i = 0; i < 60; i++) {
      last = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: `nobody${i}`, password: 'wrong-password' }, remoteAddress: ip });
      if (last.statusCode === 429) break;
    }
    expectProblem(last!, 429, 'rate_limited');
    const seconds = Number(last!.headers['retry-after']);
    expect(Number.isInteger(seconds) && seconds >= 1).toBe(true);
    expect(last!.json().title).toContain(`${seconds}秒`);
  });
});

describe('/metrics is for the operator', () => {
  it('answers 404 when no METRICS_TOKEN is configured', async () => {
    const database = await createTestDatabase();
    const app = await buildApp({ config: testConfig(), db: database.db, logger: false });
    try {
      await app.ready();
      const res = await app.inject({ method: 'GET', url: '/metrics' });
      expectProblem(res, 404, 'route_not_found');
      const withSomeToken = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer anything-at-all-12345' } });
      expect(withSomeToken.statusCode).toBe(404);
    } finally {
      await app.close();
      await database.drop();
    }
  });

  it('answers 401 without the bearer token or with a wrong one, 200 with it', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/metrics' });
    expectProblem(none, 401, 'unauthenticated');
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
    expectProblem(wrong, 401, 'unauthenticated');
    const session = await as(t.app, admin, { method: 'GET', url: '/metrics' });
    expect(session.statusCode).toBe(401);
    const right = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('http_request_duration_seconds');
  });

  it('refuses to start with a METRICS_TOKEN too short to be a secret', () => {
    expect(() => loadConfig({ DEMO: 'true', METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ DEMO: 'true', METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ DEMO: 'true' }).metricsToken).toBeNull();
  });
});

describe('a value the database refuses is the client fault: 400, not 500', () => {
  const QUERIES = {
    nulText: sql`SELECT ${'a\u0000b'}::text`,
    nulJson: sql`SELECT ${JSON.stringify({ a: 'a\u0000b' })}::jsonb`,
    beyondBigint: sql`SELECT ${'9223372036854775808'}::numeric::bigint`,
    notANumber: sql`SELECT ${'abc'}::bigint`,
    dateOutOfRange: sql`SELECT ${'0000-01-01'}::date`,
  };
  let probe: { app: Awaited<ReturnType<typeof buildApp>>; drop(): Promise<void> };
  beforeAll(async () => {
    // A route of this test's own, registered before the app is ready: the error handler is the real one.
    const database = await createTestDatabase();
    const app = await buildApp({ config: testConfig(), db: database.db, logger: false });
    app.get<{ Params: { name: keyof typeof QUERIES } }>('/probe/:name', async (req) => {
      await QUERIES[req.params.name].execute(database.db);
      return { ok: true };
    });
    await app.ready();
    probe = { app, drop: async () => (await app.close(), await database.drop()) };
  });
  afterAll(async () => probe.drop());

  it.each([
    ['U+0000 in text (22021)', 'nulText'],
    ['U+0000 in jsonb (22P05)', 'nulJson'],
    ['a number beyond bigint (22003)', 'beyondBigint'],
    ['text that is no number (22P02)', 'notANumber'],
    ['a date out of range (22008)', 'dateOutOfRange'],
  ])('answers %s with a 400 problem', async (_name, name) => {
    const res = await probe.app.inject({ method: 'GET', url: `/probe/${name}` });
    expectProblem(res, 400, 'validation_failed');
  });
});
