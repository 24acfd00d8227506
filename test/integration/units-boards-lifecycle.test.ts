/**
 * Units and boards over time (issue 15): editing a unit, moving it with its
 * subtree, retiring it once its work has moved and reactivating it; renaming,
 * repointing, retiring and reopening a board. Every refusal is problem+json
 * naming the field and changes nothing; every change is audited with
 * `details.changes.{field}.{from,to}`.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/shared/audit.js';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { accountIdOf, auditEntries, loginFrom, makeStaff, makeUnit, uniqueIp, unitIdByKey } from '../support/factories.js';
import { loggedInCitizen, makeMessage, messageBody, postMessage } from '../support/messages.js';

let t: TestApp;
const session: Record<string, Session> = {};
const unit: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  for (const login of ['admin', 'unitadmin', 'handler', 'coordinator']) session[login] = await loginFrom(t.app, uniqueIp(), login);
  for (const key of ['dh-pc', 'dh-gov', 'dh-gov-office', 'dh-mzj', 'nc-gov', 'jx-pc']) unit[key] = await unitIdByKey(t.db, key);
});
afterAll(async () => t.close());

const patch = (who: string, url: string, payload: Record<string, unknown>) => as(t.app, session[who]!, { method: 'PATCH', url, payload });
const post = (who: string, url: string, payload?: Record<string, unknown>) => as(t.app, session[who]!, { method: 'POST', url, ...(payload ? { payload } : {}) });
const get = (who: string | null, url: string) => as(t.app, who ? session[who]! : null, { method: 'GET', url });

async function unitRow(id: string) {
  return t.db
    .selectFrom('units')
    .select(['id', 'name', 'short_name', 'contact', 'region_code', 'parent_id', 'reply_review', 'retired_at', sql<string>`path::text`.as('path')])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function boardRow(id: string) {
  return t.db.selectFrom('boards').select(['id', 'title', 'name', 'unit_id', 'retired_at']).where('id', '=', id).executeTakeFirstOrThrow();
}

async function auditCount(): Promise<number> {
  return (await t.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

/** A fresh leader board of 东湖区, through the API. */
let boards = 0;
async function newBoard(unitId: string | null = null): Promise<string> {
  const res = await post('admin', '/api/v1/boards', { kind: 'leader', title: `副区长${++boards}`, regionCode: '360102', ...(unitId ? { unitId: Number(unitId) } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return String(res.json().id);
}

/** A refusal: the status, the code and the field it names. */
function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string, field?: string) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as { code: string; field?: string };
  expect(body.code).toBe(code);
  if (field !== undefined) expect(body.field).toBe(field);
}

describe('editing a unit', () => {
  it('platform admin edits name, short name, contact, region and reply review, audited as before → after', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区测试局' });
    const res = await patch('admin', `/api/v1/units/${u.id}`, { name: ' 东湖区数据局 ', shortName: '区数据局', contact: '0791-86000000', regionCode: '360102006', replyReview: 'unit_admin' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: Number(u.id), name: '东湖区数据局', shortName: '区数据局', contact: '0791-86000000', regionCode: '360102006', replyReview: 'unit_admin', status: 'active', retiredAt: null });
    expect(await unitRow(u.id)).toMatchObject({ name: '东湖区数据局', short_name: '区数据局', contact: '0791-86000000', region_code: '360102006', reply_review: 'unit_admin' });
    const [audit] = (await auditEntries(t.db, 'unit.update')).filter((a) => a.target_id === u.id);
    expect(audit!.actor_id).toBe(await accountIdOf(t.db, 'admin'));
    expect(audit!.details).toEqual({
      changes: {
        name: { from: '东湖区测试局', to: '东湖区数据局' },
        shortName: { from: null, to: '区数据局' },
        contact: { from: null, to: '0791-86000000' },
        regionCode: { from: '360102', to: '360102006' },
        replyReview: { from: 'none', to: 'unit_admin' },
      },
    });
  });

  it('an edit that changes nothing writes no audit entry; an empty text clears the short name', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const before = await auditCount();
    expect((await patch('admin', `/api/v1/units/${u.id}`, { name: u.name })).statusCode).toBe(200);
    expect(await auditCount()).toBe(before);
    await patch('admin', `/api/v1/units/${u.id}`, { shortName: '简称' });
    const cleared = await patch('admin', `/api/v1/units/${u.id}`, { shortName: '' });
    expect(cleared.json().shortName).toBeNull();
  });

  it('a unit admin edits units of its own subtree; outside it the unit is not found (404), and other roles are refused (403)', async () => {
    const inside = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    expect((await patch('unitadmin', `/api/v1/units/${inside.id}`, { contact: '86001234' })).statusCode).toBe(200);
    const outside = await makeUnit(t.db, { parentId: unit['nc-gov']! });
    expectProblem(await patch('unitadmin', `/api/v1/units/${outside.id}`, { name: '改名' }), 404, 'not_found');
    expect((await unitRow(outside.id)).name).toBe(outside.name);
    expectProblem(await patch('handler', `/api/v1/units/${inside.id}`, { name: '改名' }), 403, 'forbidden');
    expectProblem(await patch('coordinator', `/api/v1/units/${inside.id}`, { name: '改名' }), 403, 'forbidden');
    expectProblem(await patch('admin', '/api/v1/units/999999999', { name: '改名' }), 404, 'not_found');
  });

  it('refuses bad input with 400 naming the field', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    expectProblem(await patch('admin', `/api/v1/units/${u.id}`, {}), 400, 'validation_failed');
    expectProblem(await patch('admin', `/api/v1/units/${u.id}`, { name: '   ' }), 400, 'validation_failed', 'name');
    expectProblem(await patch('admin', `/api/v1/units/${u.id}`, { replyReview: 'everyone' }), 400, 'validation_failed', 'replyReview');
    expectProblem(await patch('admin', `/api/v1/units/${u.id}`, { kind: 'department' }), 400, 'validation_failed', 'kind');
    expectProblem(await patch('admin', `/api/v1/units/${u.id}`, { parentId: 0 }), 400, 'validation_failed', 'parentId');
    expectProblem(await patch('admin', `/api/v1/units/${u.id}`, { name: 'x'.repeat(101) }), 400, 'validation_failed', 'name');
    expect(await unitRow(u.id)).toMatchObject({ name: u.name, short_name: null });
  });

  it('refuses a region outside the parent, one that leaves a child outside, and an unknown one; and a name taken under the parent', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    await makeUnit(t.db, { parentId: u.id, regionCode: '360102006' });
    expectProblem(await patch('admin', `/api/v1/units/${u.id}`, { regionCode: '360100' }), 422, 'region_outside_parent', 'regionCode');
    expectProblem(await patch('admin', `/api/v1/units/${u.id}`, { regionCode: '360102007' }), 422, 'region_excludes_children', 'regionCode');
    expectProblem(await patch('admin', `/api/v1/units/${u.id}`, { regionCode: '999999' }), 422, 'region_not_found', 'regionCode');
    expectProblem(await patch('admin', `/api/v1/units/${u.id}`, { name: '东湖区民政局' }), 409, 'unit_name_taken', 'name');
    expect(await unitRow(u.id)).toMatchObject({ name: u.name, region_code: '360102' });
  });
});

describe('moving a unit', () => {
  it('moves a unit with its whole subtree in one transaction: every path rewritten, audited unit.move', async () => {
    const a = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '搬迁测试处' });
    const b = await makeUnit(t.db, { parentId: a.id });
    const c = await makeUnit(t.db, { parentId: b.id });
    const office = await unitRow(unit['dh-gov-office']!);
    const res = await patch('unitadmin', `/api/v1/units/${a.id}`, { parentId: Number(unit['dh-gov-office']) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ parentId: Number(unit['dh-gov-office']), parentName: '东湖区人民政府办公室' });
    expect(await unitRow(a.id)).toMatchObject({ parent_id: unit['dh-gov-office'], path: `${office.path}.${a.id}` });
    expect((await unitRow(b.id)).path).toBe(`${office.path}.${a.id}.${b.id}`);
    expect((await unitRow(c.id)).path).toBe(`${office.path}.${a.id}.${b.id}.${c.id}`);
    // The moved subtree is found where it now is.
    const children = await get('unitadmin', `/api/v1/units?parent=${unit['dh-gov-office']}&limit=200`);
    expect(children.json().items.map((u: { id: number }) => u.id)).toContain(Number(a.id));
    const [audit] = (await auditEntries(t.db, 'unit.move')).filter((e) => e.target_id === a.id);
    expect(audit!.details).toEqual({
      changes: { parentId: { from: { id: Number(unit['dh-gov']), name: '东湖区人民政府' }, to: { id: Number(unit['dh-gov-office']), name: '东湖区人民政府办公室' } } },
      units: 3,
    });
  });

  it('refuses a move under the unit itself or its own descendant (422 naming parentId), changing nothing', async () => {
    const a = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const b = await makeUnit(t.db, { parentId: a.id });
    const c = await makeUnit(t.db, { parentId: b.id });
    const before = await auditCount();
    expectProblem(await patch('admin', `/api/v1/units/${a.id}`, { parentId: Number(a.id) }), 422, 'unit_cycle', 'parentId');
    expectProblem(await patch('admin', `/api/v1/units/${a.id}`, { parentId: Number(c.id) }), 422, 'unit_cycle', 'parentId');
    expectProblem(await patch('admin', `/api/v1/units/${a.id}`, { parentId: Number(b.id), name: '新名称' }), 422, 'unit_cycle', 'parentId');
    expect(await unitRow(a.id)).toMatchObject({ parent_id: unit['dh-gov'], path: a.path, name: a.name });
    expect((await unitRow(c.id)).path).toBe(c.path);
    expect(await auditCount()).toBe(before);
  });

  it('refuses a parent outside the unit admin\'s subtree, the top for a unit admin, a parent in another region, a retired parent', async () => {
    const a = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    expectProblem(await patch('unitadmin', `/api/v1/units/${a.id}`, { parentId: Number(unit['nc-gov']) }), 422, 'unit_not_found', 'parentId');
    expectProblem(await patch('unitadmin', `/api/v1/units/${a.id}`, { parentId: null }), 422, 'unit_not_found', 'parentId');
    expectProblem(await patch('admin', `/api/v1/units/${a.id}`, { parentId: 999999999 }), 422, 'unit_not_found', 'parentId');
    const elsewhere = await makeUnit(t.db, { parentId: unit['jx-pc']!, regionCode: '361000' });
    expectProblem(await patch('admin', `/api/v1/units/${a.id}`, { parentId: Number(elsewhere.id) }), 422, 'region_outside_parent', 'parentId');
    const retired = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    await t.db.updateTable('units').set({ retired_at: new Date() }).where('id', '=', retired.id).execute();
    expectProblem(await patch('admin', `/api/v1/units/${a.id}`, { parentId: Number(retired.id) }), 422, 'unit_retired', 'parentId');
    expect(await unitRow(a.id)).toMatchObject({ parent_id: unit['dh-gov'], path: a.path });
  });

  it('refuses a move under a parent that already has a unit of the same name (409 naming name)', async () => {
    const a = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '重名测试科' });
    await makeUnit(t.db, { parentId: unit['dh-gov-office']!, name: '重名测试科' });
    expectProblem(await patch('admin', `/api/v1/units/${a.id}`, { parentId: Number(unit['dh-gov-office']) }), 409, 'unit_name_taken', 'name');
    expect((await unitRow(a.id)).parent_id).toBe(unit['dh-gov']);
  });

  it('a platform admin moves a unit to the top and back', async () => {
    const a = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const b = await makeUnit(t.db, { parentId: a.id });
    expect((await patch('admin', `/api/v1/units/${a.id}`, { parentId: null })).statusCode).toBe(200);
    expect(await unitRow(a.id)).toMatchObject({ parent_id: null, path: a.id });
    expect((await unitRow(b.id)).path).toBe(`${a.id}.${b.id}`);
    expect((await patch('admin', `/api/v1/units/${a.id}`, { parentId: Number(unit['dh-gov']) })).statusCode).toBe(200);
    expect((await unitRow(b.id)).path).toBe(b.path);
  });
});

describe('retiring and reactivating a unit', () => {
  it('retires a unit without open work, audited; retiring it again is 409 unit_state', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const res = await post('unitadmin', `/api/v1/units/${u.id}/retire`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'retired' });
    expect(res.json().retiredAt).toEqual(expect.any(String));
    expect((await unitRow(u.id)).retired_at).not.toBeNull();
    const [audit] = (await auditEntries(t.db, 'unit.retire')).filter((e) => e.target_id === u.id);
    expect(audit!.details).toEqual({ changes: { status: { from: 'active', to: 'retired' } } });
    expectProblem(await post('unitadmin', `/api/v1/units/${u.id}/retire`), 409, 'unit_state');
  });

  it('refuses to retire a unit with open assignments, active accounts, open boards or active children, and lists them', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '有待办的单位' });
    const staff = await makeStaff(t.db, { unitId: u.id });
    const boardId = await newBoard(u.id);
    const child = await makeUnit(t.db, { parentId: u.id, name: '在用下级科室' });
    const messageId = await makeMessage(t.db, { author: '13907910001', state: 'accepted' });
    expect((await post('admin', `/api/v1/messages/${messageId}/assignments`, { leadUnitId: Number(u.id), handlingClass: 'timely' })).statusCode).toBe(201);
    const number = (await t.db.selectFrom('messages').select('number').where('id', '=', messageId).executeTakeFirstOrThrow()).number;
    const board = await boardRow(boardId);
    const before = await auditCount();

    const res = await post('admin', `/api/v1/units/${u.id}/retire`);
    expectProblem(res, 409, 'unit_has_open_work');
    const body = res.json() as { blockers: { kind: string; count: number; examples: string[] }[]; errors: { field: string; message: string }[] };
    expect(body.blockers).toEqual([
      { kind: 'openAssignments', count: 1, examples: [number] },
      { kind: 'activeAccounts', count: 1, examples: [staff.login] },
      { kind: 'openBoards', count: 1, examples: [board.name] },
      { kind: 'activeChildren', count: 1, examples: ['在用下级科室'] },
    ]);
    expect(body.errors.map((e) => e.field)).toEqual(['openAssignments', 'activeAccounts', 'openBoards', 'activeChildren']);
    expect(body.errors[0]!.message).toContain(number);
    expect((await unitRow(u.id)).retired_at).toBeNull();
    expect(await auditCount()).toBe(before);

    // In English too.
    const en = await as(t.app, session.admin!, { method: 'POST', url: `/api/v1/units/${u.id}/retire`, headers: { 'accept-language': 'en' } });
    expect(en.json().errors[1].message).toBe(`1 active account(s) (${staff.login})`);

    // Once the child retired, the board closed and the account disabled, only the open assignment remains.
    expect((await post('admin', `/api/v1/units/${child.id}/retire`)).statusCode).toBe(200);
    expect((await post('admin', `/api/v1/boards/${boardId}/retire`)).statusCode).toBe(200);
    expect((await post('admin', `/api/v1/accounts/${staff.id}/disable`)).statusCode).toBe(200);
    const again = await post('admin', `/api/v1/units/${u.id}/retire`);
    expectProblem(again, 409, 'unit_has_open_work');
    expect(again.json().blockers).toEqual([{ kind: 'openAssignments', count: 1, examples: [number] }]);
  });

  it('a retired unit takes no new work: assignment (lead or co-handler), a new child unit or a board pointed at it are refused', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    expect((await post('admin', `/api/v1/units/${u.id}/retire`)).statusCode).toBe(200);
    const messageId = await makeMessage(t.db, { author: '13907910001', state: 'accepted' });
    expectProblem(await post('admin', `/api/v1/messages/${messageId}/assignments`, { leadUnitId: Number(u.id), handlingClass: 'timely' }), 422, 'unit_retired', 'leadUnitId');
    expectProblem(await post('admin', `/api/v1/messages/${messageId}/assignments`, { leadUnitId: Number(unit['dh-mzj']), coUnitIds: [Number(u.id)], handlingClass: 'timely' }), 422, 'unit_retired', 'coUnitIds');
    expect(await t.db.selectFrom('assignments').select('id').where('message_id', '=', messageId).execute()).toEqual([]);
    expectProblem(await post('admin', '/api/v1/units', { name: '撤销后新建', kind: 'department', regionCode: '360102', parentId: Number(u.id) }), 422, 'unit_retired', 'parentId');
    expectProblem(await post('admin', '/api/v1/boards', { kind: 'leader', title: '撤销单位测试职务', regionCode: '360102', unitId: Number(u.id) }), 422, 'unit_retired', 'unitId');
    expectProblem(await post('admin', '/api/v1/accounts', { login: 'retiredunit1', password: 'Password-123', displayName: '撤销单位账号', unitId: Number(u.id), roles: ['unit_handler'] }), 422, 'unit_retired', 'unitId');
    expect(await t.db.selectFrom('accounts').select('id').where('login', '=', 'retiredunit1').execute()).toEqual([]);
    const csv = `login,password,displayName,unitId,roles,mobile\nretiredunit2,Password-123,撤销单位导入,${u.id},unit_handler,\n`;
    const imported = await post('admin', '/api/v1/accounts/import', { csv });
    expect(imported.statusCode, imported.body).toBe(422);
    expect(imported.json().errors).toEqual([expect.objectContaining({ field: 'csv[2].unitId', message: '该单位已撤销，不能再添加人员' })]);
    expect(await t.db.selectFrom('accounts').select('id').where('login', '=', 'retiredunit2').execute()).toEqual([]);
    const mover = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    expectProblem(await patch('admin', `/api/v1/accounts/${mover.id}`, { unitId: Number(u.id) }), 422, 'unit_retired', 'unitId');
    const boardId = await newBoard();
    expectProblem(await patch('admin', `/api/v1/boards/${boardId}`, { unitId: Number(u.id) }), 422, 'unit_retired', 'unitId');
    expect((await boardRow(boardId)).unit_id).toBeNull();
  });

  it('reactivates a retired unit, audited; an active unit or one under a retired parent is refused', async () => {
    const parent = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const child = await makeUnit(t.db, { parentId: parent.id });
    expectProblem(await post('admin', `/api/v1/units/${child.id}/reactivate`), 409, 'unit_state');
    expect((await post('admin', `/api/v1/units/${child.id}/retire`)).statusCode).toBe(200);
    expect((await post('admin', `/api/v1/units/${parent.id}/retire`)).statusCode).toBe(200);
    expectProblem(await post('admin', `/api/v1/units/${child.id}/reactivate`), 422, 'unit_retired', 'parentId');
    expect((await unitRow(child.id)).retired_at).not.toBeNull();
    const res = await post('unitadmin', `/api/v1/units/${parent.id}/reactivate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'active', retiredAt: null });
    const [audit] = (await auditEntries(t.db, 'unit.reactivate')).filter((e) => e.target_id === parent.id);
    expect(audit!.details).toEqual({ changes: { status: { from: 'retired', to: 'active' } } });
    expect((await post('admin', `/api/v1/units/${child.id}/reactivate`)).statusCode).toBe(200);
  });

  it('retire and reactivate are refused outside the unit admin\'s subtree (404) and to other roles (403)', async () => {
    const outside = await makeUnit(t.db, { parentId: unit['nc-gov']! });
    expectProblem(await post('unitadmin', `/api/v1/units/${outside.id}/retire`), 404, 'not_found');
    expectProblem(await post('handler', `/api/v1/units/${outside.id}/retire`), 403, 'forbidden');
    expectProblem(await post('coordinator', `/api/v1/units/${outside.id}/reactivate`), 403, 'forbidden');
    expect((await unitRow(outside.id)).retired_at).toBeNull();
  });

  it('lists units by status and finds them by short name', async () => {
    const active = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '状态筛选在用局' });
    const retired = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '状态筛选撤销局' });
    await post('admin', `/api/v1/units/${retired.id}/retire`);
    await patch('admin', `/api/v1/units/${active.id}`, { shortName: '筛选简称' });
    const ids = async (query: string) => ((await get('unitadmin', `/api/v1/units?${query}`)).json().items as { id: number }[]).map((u) => u.id);
    expect(await ids('q=状态筛选')).toEqual([Number(active.id), Number(retired.id)]);
    expect(await ids('q=状态筛选&status=active')).toEqual([Number(active.id)]);
    expect(await ids('q=状态筛选&status=retired')).toEqual([Number(retired.id)]);
    // Retired, without a search: a flat list of the retired units in scope.
    expect(await ids('status=retired&limit=200')).toContain(Number(retired.id));
    expect(await ids('q=筛选简称')).toEqual([Number(active.id)]);
    expectProblem(await get('unitadmin', '/api/v1/units?status=gone'), 400, 'validation_failed', 'status');
  });
});

describe('boards over time', () => {
  it('platform admin renames a board (position and full name), audited board.update; a title taken in the region is 409', async () => {
    const id = await newBoard();
    const before = await boardRow(id);
    const res = await patch('admin', `/api/v1/boards/${id}`, { title: '常务副区长', name: '东湖区常务副区长' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: Number(id), title: '常务副区长', name: '东湖区常务副区长', status: 'open' });
    const [audit] = (await auditEntries(t.db, 'board.update')).filter((e) => e.target_id === id);
    expect(audit!.details).toEqual({ changes: { title: { from: before.title, to: '常务副区长' }, name: { from: before.name, to: '东湖区常务副区长' } } });
    expectProblem(await patch('admin', `/api/v1/boards/${id}`, { title: '区长' }), 409, 'board_taken', 'title');
    expect((await boardRow(id)).title).toBe('常务副区长');
  });

  it('points a board at another unit and at none, audited board.repoint with the names', async () => {
    const id = await newBoard(unit['dh-gov-office']);
    const res = await patch('admin', `/api/v1/boards/${id}`, { unitId: Number(unit['dh-mzj']) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unit).toEqual({ id: Number(unit['dh-mzj']), name: '东湖区民政局' });
    const [audit] = (await auditEntries(t.db, 'board.repoint')).filter((e) => e.target_id === id);
    expect(audit!.details).toEqual({ changes: { unitId: { from: { id: Number(unit['dh-gov-office']), name: '东湖区人民政府办公室' }, to: { id: Number(unit['dh-mzj']), name: '东湖区民政局' } } } });
    expect((await patch('admin', `/api/v1/boards/${id}`, { unitId: null })).json().unit).toBeNull();
    expectProblem(await patch('admin', `/api/v1/boards/${id}`, { unitId: 999999999 }), 422, 'unit_not_found', 'unitId');
    expect((await boardRow(id)).unit_id).toBeNull();
  });

  it('refuses board edits to anyone but a platform admin, unknown boards and bad input', async () => {
    const id = await newBoard();
    expectProblem(await patch('unitadmin', `/api/v1/boards/${id}`, { title: '改名' }), 403, 'forbidden');
    expectProblem(await post('coordinator', `/api/v1/boards/${id}/retire`), 403, 'forbidden');
    expectProblem(await as(t.app, null, { method: 'POST', url: `/api/v1/boards/${id}/retire` }), 401, 'unauthenticated');
    expectProblem(await patch('admin', '/api/v1/boards/999999999', { title: '改名' }), 404, 'not_found');
    expectProblem(await patch('admin', `/api/v1/boards/${id}`, {}), 400, 'validation_failed');
    expectProblem(await patch('admin', `/api/v1/boards/${id}`, { title: '' }), 400, 'validation_failed', 'title');
    expectProblem(await patch('admin', `/api/v1/boards/${id}`, { kind: 'ministry' }), 400, 'validation_failed', 'kind');
    // 0 is no id, and never read as null (which would unlink the board).
    expectProblem(await patch('admin', `/api/v1/boards/${id}`, { unitId: 0 }), 400, 'validation_failed', 'unitId');
    expect((await boardRow(id)).retired_at).toBeNull();
  });

  it('a retired board takes no new messages (409 naming boardId) but its page and messages stay public; reopened it takes them again', async () => {
    const id = await newBoard(unit['dh-gov-office']);
    const name = (await boardRow(id)).name;
    const earlier = await makeMessage(t.db, { author: '13907910001', board: name, state: 'accepted' });
    const res = await post('admin', `/api/v1/boards/${id}/retire`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'retired' });
    const [audit] = (await auditEntries(t.db, 'board.retire')).filter((e) => e.target_id === id);
    expect(audit!.details).toEqual({ changes: { status: { from: 'open', to: 'retired' } } });
    expectProblem(await post('admin', `/api/v1/boards/${id}/retire`), 409, 'board_state');

    // Not offered for writing …
    const open = (await get(null, '/api/v1/boards?region=360102')).json().items as { id: number }[];
    expect(open.map((b) => b.id)).not.toContain(Number(id));
    const all = (await get(null, '/api/v1/boards?region=360102&status=all')).json().items as { id: number; status: string }[];
    expect(all.find((b) => b.id === Number(id))?.status).toBe('retired');
    const retiredOnly = (await get(null, '/api/v1/boards?region=360102&status=retired')).json().items as { id: number }[];
    expect(retiredOnly.map((b) => b.id)).toContain(Number(id));
    // … and refused when written to anyway.
    const citizen = await loggedInCitizen(t.app, t.db);
    const messagesBefore = (await t.db.selectFrom('messages').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    expectProblem(await postMessage(t.app, citizen.session, messageBody(id)), 409, 'board_retired', 'boardId');
    expect((await t.db.selectFrom('messages').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n).toBe(messagesBefore);
    // History stays public.
    expect((await get(null, `/api/v1/boards/${id}`)).json()).toMatchObject({ id: Number(id), status: 'retired' });
    expect((await get(null, `/api/v1/messages/${earlier}`)).statusCode).toBe(200);
    const listed = (await get(null, `/api/v1/messages?board=${id}`)).json().items as { id: number }[];
    expect(listed.map((m) => m.id)).toContain(Number(earlier));

    const reopened = await post('admin', `/api/v1/boards/${id}/reopen`);
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', retiredAt: null });
    expect((await auditEntries(t.db, 'board.reopen')).some((e) => e.target_id === id)).toBe(true);
    expectProblem(await post('admin', `/api/v1/boards/${id}/reopen`), 409, 'board_state');
    expect((await postMessage(t.app, citizen.session, messageBody(id))).statusCode).toBe(201);
  });

  it('a board whose unit has retired cannot reopen until it points at an active unit', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const id = await newBoard(u.id);
    expect((await post('admin', `/api/v1/boards/${id}/retire`)).statusCode).toBe(200);
    expect((await post('admin', `/api/v1/units/${u.id}/retire`)).statusCode).toBe(200);
    expectProblem(await post('admin', `/api/v1/boards/${id}/reopen`), 422, 'unit_retired', 'unitId');
    expect((await boardRow(id)).retired_at).not.toBeNull();
    expect((await patch('admin', `/api/v1/boards/${id}`, { unitId: Number(unit['dh-mzj']) })).statusCode).toBe(200);
    expect((await post('admin', `/api/v1/boards/${id}/reopen`)).statusCode).toBe(200);
  });
});

describe('the audit log in words', () => {
  it('has words in three languages for every new action code', () => {
    for (const code of ['unit.update', 'unit.move', 'unit.retire', 'unit.reactivate', 'board.update', 'board.retire', 'board.reopen', 'board.repoint']) {
      const info = AUDIT_ACTIONS[code];
      expect(info, code).toBeDefined();
      expect(Object.keys(info!.label).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
    }
  });
});
