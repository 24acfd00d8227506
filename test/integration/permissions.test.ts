/**
 * Every role against every route. The route list comes from the OpenAPI
 * document, so a new route without a row here fails this test: the table must
 * grow with the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { uploadPhoto } from '../../src/server/modules/photos/photos.service.js';
import { notify } from '../../src/server/modules/notifications/notifications.service.js';
import { accountIdOf, makeCitizen, makeStaff, makeUnit, uniqueMobile } from '../support/factories.js';
import { as, buildTestApp, login, type Session, type TestApp, CALLER_ROLES, DEMO_LOGINS, type CallerRole } from '../support/app.js';
import { actorOf, boardIdOf, makeMessage } from '../support/messages.js';
import { rateMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { assignMessage, signAssignment } from '../../src/server/modules/handling/handling.assign.js';
import { requestExtension, submitReply } from '../../src/server/modules/handling/handling.work.js';
import { generateReport } from '../../src/server/modules/reports/reports.service.js';
import { createCampaign, publishCampaign } from '../../src/server/modules/campaigns/campaigns.service.js';
import { submitEntry } from '../../src/server/modules/campaigns/campaign-entries.service.js';
import { createQuestionnaire, publishQuestionnaire } from '../../src/server/modules/questionnaires/questionnaires.service.js';
import { screenMessage } from '../../src/server/modules/messages/message-actions.service.js';

const ROLES = CALLER_ROLES;
type Role = CallerRole;
const LOGINS = DEMO_LOGINS;

type Outcome = number;
interface Ctx {
  role: Role;
  n: number;
  unit: (key: string) => string;
  /** A new message by the demo citizen (the `citizen` role), in the given state. */
  message: (state: 'submitted' | 'accepted' | 'replied') => Promise<string>;
  /** A new message assigned to 东湖区民政局 (lead; or co-handler beside 江西省委民声通道工作室), signed when asked. */
  handled: (options?: { sign?: boolean; asCo?: boolean; unitKey?: string }) => Promise<{ messageId: string; assignmentId: string }>;
  /** A new message rated 不满意, waiting for the coordinator. */
  dissatisfied: () => Promise<string>;
  /** A pending extension request of 东湖区民政局. */
  extension: () => Promise<string>;
  /** A reply of 大院街道办事处 held for a unit admin's review. */
  heldReply: () => Promise<string>;
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

/** A new leader board of 东湖区 (retired when asked), for the rows that change boards. */
async function newBoard(n: number, retired = false): Promise<string> {
  const row = await t.db
    .insertInto('boards')
    .values({ kind: 'leader', title: `权限测试职务${n}`, name: `东湖区权限测试职务${n}`, region_code: '360102', unit_id: null, sort: 100, retired_at: retired ? new Date() : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const ROUTES: Record<string, RouteCase> = {
  'GET /api/health': { request: () => ({ method: 'GET', url: '/api/health' }), expect: everyone(200) },
  'GET /api/health/live': { request: () => ({ method: 'GET', url: '/api/health/live' }), expect: everyone(200) },
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
  // ── accounts over time (issue 15): the public recovery routes refuse a code nobody sent; the own-account routes need a session ──
  'POST /api/v1/auth/login/sms': { request: ({ n }) => ({ method: 'POST', url: '/api/v1/auth/login/sms', payload: { mobile: `1370000${String(1000 + n)}`, code: '000000' } }), expect: everyone(422) },
  'POST /api/v1/auth/password-reset': { request: ({ n }) => ({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { mobile: `1370000${String(1000 + n)}`, code: '000000', password: 'Password-123' } }), expect: everyone(422) },
  'PUT /api/v1/me/password': { request: () => ({ method: 'PUT', url: '/api/v1/me/password', payload: { currentPassword: 'not-the-password', password: 'Password-123' } }), expect: loggedIn(422) },
  'POST /api/v1/me/mobile/sms-codes': { request: ({ n }) => ({ method: 'POST', url: '/api/v1/me/mobile/sms-codes', payload: { mobile: `1360000${String(1000 + n)}` } }), expect: loggedIn(202) },
  'PUT /api/v1/me/mobile': { request: ({ n }) => ({ method: 'PUT', url: '/api/v1/me/mobile', payload: { mobile: `1350000${String(1000 + n)}`, oldCode: '000000', newCode: '000000' } }), expect: loggedIn(422) },
  // ── end accounts over time ──
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
  // ── units and boards over time (issue 15): each row works on a new unit under 东湖区人民政府 (inside the unit admin's subtree) or a new board ──
  'PATCH /api/v1/units/{id}': {
    request: async ({ unit }) => ({ method: 'PATCH', url: `/api/v1/units/${(await makeUnit(t.db, { parentId: unit('dh-gov') })).id}`, payload: { contact: '0791-86000000' } }),
    expect: only(200, 'unit_admin', 'platform_admin'),
  },
  'POST /api/v1/units/{id}/retire': {
    request: async ({ unit }) => ({ method: 'POST', url: `/api/v1/units/${(await makeUnit(t.db, { parentId: unit('dh-gov') })).id}/retire` }),
    expect: only(200, 'unit_admin', 'platform_admin'),
  },
  'POST /api/v1/units/{id}/reactivate': {
    request: async ({ unit }) => {
      const made = await makeUnit(t.db, { parentId: unit('dh-gov') });
      await t.db.updateTable('units').set({ retired_at: new Date() }).where('id', '=', made.id).execute();
      return { method: 'POST', url: `/api/v1/units/${made.id}/reactivate` };
    },
    expect: only(200, 'unit_admin', 'platform_admin'),
  },
  'POST /api/v1/units/{id}/merge': {
    request: async ({ unit }) => {
      const [from, into] = [await makeUnit(t.db, { parentId: unit('dh-gov') }), await makeUnit(t.db, { parentId: unit('dh-gov') })];
      return { method: 'POST', url: `/api/v1/units/${from.id}/merge`, payload: { intoUnitId: Number(into.id) } };
    },
    expect: only(200, 'unit_admin', 'platform_admin'),
  },
  'PATCH /api/v1/boards/{id}': {
    request: async ({ n }) => ({ method: 'PATCH', url: `/api/v1/boards/${await newBoard(n)}`, payload: { title: `权限测试改名${n}` } }),
    expect: only(200, 'platform_admin'),
  },
  'POST /api/v1/boards/{id}/retire': {
    request: async ({ n }) => ({ method: 'POST', url: `/api/v1/boards/${await newBoard(n)}/retire` }),
    expect: only(200, 'platform_admin'),
  },
  'POST /api/v1/boards/{id}/reopen': {
    request: async ({ n }) => ({ method: 'POST', url: `/api/v1/boards/${await newBoard(n, true)}/reopen` }),
    expect: only(200, 'platform_admin'),
  },
  // ── end units and boards over time ──
  'GET /api/v1/accounts': { request: () => ({ method: 'GET', url: '/api/v1/accounts' }), expect: only(200, 'unit_admin', 'platform_admin') },
  'POST /api/v1/accounts': {
    request: ({ n, unit }) => ({ method: 'POST', url: '/api/v1/accounts', payload: { login: `perm${n}`, password: 'Password-123', displayName: `权限测试${n}`, unitId: Number(unit('dh-mzj')), roles: ['unit_handler'] } }),
    expect: only(201, 'unit_admin', 'platform_admin'),
  },
  // Each row works on a new handler of 东湖区民政局 (inside the unit admin's subtree), so no demo account is touched.
  'PATCH /api/v1/accounts/{id}': {
    request: async ({ unit }) => ({ method: 'PATCH', url: `/api/v1/accounts/${(await makeStaff(t.db, { unitId: unit('dh-mzj') })).id}`, payload: { displayName: '改名' } }),
    expect: only(200, 'unit_admin', 'platform_admin'),
  },
  'POST /api/v1/accounts/{id}/disable': {
    request: async ({ unit }) => ({ method: 'POST', url: `/api/v1/accounts/${(await makeStaff(t.db, { unitId: unit('dh-mzj') })).id}/disable` }),
    expect: only(200, 'unit_admin', 'platform_admin'),
  },
  'POST /api/v1/accounts/{id}/enable': {
    request: async ({ unit }) => ({ method: 'POST', url: `/api/v1/accounts/${(await makeStaff(t.db, { unitId: unit('dh-mzj') })).id}/enable` }),
    expect: only(200, 'unit_admin', 'platform_admin'),
  },
  'POST /api/v1/accounts/{id}/password-reset': {
    request: async ({ unit }) => ({ method: 'POST', url: `/api/v1/accounts/${(await makeStaff(t.db, { unitId: unit('dh-mzj'), mobile: uniqueMobile() })).id}/password-reset`, payload: { channel: 'sms' } }),
    expect: only(202, 'unit_admin', 'platform_admin'),
  },
  'POST /api/v1/accounts/import': {
    request: ({ n, unit }) => ({ method: 'POST', url: '/api/v1/accounts/import', payload: { csv: `login,password,displayName,unitId,roles,mobile\nimp${n},Password-123,导入${n},${unit('dh-mzj')},unit_handler,\n` } }),
    expect: only(201, 'unit_admin', 'platform_admin'),
  },
  // ── personal data and account recovery (issue 15): closing with a wrong password changes nothing; recovery is the platform admin's ──
  'GET /api/v1/me/data-export': { request: () => ({ method: 'GET', url: '/api/v1/me/data-export' }), expect: loggedIn(200) },
  'POST /api/v1/me/close/sms-codes': { request: () => ({ method: 'POST', url: '/api/v1/me/close/sms-codes' }), expect: only(202, 'citizen') },
  'POST /api/v1/me/close': { request: () => ({ method: 'POST', url: '/api/v1/me/close', payload: { password: 'not-the-password' } }), expect: only(422, 'citizen') },
  'GET /api/v1/accounts/citizen-lookup': {
    request: async () => ({ method: 'GET', url: `/api/v1/accounts/citizen-lookup?mobile=${(await makeCitizen(t.db)).mobile}` }),
    expect: only(200, 'platform_admin'),
  },
  'GET /api/v1/accounts/{id}': {
    request: async ({ unit }) => ({ method: 'GET', url: `/api/v1/accounts/${(await makeStaff(t.db, { unitId: unit('dh-mzj') })).id}` }),
    expect: only(200, 'unit_admin', 'platform_admin'),
  },
  'POST /api/v1/accounts/{id}/unlock': {
    request: async ({ unit }) => ({ method: 'POST', url: `/api/v1/accounts/${(await makeStaff(t.db, { unitId: unit('dh-mzj') })).id}/unlock` }),
    expect: only(200, 'unit_admin', 'platform_admin'),
  },
  'POST /api/v1/accounts/{id}/mobile/sms-codes': {
    request: async () => ({ method: 'POST', url: `/api/v1/accounts/${(await makeCitizen(t.db)).id}/mobile/sms-codes`, payload: { mobile: uniqueMobile() } }),
    expect: only(202, 'platform_admin'),
  },
  'POST /api/v1/accounts/{id}/mobile': {
    request: async () => ({ method: 'POST', url: `/api/v1/accounts/${(await makeCitizen(t.db)).id}/mobile`, payload: { mobile: uniqueMobile(), code: '000000', reason: '核验身份证' } }),
    expect: only(422, 'platform_admin'),
  },
  // ── end personal data ──
  'GET /api/v1/audit-log': { request: () => ({ method: 'GET', url: '/api/v1/audit-log' }), expect: only(200, 'unit_admin', 'platform_admin') },
  'GET /api/v1/audit-log/export': { request: () => ({ method: 'GET', url: '/api/v1/audit-log/export?action=account.*' }), expect: only(200, 'unit_admin', 'platform_admin') },
  'GET /api/v1/audit-log/actions': { request: () => ({ method: 'GET', url: '/api/v1/audit-log/actions' }), expect: only(200, 'unit_admin', 'platform_admin') },
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
  // Similar messages (issue 16): screening aids for coordinators; the write page's suggestions are public.
  'GET /api/v1/messages/{id}/similar': {
    request: async ({ message }) => ({ method: 'GET', url: `/api/v1/messages/${await message('submitted')}/similar` }),
    expect: only(200, 'coordinator', 'platform_admin'),
  },
  'GET /api/v1/messages/similar-public': {
    request: () => ({ method: 'GET', url: `/api/v1/messages/similar-public?region=360102&title=${encodeURIComponent('幸福食堂')}` }),
    expect: everyone(200),
  },
  'GET /api/v1/screening/clusters': { request: () => ({ method: 'GET', url: '/api/v1/screening/clusters' }), expect: only(200, 'coordinator', 'platform_admin') },
  'POST /api/v1/messages/{id}/duplicate-of': {
    request: async ({ message }) => ({ method: 'POST', url: `/api/v1/messages/${await message('submitted')}/duplicate-of`, payload: { originalId: listedMessageId } }),
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
    // A signed lead assignment of 东湖区民政局: its staff and the admin reply; the coordinator's unit has none (409).
    request: async ({ handled }) => ({ method: 'POST', url: `/api/v1/messages/${(await handled({ sign: true })).messageId}/replies`, payload: { body: '正在办理中。', final: false } }),
    expect: { ...only(201, 'unit_handler', 'unit_admin', 'platform_admin'), coordinator: 409 },
  },
  'POST /api/v1/messages/{id}/rating': {
    request: async ({ message }) => ({ method: 'POST', url: `/api/v1/messages/${await message('replied')}/rating`, payload: { resolution: 5, attitude: 5, speed: 4 } }),
    expect: { ...loggedIn(403), citizen: 200 },
  },
  // ── handling: the coordinator ──
  'POST /api/v1/messages/{id}/assignments': {
    request: async ({ message, unit }) => ({ method: 'POST', url: `/api/v1/messages/${await message('accepted')}/assignments`, payload: { leadUnitId: Number(unit('dh-mzj')), handlingClass: 'timely' } }),
    expect: only(201, 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/messages/{id}/reopen': {
    request: async ({ dissatisfied }) => ({ method: 'POST', url: `/api/v1/messages/${await dissatisfied()}/reopen`, payload: { reason: '网民反映问题未解决，请重新办理。' } }),
    expect: only(200, 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/messages/{id}/close': {
    request: async ({ dissatisfied }) => ({ method: 'POST', url: `/api/v1/messages/${await dissatisfied()}/close`, payload: { explanation: '诉求已依法依规答复，不再重办。' } }),
    expect: only(200, 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/messages/{id}/callbacks': {
    request: async ({ message }) => ({ method: 'POST', url: `/api/v1/messages/${await message('accepted')}/callbacks`, payload: { visitedOn: '2026-11-20', method: 'phone', outcome: '电话回访，网民表示满意。', satisfaction: 'satisfied' } }),
    expect: only(201, 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/messages/{id}/urges': {
    request: async ({ handled }) => ({ method: 'POST', url: `/api/v1/messages/${(await handled()).messageId}/urges`, payload: { body: '请加快办理。' } }),
    expect: only(201, 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/messages/{id}/supervision': {
    request: async ({ handled }) => ({ method: 'POST', url: `/api/v1/messages/${(await handled()).messageId}/supervision`, payload: { requirements: '请于三个工作日内办结并反馈。' } }),
    expect: only(201, 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/messages/{id}/leader-attention': {
    request: async ({ message }) => ({ method: 'POST', url: `/api/v1/messages/${await message('accepted')}/leader-attention`, payload: { attention: true } }),
    expect: only(200, 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/messages/{id}/instructions': {
    request: async ({ message }) => ({ method: 'POST', url: `/api/v1/messages/${await message('accepted')}/instructions`, payload: { body: '请抓紧办理，确保老年人用餐问题尽快解决。' } }),
    expect: only(201, 'leader', 'platform_admin'),
  },
  'POST /api/v1/messages/{id}/notes': {
    // Assigned to 东湖区民政局: every staff role sees it (its board or its assignment).
    request: async ({ handled }) => ({ method: 'POST', url: `/api/v1/messages/${(await handled()).messageId}/notes`, payload: { body: '已电话了解情况。' } }),
    expect: staff(201),
  },
  'GET /api/v1/handling': { request: () => ({ method: 'GET', url: '/api/v1/handling?view=open' }), expect: only(200, 'coordinator', 'platform_admin') },
  'GET /api/v1/handling/counts': { request: () => ({ method: 'GET', url: '/api/v1/handling/counts' }), expect: only(200, 'coordinator', 'platform_admin') },
  'GET /api/v1/extension-requests': { request: () => ({ method: 'GET', url: '/api/v1/extension-requests' }), expect: only(200, 'coordinator', 'platform_admin') },
  'POST /api/v1/extension-requests/{id}/decision': {
    request: async ({ extension }) => ({ method: 'POST', url: `/api/v1/extension-requests/${await extension()}/decision`, payload: { approve: true } }),
    expect: only(200, 'coordinator', 'platform_admin'),
  },
  // ── handling: the unit (东湖区民政局; the coordinator's unit holds no part: 404) ──
  'POST /api/v1/assignments/{id}/sign': {
    request: async ({ handled }) => ({ method: 'POST', url: `/api/v1/assignments/${(await handled()).assignmentId}/sign` }),
    expect: { ...only(200, 'unit_handler', 'unit_admin', 'platform_admin'), coordinator: 404 },
  },
  'POST /api/v1/assignments/{id}/return': {
    request: async ({ handled }) => ({ method: 'POST', url: `/api/v1/assignments/${(await handled()).assignmentId}/return`, payload: { reason: '不属于本单位职责。' } }),
    expect: { ...only(200, 'unit_handler', 'unit_admin', 'platform_admin'), coordinator: 404 },
  },
  'POST /api/v1/assignments/{id}/pass-down': {
    request: async ({ handled, unit }) => ({ method: 'POST', url: `/api/v1/assignments/${(await handled({ sign: true })).assignmentId}/pass-down`, payload: { leadUnitId: Number(unit('dh-bhzjd')) } }),
    expect: { ...only(200, 'unit_handler', 'unit_admin', 'platform_admin'), coordinator: 404 },
  },
  'POST /api/v1/assignments/{id}/contacts': {
    request: async ({ handled }) => ({ method: 'POST', url: `/api/v1/assignments/${(await handled({ sign: true })).assignmentId}/contacts`, payload: { method: 'phone', summary: '已电话联系网民了解诉求。' } }),
    expect: { ...only(201, 'unit_handler', 'unit_admin', 'platform_admin'), coordinator: 404 },
  },
  'POST /api/v1/assignments/{id}/contributions': {
    request: async ({ handled }) => ({ method: 'POST', url: `/api/v1/assignments/${(await handled({ sign: true, asCo: true })).assignmentId}/contributions`, payload: { body: '本单位负责场地协调。' } }),
    expect: { ...only(201, 'unit_handler', 'unit_admin', 'platform_admin'), coordinator: 404 },
  },
  'POST /api/v1/assignments/{id}/extension-requests': {
    request: async ({ handled }) => ({ method: 'POST', url: `/api/v1/assignments/${(await handled({ sign: true })).assignmentId}/extension-requests`, payload: { days: 2, reason: '需协调多个部门。' } }),
    expect: { ...only(201, 'unit_handler', 'unit_admin', 'platform_admin'), coordinator: 404 },
  },
  'GET /api/v1/inbox': { request: () => ({ method: 'GET', url: '/api/v1/inbox?tab=to_sign' }), expect: only(200, 'unit_handler', 'unit_admin', 'coordinator', 'platform_admin') },
  'GET /api/v1/workbench': { request: () => ({ method: 'GET', url: '/api/v1/workbench' }), expect: staff(200) },
  'GET /api/v1/inbox/counts': { request: () => ({ method: 'GET', url: '/api/v1/inbox/counts' }), expect: only(200, 'unit_handler', 'unit_admin', 'coordinator', 'platform_admin') },
  'POST /api/v1/replies/{id}/review': {
    // A reply of 大院街道办事处, whose replies need a unit admin's approval: 东湖区委's unit admin or the platform admin.
    request: async ({ heldReply }) => ({ method: 'POST', url: `/api/v1/replies/${await heldReply()}/review`, payload: { approve: true } }),
    expect: { ...only(200, 'unit_admin', 'platform_admin'), coordinator: 404 },
  },
  'GET /api/v1/reviews': { request: () => ({ method: 'GET', url: '/api/v1/reviews' }), expect: only(200, 'unit_admin', 'coordinator', 'platform_admin') },
  'GET /api/v1/messages/{id}/letters/{kind}': {
    request: async ({ handled }) => ({ method: 'GET', url: `/api/v1/messages/${(await handled()).messageId}/letters/assignment` }),
    expect: staff(200),
  },
  'GET /api/v1/messages/{id}/letters/{kind}/pdf': {
    request: async ({ handled }) => ({ method: 'GET', url: `/api/v1/messages/${(await handled()).messageId}/letters/assignment/pdf` }),
    expect: staff(200),
  },
  'GET /api/v1/deadline-policies': { request: () => ({ method: 'GET', url: '/api/v1/deadline-policies' }), expect: staff(200) },
  'PUT /api/v1/deadline-policies/{region}/{handlingClass}': {
    request: () => ({ method: 'PUT', url: '/api/v1/deadline-policies/360100/special', payload: { signDays: 1, contactDays: 1, replyDays: 3, maxExtensionDays: 3 } }),
    expect: only(200, 'platform_admin'),
  },
  'DELETE /api/v1/deadline-policies/{region}/{handlingClass}': {
    request: async () => {
      await t.db.insertInto('deadline_policies').values({ region_code: '360200', handling_class: 'high', sign_days: 1, contact_days: 2, reply_days: 5, max_extension_days: 5 }).onConflict((oc) => oc.doNothing()).execute();
      return { method: 'DELETE', url: '/api/v1/deadline-policies/360200/high' };
    },
    expect: only(204, 'platform_admin'),
  },
  'GET /api/v1/units/{id}/reply-review': { request: ({ unit }) => ({ method: 'GET', url: `/api/v1/units/${unit('dh-mzj')}/reply-review` }), expect: staff(200) },
  'PUT /api/v1/units/{id}/reply-review': {
    request: ({ unit }) => ({ method: 'PUT', url: `/api/v1/units/${unit('dh-mzj')}/reply-review`, payload: { mode: 'none' } }),
    expect: only(200, 'unit_admin', 'platform_admin'),
  },
  // ── statistics: published figures for everyone; the internal view for statistics roles in their region ──
  'GET /api/v1/stats/summary': { request: () => ({ method: 'GET', url: '/api/v1/stats/summary?region=360000&from=2026-01-01&to=2026-06-30' }), expect: everyone(200) },
  'GET /api/v1/stats/rankings': { request: () => ({ method: 'GET', url: '/api/v1/stats/rankings?metric=replyRate' }), expect: everyone(200) },
  'GET /api/v1/stats/timeseries': { request: () => ({ method: 'GET', url: '/api/v1/stats/timeseries?region=360100&interval=week&from=2026-01-01&to=2026-03-31' }), expect: everyone(200) },
  'GET /api/v1/stats/hot-topics': { request: () => ({ method: 'GET', url: '/api/v1/stats/hot-topics?region=360000' }), expect: everyone(200) },
  'GET /api/v1/stats/boards': { request: () => ({ method: 'GET', url: '/api/v1/stats/boards?region=360000' }), expect: everyone(200) },
  // ── campaign figures (campaign-figures.routes.ts): published counts, for everyone ──
  'GET /api/v1/stats/campaigns': { request: () => ({ method: 'GET', url: '/api/v1/stats/campaigns?region=360000&from=2026-01-01&to=2026-12-31' }), expect: everyone(200) },
  // ── end campaign figures ──
  'GET /api/v1/stats/overdue-units': {
    request: () => ({ method: 'GET', url: '/api/v1/stats/overdue-units?region=360000' }),
    expect: only(200, 'coordinator', 'leader', 'analyst', 'platform_admin'),
  },
  // ── oversight (issue 16): 清零 and the bulletin for coordinators, leaders and analysts of the region; urging for coordinators ──
  'GET /api/v1/oversight/clearance': { request: () => ({ method: 'GET', url: '/api/v1/oversight/clearance?regionCode=360000' }), expect: only(200, 'coordinator', 'leader', 'analyst', 'platform_admin') },
  'GET /api/v1/oversight/clearance/items': { request: () => ({ method: 'GET', url: '/api/v1/oversight/clearance/items?regionCode=360000&ageBand=d0_7' }), expect: only(200, 'coordinator', 'leader', 'analyst', 'platform_admin') },
  'POST /api/v1/oversight/clearance/urge': {
    request: () => ({ method: 'POST', url: '/api/v1/oversight/clearance/urge', payload: { regionCode: '360000', ageBand: 'd90_plus' } }),
    expect: only(200, 'coordinator', 'platform_admin'),
  },
  'GET /api/v1/oversight/bulletin': { request: () => ({ method: 'GET', url: '/api/v1/oversight/bulletin?regionCode=360000&year=2026&quarter=1' }), expect: only(200, 'coordinator', 'leader', 'analyst', 'platform_admin') },
  'GET /api/v1/oversight/bulletin/xlsx': { request: () => ({ method: 'GET', url: '/api/v1/oversight/bulletin/xlsx?regionCode=360000&year=2026&quarter=1' }), expect: only(200, 'coordinator', 'leader', 'analyst', 'platform_admin') },
  'GET /api/v1/oversight/bulletin/pdf': { request: () => ({ method: 'GET', url: '/api/v1/oversight/bulletin/pdf?regionCode=360000&year=2026&quarter=1' }), expect: only(200, 'coordinator', 'leader', 'analyst', 'platform_admin') },
  'GET /api/v1/oversight/assessment': { request: () => ({ method: 'GET', url: '/api/v1/oversight/assessment?regionCode=360000&year=2026' }), expect: only(200, 'coordinator', 'leader', 'analyst', 'platform_admin') },
  'GET /api/v1/oversight/assessment/xlsx': { request: () => ({ method: 'GET', url: '/api/v1/oversight/assessment/xlsx?regionCode=360000&year=2026' }), expect: only(200, 'coordinator', 'leader', 'analyst', 'platform_admin') },
  // ── end oversight ──
  // ── notifications: every logged-in account has its own ──
  'GET /api/v1/notifications': { request: () => ({ method: 'GET', url: '/api/v1/notifications?unread=true' }), expect: loggedIn(200) },
  'GET /api/v1/notifications/unread-count': { request: () => ({ method: 'GET', url: '/api/v1/notifications/unread-count' }), expect: loggedIn(200) },
  'POST /api/v1/notifications/{id}/read': {
    request: async ({ role }) => ({ method: 'POST', url: `/api/v1/notifications/${role === 'anonymous' ? '1' : await newNotificationOf(LOGINS[role])}/read` }),
    expect: loggedIn(200),
  },
  'POST /api/v1/notifications/read-all': { request: () => ({ method: 'POST', url: '/api/v1/notifications/read-all' }), expect: loggedIn(200) },
  'GET /api/v1/notifications/stream': {
    // An event stream: the status comes with the headers; the app ends the open streams when it closes.
    request: () => ({ method: 'GET', url: '/api/v1/notifications/stream', payloadAsStream: true }),
    expect: loggedIn(200),
  },
  // ── reports: half-year reports are public, weekly digests internal; report.manage makes them ──
  'POST /api/v1/reports': {
    request: () => ({ method: 'POST', url: '/api/v1/reports', payload: { kind: 'half_year', region: '360000', period: '2026-H1' } }),
    expect: only(201, 'analyst', 'platform_admin'),
  },
  'GET /api/v1/reports': { request: () => ({ method: 'GET', url: '/api/v1/reports' }), expect: everyone(200) },
  'GET /api/v1/reports/{id}': { request: async () => ({ method: 'GET', url: `/api/v1/reports/${await reportOf('half_year')}` }), expect: everyone(200) },
  'GET /api/v1/reports/{id}/xlsx': { request: async () => ({ method: 'GET', url: `/api/v1/reports/${await reportOf('half_year')}/xlsx` }), expect: everyone(200) },
  'GET /api/v1/reports/{id}/pdf': { request: async () => ({ method: 'GET', url: `/api/v1/reports/${await reportOf('half_year')}/pdf` }), expect: everyone(200) },
  'GET /api/v1/report-subscriptions': { request: () => ({ method: 'GET', url: '/api/v1/report-subscriptions' }), expect: only(200, 'analyst', 'platform_admin') },
  'POST /api/v1/report-subscriptions': {
    request: async ({ role }) => {
      // Subscribing needs an address to send to.
      if (role !== 'anonymous') await t.db.updateTable('accounts').set({ email: `${role}@example.gov.cn` }).where('id', '=', await accountIdOf(t.db, LOGINS[role])).execute();
      return { method: 'POST', url: '/api/v1/report-subscriptions', payload: { kind: 'weekly', region: '360000' } };
    },
    expect: only(201, 'analyst', 'platform_admin'),
  },
  'DELETE /api/v1/report-subscriptions': {
    request: () => ({ method: 'DELETE', url: '/api/v1/report-subscriptions?kind=weekly&region=360000' }),
    expect: only(204, 'analyst', 'platform_admin'),
  },
  // ── campaigns: public once published; campaign.manage (coordinator, unit admin, platform admin) for the organiser unit's managers ──
  'POST /api/v1/campaigns': {
    // 东湖区委办公室 on the 东湖区委书记 board: inside the unit admin's subtree and the coordinator's region.
    request: async ({ n, unit }) => ({ method: 'POST', url: '/api/v1/campaigns', payload: campaignPayload(n, unit('dh-pc-office'), await boardIdOf(t.db, '东湖区委书记')) }),
    expect: only(201, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  'GET /api/v1/campaigns': { request: () => ({ method: 'GET', url: '/api/v1/campaigns?phase=open' }), expect: everyone(200) },
  'GET /api/v1/campaigns/{id}': { request: async () => ({ method: 'GET', url: `/api/v1/campaigns/${await campaignOf('open')}` }), expect: everyone(200) },
  'PATCH /api/v1/campaigns/{id}': {
    request: async ({ n }) => ({ method: 'PATCH', url: `/api/v1/campaigns/${await campaignOf('open')}`, payload: { description: `说明修改${n}` } }),
    expect: only(200, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/campaigns/{id}/publish': {
    request: async () => ({ method: 'POST', url: `/api/v1/campaigns/${await campaignOf('draft')}/publish` }),
    // A draft is not known to exist for those who may not manage it.
    expect: { ...everyone(404), anonymous: 401, citizen: 403, unit_handler: 403, leader: 403, analyst: 403, unit_admin: 200, coordinator: 200, platform_admin: 200 },
  },
  'POST /api/v1/campaigns/{id}/results': {
    request: async ({ n }) => ({ method: 'POST', url: `/api/v1/campaigns/${await campaignOf('ended')}/results`, payload: { summary: `共收到建议若干条，采纳若干条。${n}` } }),
    expect: only(200, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  'GET /api/v1/campaigns/{id}/stats': { request: async () => ({ method: 'GET', url: `/api/v1/campaigns/${await campaignOf('open')}/stats` }), expect: everyone(200) },
  'POST /api/v1/campaigns/{id}/entries': {
    request: async () => {
      await t.db.deleteFrom('rate_limits').where('key', 'like', 'message:%').execute();
      return { method: 'POST', url: `/api/v1/campaigns/${await campaignOf('open')}/entries`, payload: { kind: 'suggestion', title: '建议推行小份菜', body: '建议机关食堂推行小份菜、半份菜，减少浪费。', regionCode: '360102' } };
    },
    expect: { ...loggedIn(403), citizen: 201 },
  },
  'GET /api/v1/campaigns/{id}/entries': { request: async () => ({ method: 'GET', url: `/api/v1/campaigns/${await campaignOf('open')}/entries?sort=support` }), expect: everyone(200) },
  'GET /api/v1/campaigns/{id}/entries.xlsx': {
    request: async () => ({ method: 'GET', url: `/api/v1/campaigns/${await campaignOf('open')}/entries.xlsx` }),
    expect: only(200, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/campaigns/{id}/entries/{entryId}/support': {
    request: async () => ({ method: 'POST', url: `/api/v1/campaigns/${await campaignOf('open')}/entries/${await campaignEntry()}/support` }),
    expect: { ...loggedIn(403), citizen: 200 },
  },
  'DELETE /api/v1/campaigns/{id}/entries/{entryId}/support': {
    request: async () => ({ method: 'DELETE', url: `/api/v1/campaigns/${await campaignOf('open')}/entries/${await campaignEntry()}/support` }),
    expect: { ...loggedIn(403), citizen: 200 },
  },
  'POST /api/v1/campaigns/{id}/entries/{entryId}/adoption': {
    request: async () => ({ method: 'POST', url: `/api/v1/campaigns/${await campaignOf('open')}/entries/${await campaignEntry()}/adoption`, payload: { note: '已纳入食堂管理办法。' } }),
    expect: only(200, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  'DELETE /api/v1/campaigns/{id}/entries/{entryId}/adoption': {
    request: async () => ({ method: 'DELETE', url: `/api/v1/campaigns/${await campaignOf('open')}/entries/${await campaignEntry()}/adoption` }),
    expect: only(200, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  'GET /api/v1/adopted-suggestions': { request: () => ({ method: 'GET', url: '/api/v1/adopted-suggestions' }), expect: everyone(200) },
  // ── campaign live counter (campaign-stream.ts) ──
  'GET /api/v1/campaigns/{id}/stream': {
    // An event stream: the status comes with the headers; the app ends the open streams when it closes.
    request: async () => ({ method: 'GET', url: `/api/v1/campaigns/${await campaignOf('open')}/stream`, payloadAsStream: true }),
    expect: everyone(200),
  },
  // ── end campaign live counter ──
  // ── questionnaires: public once published; campaign.manage for the organiser unit's managers ──
  'POST /api/v1/questionnaires': {
    request: ({ n, unit }) => ({ method: 'POST', url: '/api/v1/questionnaires', payload: questionnairePayload(n, unit('dh-mzj')) }),
    expect: only(201, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  'GET /api/v1/questionnaires': { request: () => ({ method: 'GET', url: '/api/v1/questionnaires' }), expect: everyone(200) },
  'GET /api/v1/questionnaires/{id}': { request: async () => ({ method: 'GET', url: `/api/v1/questionnaires/${await questionnaireOf('shared')}` }), expect: everyone(200) },
  'PATCH /api/v1/questionnaires/{id}': {
    // A new title is an additive change, allowed before and after responses.
    request: async ({ n }) => ({ method: 'PATCH', url: `/api/v1/questionnaires/${await questionnaireOf('shared')}`, payload: { title: `食堂餐饮浪费问卷${n}` } }),
    expect: only(200, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/questionnaires/{id}/publish': {
    request: async () => ({ method: 'POST', url: `/api/v1/questionnaires/${await questionnaireOf('draft')}/publish` }),
    expect: only(200, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  'POST /api/v1/questionnaires/{id}/responses': {
    // Audience 'citizens': a logged-in citizen, once.
    request: async () => ({ method: 'POST', url: `/api/v1/questionnaires/${await questionnaireOf('shared')}/responses`, payload: { answers: { [await firstQuestionOf('shared')]: 'yes' } } }),
    expect: { ...loggedIn(403), citizen: 201 },
  },
  'GET /api/v1/questionnaires/{id}/results': {
    request: async () => ({ method: 'GET', url: `/api/v1/questionnaires/${await questionnaireOf('shared')}/results?crossBy=region` }),
    expect: only(200, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  'GET /api/v1/questionnaires/{id}/responses.xlsx': {
    request: async () => ({ method: 'GET', url: `/api/v1/questionnaires/${await questionnaireOf('shared')}/responses.xlsx` }),
    expect: only(200, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  // The working-day calendar: every staff member sees whether it needs an admin; only platform admins keep it.
  'GET /api/v1/calendar/status': { request: () => ({ method: 'GET', url: '/api/v1/calendar/status' }), expect: staff(200) },
  'GET /api/v1/calendar/years/{year}': { request: () => ({ method: 'GET', url: '/api/v1/calendar/years/2026' }), expect: only(200, 'platform_admin') },
  'PUT /api/v1/calendar/years/{year}': {
    // A far year, so no deadline of the other rows moves.
    request: () => ({ method: 'PUT', url: '/api/v1/calendar/years/2150', payload: { entries: [{ from: '2150-01-01', kind: 'holiday', name: '元旦' }] } }),
    expect: only(200, 'platform_admin'),
  },
  'PUT /api/v1/calendar/days/{day}': {
    request: ({ n }) => ({ method: 'PUT', url: `/api/v1/calendar/days/2151-03-${String(1 + (n % 28)).padStart(2, '0')}`, payload: { kind: 'holiday', name: '测试' } }),
    expect: only(200, 'platform_admin'),
  },
  // Last: it ends the session the other rows use.
  'POST /api/v1/auth/logout': { request: () => ({ method: 'POST', url: '/api/v1/auth/logout' }), expect: everyone(204) },
};

/** A new notification of the account, for the rows that read one. Returns its id. */
async function newNotificationOf(loginOrMobile: string): Promise<string> {
  const accountId = await accountIdOf(t.db, loginOrMobile);
  await t.db.transaction().execute((tx) => notify(tx, { kind: 'test', recipients: { accountIds: [accountId] }, title: { 'zh-CN': '测试通知', 'zh-TW': '測試通知', en: 'Test' } }));
  const row = await t.db.selectFrom('notifications').select('id').where('account_id', '=', accountId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.id;
}

const reports = new Map<string, Promise<number>>();

/** A 江西 report of the kind (2026 H1, or a week of it), made once by the platform admin. Returns its id. */
function reportOf(kind: 'half_year' | 'weekly'): Promise<number> {
  if (!reports.has(kind)) {
    reports.set(kind, actorOf(t.db, 'admin').then((admin) => generateReport(t.db, admin, { kind, region: '360000', period: kind === 'half_year' ? '2026-H1' : '2026-06-01' })).then((r) => r.id));
  }
  return reports.get(kind)!;
}

function campaignPayload(n: number, organiserUnitId: string, boardId: string, window: { startsAt: string; endsAt: string } = { startsAt: new Date(Date.now() - 3600_000).toISOString(), endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }) {
  return { title: `反食品浪费金点子征集${n}`, description: '面向社会征集反食品浪费的意见建议。', organiserUnitId: Number(organiserUnitId), boardId: Number(boardId), topics: ['食堂管理'], regionCodes: [], hasPrizes: true, entriesPublic: true, ...window };
}

const campaigns = new Map<string, Promise<number>>();
let campaignCount = 0;

/**
 * A campaign made by the platform admin, organised by 东湖区委办公室 (or the unit
 * of `organiserKey`) on the 东湖区委书记 board: open (published, running; made
 * once), ended (published, over; made once) or a fresh draft each call. Returns its id.
 */
function campaignOf(state: 'draft' | 'open' | 'ended', organiserKey = 'dh-pc-office'): Promise<number> {
  const key = `${state}:${organiserKey}`;
  if (state === 'draft' || !campaigns.has(key)) {
    const made = (async () => {
      const admin = await actorOf(t.db, 'admin');
      const window = state === 'ended' ? { startsAt: new Date(Date.now() - 2 * 86_400_000).toISOString(), endsAt: new Date(Date.now() - 86_400_000).toISOString() } : undefined;
      const draft = await createCampaign(t.db, admin, campaignPayload(++campaignCount, unitIds.get(organiserKey)!, await boardIdOf(t.db, '东湖区委书记'), window));
      if (state !== 'draft') await publishCampaign(t.db, admin, String(draft.id));
      return draft.id;
    })();
    if (state === 'draft') return made;
    campaigns.set(key, made);
  }
  return campaigns.get(key)!;
}

/** A new entry of the demo citizen to the open campaign, accepted (listed). Returns its id. */
async function campaignEntry(): Promise<number> {
  await t.db.deleteFrom('rate_limits').where('key', 'like', 'message:%').execute();
  const created = await submitEntry(t.db, await actorOf(t.db, LOGINS.citizen), String(await campaignOf('open')), { kind: 'suggestion', title: '建议推行半份菜', body: '建议机关食堂推行小份菜、半份菜，减少浪费。', regionCode: '360102' }, null);
  await screenMessage(t.db, await actorOf(t.db, 'admin'), String(created.id), { decision: 'accept' });
  return created.id;
}

function questionnairePayload(n: number, organiserUnitId: string, audience: 'citizens' | 'anyone' = 'citizens') {
  return {
    title: `食堂餐饮浪费问卷${n}`,
    description: '了解公共机构食堂餐饮浪费情况。',
    organiserUnitId: Number(organiserUnitId),
    audience,
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    questions: [
      { kind: 'single' as const, text: '您是否在单位食堂就餐？', required: true, options: [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }] },
      { kind: 'long' as const, text: '您的建议', required: false },
    ],
  };
}

const questionnaires = new Map<string, Promise<{ id: number; firstQuestion: number }>>();
let questionnaireCount = 0;

/**
 * A questionnaire made by the platform admin: 'shared' (东湖区民政局, citizens, published; made once),
 * 'anyone' (the same for anyone), 'henan' (河南省人民政府, published; made once), or a fresh 'draft' each call.
 */
function questionnaireOf(kind: 'shared' | 'anyone' | 'henan' | 'draft'): Promise<number> {
  const made = async () => {
    const admin = await actorOf(t.db, 'admin');
    const unitId = unitIds.get(kind === 'henan' ? 'ha-gov' : 'dh-mzj')!;
    const draft = await createQuestionnaire(t.db, admin, questionnairePayload(++questionnaireCount, unitId, kind === 'anyone' ? 'anyone' : 'citizens'));
    if (kind !== 'draft') await publishQuestionnaire(t.db, admin, String(draft.id));
    return { id: draft.id, firstQuestion: draft.questions[0]!.id };
  };
  if (kind === 'draft') return made().then((q) => q.id);
  if (!questionnaires.has(kind)) questionnaires.set(kind, made());
  return questionnaires.get(kind)!.then((q) => q.id);
}

async function firstQuestionOf(kind: 'shared' | 'anyone'): Promise<number> {
  await questionnaireOf(kind);
  return (await questionnaires.get(kind)!).firstQuestion;
}

/** Scope: the same route, a resource outside some roles' subtree. */
const SCOPED: { name: string; request: (ctx: Ctx) => InjectOptions | Promise<InjectOptions>; expect: Record<Role, Outcome> }[] = [
  {
    name: 'GET /api/v1/stats/summary, internal view of 江西 with the unit cut',
    request: () => ({ method: 'GET', url: '/api/v1/stats/summary?region=360000&view=internal&cut=unit' }),
    expect: { anonymous: 401, citizen: 403, unit_handler: 403, unit_admin: 403, coordinator: 200, leader: 200, analyst: 200, platform_admin: 200 },
  },
  {
    name: 'GET /api/v1/stats/summary, internal view of 海南 (outside 江西)',
    request: () => ({ method: 'GET', url: '/api/v1/stats/summary?region=460000&view=internal' }),
    expect: { anonymous: 401, citizen: 403, unit_handler: 403, unit_admin: 403, coordinator: 403, leader: 403, analyst: 403, platform_admin: 200 },
  },
  {
    name: 'GET /api/v1/stats/overdue-units of the whole country',
    request: () => ({ method: 'GET', url: '/api/v1/stats/overdue-units' }),
    expect: { anonymous: 401, citizen: 403, unit_handler: 403, unit_admin: 403, coordinator: 403, leader: 403, analyst: 403, platform_admin: 200 },
  },
  {
    name: 'GET /api/v1/accounts/{id} of a staff account outside the unit admin\'s subtree',
    request: async ({ unit }) => ({ method: 'GET', url: `/api/v1/accounts/${(await makeStaff(t.db, { unitId: unit('nc-mzj') })).id}` }),
    expect: { ...only(200, 'platform_admin'), unit_admin: 404 },
  },
  {
    name: 'GET /api/v1/accounts/{id} of a citizen',
    request: async () => ({ method: 'GET', url: `/api/v1/accounts/${(await makeCitizen(t.db)).id}` }),
    expect: { ...only(200, 'platform_admin'), unit_admin: 404 },
  },
  {
    name: 'GET /api/v1/oversight/clearance of 河南 (outside 江西)',
    request: () => ({ method: 'GET', url: '/api/v1/oversight/clearance?regionCode=410000' }),
    expect: only(200, 'platform_admin'),
  },
  {
    name: 'POST /api/v1/oversight/clearance/urge in 河南 (outside the coordinator’s region)',
    request: () => ({ method: 'POST', url: '/api/v1/oversight/clearance/urge', payload: { regionCode: '410000', ageBand: 'd90_plus' } }),
    expect: only(200, 'platform_admin'),
  },
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
    name: 'POST /api/v1/accounts/{id}/disable of a handler of 南昌市民政局 (outside the unit admin’s subtree)',
    request: async ({ unit }) => ({ method: 'POST', url: `/api/v1/accounts/${(await makeStaff(t.db, { unitId: unit('nc-mzj') })).id}/disable` }),
    expect: { ...only(200, 'platform_admin'), unit_admin: 404 },
  },
  {
    name: 'PATCH /api/v1/accounts/{id} granting coordinator',
    request: async ({ unit }) => ({ method: 'PATCH', url: `/api/v1/accounts/${(await makeStaff(t.db, { unitId: unit('dh-mzj') })).id}`, payload: { roles: ['coordinator'] } }),
    expect: only(200, 'platform_admin'),
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
    name: 'POST /api/v1/messages/{id}/assignments to a 河南 unit',
    request: async ({ message, unit }) => ({ method: 'POST', url: `/api/v1/messages/${await message('accepted')}/assignments`, payload: { leadUnitId: Number(unit('ha-pc')), handlingClass: 'timely' } }),
    expect: { ...only(201, 'platform_admin'), coordinator: 422 },
  },
  {
    name: 'GET /api/v1/handling?view=high (the leaders’ list)',
    request: () => ({ method: 'GET', url: '/api/v1/handling?view=high' }),
    expect: only(200, 'coordinator', 'leader', 'platform_admin'),
  },
  {
    name: 'POST /api/v1/assignments/{id}/sign of a 大院街道 assignment (not the handler’s unit)',
    request: async ({ handled }) => ({ method: 'POST', url: `/api/v1/assignments/${(await handled({ unitKey: 'dh-dyjd' })).assignmentId}/sign` }),
    expect: { ...only(200, 'unit_admin', 'platform_admin'), unit_handler: 404, coordinator: 404 },
  },
  {
    // Another citizen's: for everyone else it does not exist.
    name: 'POST /api/v1/notifications/{id}/read of another account’s notification',
    request: async () => ({ method: 'POST', url: `/api/v1/notifications/${await newNotificationOf('15037420002')}/read` }),
    expect: { ...everyone(404), anonymous: 401 },
  },
  {
    name: 'GET /api/v1/reports/{id} of a weekly digest (internal: statistics staff of the region)',
    request: async () => ({ method: 'GET', url: `/api/v1/reports/${await reportOf('weekly')}` }),
    expect: { ...everyone(404), coordinator: 200, leader: 200, analyst: 200, platform_admin: 200 },
  },
  {
    name: 'POST /api/v1/reports for 河南 (outside the analyst’s region)',
    request: () => ({ method: 'POST', url: '/api/v1/reports', payload: { kind: 'half_year', region: '410000', period: '2026-H1' } }),
    expect: { ...only(201, 'platform_admin'), analyst: 403 },
  },
  {
    name: 'PATCH /api/v1/campaigns/{id} of a campaign organised by 江西省人民政府办公厅 (outside the unit admin’s subtree, inside the coordinator’s region)',
    request: async ({ n }) => ({ method: 'PATCH', url: `/api/v1/campaigns/${await campaignOf('open', 'jx-gov-office')}`, payload: { description: `说明修改${n}` } }),
    expect: only(200, 'coordinator', 'platform_admin'),
  },
  {
    name: 'POST /api/v1/campaigns/{id}/publish of a draft organised by 江西省人民政府办公厅',
    request: async () => ({ method: 'POST', url: `/api/v1/campaigns/${await campaignOf('draft', 'jx-gov-office')}/publish` }),
    expect: { ...only(200, 'coordinator', 'platform_admin'), unit_admin: 404 },
  },
  {
    name: 'GET /api/v1/campaigns/{id} of a draft (its managers only)',
    request: async () => ({ method: 'GET', url: `/api/v1/campaigns/${await campaignOf('draft')}` }),
    expect: { ...everyone(404), unit_admin: 200, coordinator: 200, platform_admin: 200 },
  },
  // ── campaign live counter ──
  {
    name: 'GET /api/v1/campaigns/{id}/stream of a draft (nobody, its managers neither: a draft takes no entries)',
    request: async () => ({ method: 'GET', url: `/api/v1/campaigns/${await campaignOf('draft')}/stream` }),
    expect: everyone(404),
  },
  // ── end campaign live counter ──
  {
    name: 'GET /api/v1/campaigns?manage=true',
    request: () => ({ method: 'GET', url: '/api/v1/campaigns?manage=true' }),
    expect: only(200, 'unit_admin', 'coordinator', 'platform_admin'),
  },
  {
    name: 'GET /api/v1/fields?all=true',
    request: () => ({ method: 'GET', url: '/api/v1/fields?all=true' }),
    expect: { ...only(200, 'platform_admin') },
  },
  {
    name: 'GET /api/v1/questionnaires/{id} of a draft (its managers only)',
    request: async () => ({ method: 'GET', url: `/api/v1/questionnaires/${await questionnaireOf('draft')}` }),
    expect: { ...everyone(404), unit_admin: 200, coordinator: 200, platform_admin: 200 },
  },
  {
    name: 'GET /api/v1/questionnaires/{id}/results of a 河南 questionnaire (published: 403 outside the scope)',
    request: async () => ({ method: 'GET', url: `/api/v1/questionnaires/${await questionnaireOf('henan')}/results` }),
    expect: only(200, 'platform_admin'),
  },
  {
    name: 'POST /api/v1/questionnaires organised by a 河南 unit',
    request: ({ n, unit }) => ({ method: 'POST', url: '/api/v1/questionnaires', payload: questionnairePayload(n, unit('ha-gov')) }),
    expect: { ...only(201, 'platform_admin'), unit_admin: 422, coordinator: 422 },
  },
  {
    name: 'POST /api/v1/questionnaires/{id}/responses to a questionnaire for anyone',
    request: async () => ({ method: 'POST', url: `/api/v1/questionnaires/${await questionnaireOf('anyone')}/responses`, payload: { answers: { [await firstQuestionOf('anyone')]: 'no' } } }),
    expect: everyone(201),
  },
];

let t: TestApp;
let publicPhotoId = '';
let listedMessageId = '';
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
  // 大院街道办事处's replies wait for a unit admin (the held-reply rows).
  await t.db.updateTable('units').set({ reply_review: 'unit_admin' }).where('key', '=', 'dh-dyjd').execute();
  sessions.set('anonymous', null);
  for (const [role, name] of Object.entries(LOGINS)) sessions.set(role as Role, await login(t.app, name));
});
afterAll(async () => t.close());

function ctx(role: Role): Ctx {
  return {
    role,
    n: ++counter,
    message: (state) => makeMessage(t.db, { author: LOGINS.citizen, state }),
    handled,
    async dissatisfied() {
      const id = await makeMessage(t.db, { author: LOGINS.citizen, state: 'replied' });
      await rateMessage(t.db, await actorOf(t.db, LOGINS.citizen), id, { resolution: 1, attitude: 2, speed: 1, comment: '没有解决' });
      return id;
    },
    async extension() {
      const { assignmentId } = await handled({ sign: true });
      return String((await requestExtension(t.db, await actorOf(t.db, 'admin'), assignmentId, { days: 2, reason: '需协调多个部门。' })).id);
    },
    async heldReply() {
      const { messageId } = await handled({ sign: true, unitKey: 'dh-dyjd' });
      return String((await submitReply(t.db, await actorOf(t.db, 'street'), messageId, { body: '已安排食堂选址。', final: false })).id);
    },
    unit: (key) => {
      const id = unitIds.get(key);
      if (!id) throw new Error(`no demo unit ${key}`);
      return id;
    },
  };
}

async function handled(options: { sign?: boolean; asCo?: boolean; unitKey?: string } = {}): Promise<{ messageId: string; assignmentId: string }> {
  const messageId = await makeMessage(t.db, { author: LOGINS.citizen, state: 'accepted' });
  const admin = await actorOf(t.db, 'admin');
  const unit = unitIds.get(options.unitKey ?? 'dh-mzj')!;
  const lead = options.asCo ? unitIds.get('jx-msstd')! : unit;
  await assignMessage(t.db, admin, messageId, { leadUnitId: Number(lead), coUnitIds: options.asCo ? [Number(unit)] : [], handlingClass: 'timely' });
  const assignment = await t.db.selectFrom('assignments').select('id').where('message_id', '=', messageId).where('unit_id', '=', unit).executeTakeFirstOrThrow();
  if (options.sign) await signAssignment(t.db, admin, assignment.id);
  return { messageId, assignmentId: assignment.id };
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
