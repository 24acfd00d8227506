/**
 * Every role against every route. The route list comes from the OpenAPI
 * document, so a new route without a row here fails this test: the table must
 * grow with the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { uploadPhoto } from '../../src/server/modules/photos/photos.service.js';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { actorOf, boardIdOf, makeMessage } from '../support/messages.js';

const ROLES = ['anonymous', 'citizen', 'unit_handler', 'unit_admin', 'coordinator', 'leader', 'analyst', 'platform_admin'] as const;
type Role = (typeof ROLES)[number];

const LOGINS: Record<Exclude<Role, 'anonymous'>, string> = {
  citizen: '13907910001',
  unit_handler: 'handler',
  unit_admin: 'unitadmin',
  coordinator: 'coordinator',
  leader: 'leader',
  analyst: 'analyst',
  platform_admin: 'admin',
};

type Outcome = number;
interface Ctx {
  role: Role;
  n: number;
  unit: (key: string) => string;
  /** A new message by the demo citizen (the `citizen` role), in the given state. */
  message: (state: 'submitted' | 'accepted' | 'replied') => Promise<string>;
}
interface RouteCase {
  request: (ctx: Ctx) => InjectOptions | Promise<InjectOptions>;
  expect: Record<Role, Outcome>;
}

const everyone = (status: number): Record<Role, Outcome> => Object.fromEntries(ROLES.map((r) => [r, status])) as Record<Role, Outcome>;
const loggedIn = (status: number): Record<Role, Outcome> => ({ ...everyone(status), anonymous: 401 });
const staff = (status: number): Record<Role, Outcome> => ({ ...loggedIn(status), citizen: 403 });
const only = (status: number, ...roles: Role[]): Record<Role, Outcome> => {
  const table = { ...everyone(403), anonymous: 401 };
  for (const r of roles) table[r] = status;
  return table;
};

const ROUTES: Record<string, RouteCase> = {
  'GET /api/health': { request: () => ({ method: 'GET', url: '/api/health' }), expect: everyone(200) },
  'GET /api/v1/meta': { request: () => ({ method: 'GET', url: '/api/v1/meta' }), expect: everyone(200) },
  'POST /api/v1/auth/sms-codes': {
    request: ({ n }) => ({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { mobile: `1390000${String(1000 + n)}`, purpose: 'register' } }),
    expect: everyone(202),
  },
  'POST /api/v1/auth/register': {
    // No code was sent to this number: anyone may try, everyone is refused the same way.
    request: ({ n }) => ({ method: 'POST', url: '/api/v1/auth/register', payload: { mobile: `1380000${String(1000 + n)}`, code: '000000', password: 'Password-123', nickname: `测试${n}` } }),
    expect: everyone(422),
  },
  'POST /api/v1/auth/login': { request: () => ({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'handler', password: 'Minsheng@2026' } }), expect: everyone(200) },
  'GET /api/v1/auth/me': { request: () => ({ method: 'GET', url: '/api/v1/auth/me' }), expect: loggedIn(200) },
  'PATCH /api/v1/me': { request: ({ n }) => ({ method: 'PATCH', url: '/api/v1/me', payload: { nickname: `昵称${n}` } }), expect: loggedIn(200) },
  'GET /api/v1/regions': { request: () => ({ method: 'GET', url: '/api/v1/regions?parent=360000' }), expect: everyone(200) },
  'GET /api/v1/regions/{code}': { request: () => ({ method: 'GET', url: '/api/v1/regions/360102' }), expect: everyone(200) },
  'GET /api/v1/boards': { request: () => ({ method: 'GET', url: '/api/v1/boards?region=360000' }), expect: everyone(200) },
  'GET /api/v1/boards/{id}': { request: () => ({ method: 'GET', url: '/api/v1/boards/1' }), expect: everyone(200) },
  'POST /api/v1/boards': {
    request: ({ n }) => ({ method: 'POST', url: '/api/v1/boards', payload: { kind: 'leader', title: `副省长${n}`, regionCode: '360000' } }),
    expect: only(201, 'platform_admin'),
  },
  'GET /api/v1/units': { request: () => ({ method: 'GET', url: '/api/v1/units' }), expect: staff(200) },
  'GET /api/v1/units/{id}': {
    // 东湖区民政局 is inside every demo staff account's scope.
    request: ({ unit }) => ({ method: 'GET', url: `/api/v1/units/${unit('dh-mzj')}` }),
    expect: staff(200),
  },
  'POST /api/v1/units': {
    request: ({ n, unit }) => ({ method: 'POST', url: '/api/v1/units', payload: { name: `测试科室${n}`, kind: 'department', regionCode: '360102', parentId: Number(unit('dh-gov')) } }),
    expect: only(201, 'unit_admin', 'platform_admin'),
  },
  'GET /api/v1/accounts': { request: () => ({ method: 'GET', url: '/api/v1/accounts' }), expect: only(200, 'unit_admin', 'platform_admin') },
  'POST /api/v1/accounts': {
    request: ({ n, unit }) => ({ method: 'POST', url: '/api/v1/accounts', payload: { login: `perm${n}`, password: 'Password-123', displayName: `权限测试${n}`, unitId: Number(unit('dh-mzj')), roles: ['unit_handler'] } }),
    expect: only(201, 'unit_admin', 'platform_admin'),
  },
  'POST /api/v1/accounts/import': {
    request: ({ n, unit }) => ({ method: 'POST', url: '/api/v1/accounts/import', payload: { csv: `login,password,displayName,unitId,roles,mobile\nimp${n},Password-123,导入${n},${unit('dh-mzj')},unit_handler,\n` } }),
    expect: only(201, 'unit_admin', 'platform_admin'),
  },
  'GET /api/v1/audit-log': { request: () => ({ method: 'GET', url: '/api/v1/audit-log' }), expect: only(200, 'platform_admin') },
  'GET /api/v1/fields': { request: () => ({ method: 'GET', url: '/api/v1/fields' }), expect: everyone(200) },
  'POST /api/v1/fields': {
    request: ({ n }) => ({ method: 'POST', url: '/api/v1/fields', payload: { code: `perm${n}`, nameZh: '测试', nameTw: '測試', nameEn: 'Test' } }),
    expect: only(201, 'platform_admin'),
  },
  'PATCH /api/v1/fields/{code}': { request: ({ n }) => ({ method: 'PATCH', url: '/api/v1/fields/other', payload: { sort: 90 + n } }), expect: only(200, 'platform_admin') },
  'POST /api/v1/photos': { request: () => multipartPhoto(), expect: loggedIn(201) },
  'GET /api/v1/photos/{id}': { request: () => ({ method: 'GET', url: `/api/v1/photos/${publicPhotoId}` }), expect: everyone(200) },
  'GET /api/v1/photos/{id}/thumb': { request: () => ({ method: 'GET', url: `/api/v1/photos/${publicPhotoId}/thumb` }), expect: everyone(200) },
  'POST /api/v1/messages': {
    request: async () => {
      await t.db.deleteFrom('rate_limits').where('key', 'like', 'message:%').execute();
      return { method: 'POST', url: '/api/v1/messages', payload: { boardId: Number(await boardIdOf(t.db, '江西省委书记')), type: 'consult', fieldCode: 'health', regionCode: '360102', title: '医保缴费咨询', body: '请问在哪里可以办理城乡居民医保缴费？', isPublic: true } };
    },
    expect: { ...loggedIn(403), citizen: 201 },
  },
  'GET /api/v1/messages': { request: () => ({ method: 'GET', url: '/api/v1/messages?region=360000' }), expect: everyone(200) },
  'GET /api/v1/messages/counts': { request: () => ({ method: 'GET', url: '/api/v1/messages/counts?region=360000' }), expect: everyone(200) },
  'GET /api/v1/messages/{id}': { request: () => ({ method: 'GET', url: `/api/v1/messages/${listedMessageId}` }), expect: everyone(200) },
  'GET /api/v1/me/messages': { request: () => ({ method: 'GET', url: '/api/v1/me/messages' }), expect: loggedIn(200) },
  'GET /api/v1/screening': { request: () => ({ method: 'GET', url: '/api/v1/screening' }), expect: only(200, 'coordinator', 'platform_admin') },
  'POST /api/v1/messages/{id}/screening': {
    request: async ({ message }) => ({ method: 'POST', url: `/api/v1/messages/${await message('submitted')}/screening`, payload: { decision: 'accept' } }),
    expect: only(200, 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/messages/{id}/withdrawal': {
    // Only the author; to staff a message not yet public does not exist.
    request: async ({ message }) => ({ method: 'POST', url: `/api/v1/messages/${await message('submitted')}/withdrawal` }),
    expect: { ...everyone(404), anonymous: 401, citizen: 200 },
  },
  'POST /api/v1/messages/{id}/follow-ups': {
    request: async ({ message }) => ({ method: 'POST', url: `/api/v1/messages/${await message('accepted')}/follow-ups`, payload: { body: '请问进展如何？' } }),
    expect: { ...loggedIn(403), citizen: 201 },
  },
  'POST /api/v1/messages/{id}/replies': {
    // 东湖区 staff do not handle the 江西省委书记 board: for them the message is not there to answer.
    request: () => ({ method: 'POST', url: `/api/v1/messages/${acceptedMessageId}/replies`, payload: { body: '正在办理中。', final: false } }),
    expect: { ...only(201, 'coordinator', 'platform_admin'), unit_handler: 404, unit_admin: 404 },
  },
  'POST /api/v1/messages/{id}/rating': {
    request: async ({ message }) => ({ method: 'POST', url: `/api/v1/messages/${await message('replied')}/rating`, payload: { resolution: 5, attitude: 5, speed: 4 } }),
    expect: { ...loggedIn(403), citizen: 200 },
  },
  // Last: it ends the session the other rows use.
  'POST /api/v1/auth/logout': { request: () => ({ method: 'POST', url: '/api/v1/auth/logout' }), expect: everyone(204) },
};

/** Scope: the same route, a resource outside some roles' subtree. */
const SCOPED: { name: string; request: (ctx: Ctx) => InjectOptions | Promise<InjectOptions>; expect: Record<Role, Outcome> }[] = [
  {
    name: 'GET /api/v1/units/{id} of a 河南 unit',
    request: ({ unit }) => ({ method: 'GET', url: `/api/v1/units/${unit('ha-pc')}` }),
    expect: { anonymous: 401, citizen: 403, unit_handler: 404, unit_admin: 404, coordinator: 404, leader: 404, analyst: 404, platform_admin: 200 },
  },
  {
    name: 'GET /api/v1/units/{id} of 江西省委',
    request: ({ unit }) => ({ method: 'GET', url: `/api/v1/units/${unit('jx-pc')}` }),
    expect: { anonymous: 401, citizen: 403, unit_handler: 404, unit_admin: 404, coordinator: 200, leader: 200, analyst: 200, platform_admin: 200 },
  },
  {
    name: 'POST /api/v1/units under 江西省委',
    request: ({ n, unit }) => ({ method: 'POST', url: '/api/v1/units', payload: { name: `省级测试${n}`, kind: 'department', regionCode: '360000', parentId: Number(unit('jx-pc')) } }),
    expect: { anonymous: 401, citizen: 403, unit_handler: 403, unit_admin: 422, coordinator: 403, leader: 403, analyst: 403, platform_admin: 201 },
  },
  {
    name: 'POST /api/v1/accounts granting coordinator',
    request: ({ n, unit }) => ({ method: 'POST', url: '/api/v1/accounts', payload: { login: `grant${n}`, password: 'Password-123', displayName: `授权${n}`, unitId: Number(unit('dh-mzj')), roles: ['coordinator'] } }),
    expect: { anonymous: 401, citizen: 403, unit_handler: 403, unit_admin: 403, coordinator: 403, leader: 403, analyst: 403, platform_admin: 201 },
  },
  {
    name: 'GET /api/v1/messages/{id} of a message not yet screened',
    request: async ({ message }) => ({ method: 'GET', url: `/api/v1/messages/${await message('submitted')}` }),
    expect: { anonymous: 404, citizen: 200, unit_handler: 404, unit_admin: 404, coordinator: 200, leader: 200, analyst: 200, platform_admin: 200 },
  },
  {
    name: 'GET /api/v1/fields?all=true',
    request: () => ({ method: 'GET', url: '/api/v1/fields?all=true' }),
    expect: { ...only(200, 'platform_admin') },
  },
];

let t: TestApp;
let publicPhotoId = '';
let listedMessageId = '';
let acceptedMessageId = '';
let jpeg: Buffer;

function multipartPhoto(): InjectOptions {
  const boundary = '----minsheng-permissions';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { method: 'POST', url: '/api/v1/photos', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat([head, jpeg, tail]) };
}
const sessions = new Map<Role, Session | null>();
const unitIds = new Map<string, string>();
let counter = 0;

beforeAll(async () => {
  t = await buildTestApp();
  for (const u of await t.db.selectFrom('units').select(['id', 'key']).where('key', 'is not', null).execute()) unitIds.set(u.key!, u.id);
  jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).jpeg().toBuffer();
  const citizen = await actorOf(t.db, LOGINS.citizen);
  const photo = await uploadPhoto(t.db, citizen, async () => jpeg);
  listedMessageId = await makeMessage(t.db, { author: LOGINS.citizen, state: 'accepted', photoIds: [photo.id] });
  publicPhotoId = photo.id;
  acceptedMessageId = await makeMessage(t.db, { author: LOGINS.citizen, state: 'accepted' });
  sessions.set('anonymous', null);
  for (const [role, name] of Object.entries(LOGINS)) sessions.set(role as Role, await login(t.app, name));
});
afterAll(async () => t.close());

function ctx(role: Role): Ctx {
  return {
    role,
    n: ++counter,
    message: (state) => makeMessage(t.db, { author: LOGINS.citizen, state }),
    unit: (key) => {
      const id = unitIds.get(key);
      if (!id) throw new Error(`no demo unit ${key}`);
      return id;
    },
  };
}

describe('permissions', () => {
  it('has a row for every route in the OpenAPI document, and no row for a route that does not exist', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(routes.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  for (const [route, c] of Object.entries(ROUTES)) {
    for (const role of ROLES) {
      it(`${route} as ${role} → ${c.expect[role]}`, async () => {
        const res = await as(t.app, sessions.get(role)!, await c.request(ctx(role)));
        expect(res.statusCode, res.body).toBe(c.expect[role]);
        if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
      });
    }
  }
});

describe('scope', () => {
  beforeAll(async () => {
    // Fresh sessions: the table above logs every role out at its end.
    for (const [role, name] of Object.entries(LOGINS)) sessions.set(role as Role, await login(t.app, name));
  });
  for (const c of SCOPED) {
    for (const role of ROLES) {
      it(`${c.name} as ${role} → ${c.expect[role]}`, async () => {
        const res = await as(t.app, sessions.get(role)!, await c.request(ctx(role)));
        expect(res.statusCode, res.body).toBe(c.expect[role]);
      });
    }
  }
});
