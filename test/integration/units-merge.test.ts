/**
 * 机构改革 (issue 15): a unit merged into another. Its open assignments (and
 * the replies of them waiting for review), staff accounts, boards and child
 * units move to the surviving unit in one transaction; it is retired with
 * merged_into_id; each affected message gets a `unit_merged` event and the
 * surviving unit a notice. Every refusal names the field and changes nothing.
 * Names at the time: a renamed unit shows, in a message's chain, the handling
 * view and its letters, under the name it had when it acted.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { actorOf, makeMessage } from '../support/messages.js';
import { accountIdOf, auditEntries, loginFrom, makeStaff, makeUnit, uniqueIp, unitIdByKey } from '../support/factories.js';
import { assignMessage, signAssignment } from '../../src/server/modules/handling/handling.assign.js';
import { submitReply } from '../../src/server/modules/handling/handling.work.js';
import { checkIntegrity } from '../../src/server/modules/integrity/integrity.service.js';
import { foldPending } from '../../src/server/modules/stats/stats.fold.js';
import { labelsOf } from '../../src/server/modules/stats/stats.labels.js';

let t: TestApp;
const session: Record<string, Session> = {};
const unit: Record<string, string> = {};
const AUTHOR = '13907910001';

beforeAll(async () => {
  t = await buildTestApp();
  for (const login of ['admin', 'unitadmin', 'handler']) session[login] = await loginFrom(t.app, uniqueIp(), login);
  for (const key of ['dh-pc', 'dh-gov', 'nc-gov']) unit[key] = await unitIdByKey(t.db, key);
});
afterAll(async () => t.close());

const post = (who: string, url: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) => as(t.app, session[who]!, { method: 'POST', url, headers, ...(payload ? { payload } : {}) });
const merge = (who: string, id: string, payload: Record<string, unknown>) => post(who, `/api/v1/units/${id}/merge`, payload);
const get = (who: string | null, url: string) => as(t.app, who ? session[who]! : null, { method: 'GET', url });

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string, field?: string) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as { code: string; field?: string };
  expect(body.code).toBe(code);
  if (field !== undefined) expect(body.field).toBe(field);
}

/** Everything a merge could touch, to show a refusal changed nothing. */
async function snapshot() {
  const rows = await sql<{ units: string; assignments: string; accounts: string; boards: string; replies: string; events: number; audit: number; notifications: number; names: number }>`
    SELECT (SELECT string_agg(id || ':' || coalesce(parent_id::text, '') || ':' || path::text || ':' || coalesce(retired_at::text, '') || ':' || coalesce(merged_into_id::text, ''), ',' ORDER BY id) FROM units) AS units,
           (SELECT string_agg(id || ':' || unit_id || ':' || status, ',' ORDER BY id) FROM assignments) AS assignments,
           (SELECT string_agg(id || ':' || coalesce(unit_id::text, ''), ',' ORDER BY id) FROM accounts WHERE kind = 'staff') AS accounts,
           (SELECT string_agg(id || ':' || coalesce(unit_id::text, ''), ',' ORDER BY id) FROM boards) AS boards,
           (SELECT string_agg(id || ':' || unit_id, ',' ORDER BY id) FROM replies) AS replies,
           (SELECT count(*)::int FROM message_events) AS events,
           (SELECT count(*)::int FROM audit_log) AS audit,
           (SELECT count(*)::int FROM notifications) AS notifications,
           (SELECT count(*)::int FROM unit_names) AS names`.execute(t.db);
  return rows.rows[0]!;
}

/** An accepted message assigned (lead) to `unitId` by the platform admin; signed when asked. Returns the message and assignment ids. */
async function assignedTo(unitId: string, signed = false, co: string[] = []) {
  const admin = await actorOf(t.db, 'admin');
  const messageId = await makeMessage(t.db, { author: AUTHOR, state: 'accepted' });
  await assignMessage(t.db, admin, messageId, { leadUnitId: Number(unitId), coUnitIds: co.map(Number), handlingClass: 'timely' });
  const a = await t.db.selectFrom('assignments').select('id').where('message_id', '=', messageId).where('unit_id', '=', unitId).executeTakeFirstOrThrow();
  if (signed) await signAssignment(t.db, admin, a.id);
  return { messageId, assignmentId: a.id };
}

async function unitOf(id: string) {
  return t.db.selectFrom('units').select(['id', 'name', 'parent_id', 'retired_at', 'merged_into_id', sql<string>`path::text`.as('path')]).where('id', '=', id).executeTakeFirstOrThrow();
}

describe('merging a unit (机构改革)', () => {
  it('moves open assignments, held replies, accounts, boards and child units to the surviving unit, retires the merged one, records events, notices and the audit', async () => {
    const from = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区旅游局' });
    const into = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区文化广电新闻出版局' });
    const child = await makeUnit(t.db, { parentId: from.id, name: '东湖区旅游服务中心' });
    const grandchild = await makeUnit(t.db, { parentId: child.id, name: '景区咨询科' });
    const staff = await makeStaff(t.db, { unitId: from.id });
    const boardRes = await post('admin', '/api/v1/boards', { kind: 'leader', title: '旅游局局长', regionCode: '360102', unitId: Number(from.id) });
    expect(boardRes.statusCode, boardRes.body).toBe(201);
    const boardId = String(boardRes.json().id);

    const pending = await assignedTo(from.id);
    const signed = await assignedTo(from.id, true);
    // A reply of the merged unit waiting for review moves with its assignment.
    await t.db.updateTable('units').set({ reply_review: 'unit_admin' }).where('id', '=', from.id).execute();
    const held = await assignedTo(from.id, true);
    const heldReply = await submitReply(t.db, await actorOf(t.db, staff.login!), held.messageId, { body: '拟答复：已协调处理。', final: true });
    expect(heldReply).toBeDefined();
    // Finished work stays with the merged unit.
    const finished = await assignedTo(from.id, true);
    await t.db.updateTable('units').set({ reply_review: 'none' }).where('id', '=', from.id).execute();
    expect(await t.db.selectFrom('replies').select('status').where('assignment_id', '=', held.assignmentId).executeTakeFirstOrThrow()).toEqual({ status: 'pending_review' });
    await submitReply(t.db, await actorOf(t.db, 'admin'), finished.messageId, { body: '已办结：幸福食堂已开业。', final: true });
    const finishedStatus = (await t.db.selectFrom('assignments').select('status').where('id', '=', finished.assignmentId).executeTakeFirstOrThrow()).status;

    // The preview counts and changes nothing.
    const before = await snapshot();
    const dry = await merge('unitadmin', from.id, { intoUnitId: Number(into.id), dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, moved: { openAssignments: 3, messages: 3, accounts: 1, boards: 1, children: 1 }, unit: { id: Number(from.id), status: 'retired' }, into: { id: Number(into.id) } });
    expect(await snapshot()).toEqual(before);

    const res = await merge('unitadmin', from.id, { intoUnitId: Number(into.id), note: '按机构改革方案合并' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: false,
      moved: { openAssignments: 3, messages: 3, accounts: 1, boards: 1, children: 1 },
      unit: { id: Number(from.id), status: 'retired', mergedInto: { id: Number(into.id), name: '东湖区文化广电新闻出版局' } },
      into: { id: Number(into.id), status: 'active', mergedInto: null },
    });

    expect(await unitOf(from.id)).toMatchObject({ merged_into_id: into.id, retired_at: expect.any(Date) });
    expect(await unitOf(child.id)).toMatchObject({ parent_id: into.id, path: `${into.path}.${child.id}` });
    expect((await unitOf(grandchild.id)).path).toBe(`${into.path}.${child.id}.${grandchild.id}`);
    expect((await t.db.selectFrom('accounts').select('unit_id').where('id', '=', staff.id).executeTakeFirstOrThrow()).unit_id).toBe(into.id);
    expect((await t.db.selectFrom('boards').select('unit_id').where('id', '=', boardId).executeTakeFirstOrThrow()).unit_id).toBe(into.id);
    const moved = await t.db.selectFrom('assignments').select(['id', 'unit_id', 'status']).where('id', 'in', [pending.assignmentId, signed.assignmentId, held.assignmentId, finished.assignmentId]).orderBy('id').execute();
    expect(moved).toEqual([
      { id: pending.assignmentId, unit_id: into.id, status: 'pending' },
      { id: signed.assignmentId, unit_id: into.id, status: 'signed' },
      { id: held.assignmentId, unit_id: into.id, status: 'signed' },
      { id: finished.assignmentId, unit_id: from.id, status: finishedStatus },
    ]);
    const heldRow = await t.db.selectFrom('replies').select(['unit_id', 'status']).where('assignment_id', '=', held.assignmentId).executeTakeFirstOrThrow();
    expect(heldRow).toEqual({ unit_id: into.id, status: 'pending_review' });
    const published = await t.db.selectFrom('replies').select('unit_id').where('assignment_id', '=', finished.assignmentId).executeTakeFirstOrThrow();
    expect(published.unit_id).toBe(from.id);

    // One event on each affected message, none on the finished one.
    const events = await t.db.selectFrom('message_events').select(['message_id', 'visibility', 'unit_id', 'body', 'data']).where('kind', '=', 'unit_merged').where('unit_id', '=', from.id).orderBy('message_id').execute();
    expect(events.map((e) => e.message_id)).toEqual([pending.messageId, signed.messageId, held.messageId].sort((a, b) => Number(a) - Number(b)));
    expect(events[0]).toMatchObject({ visibility: 'public', body: '按机构改革方案合并', data: { from: { id: Number(from.id), name: '东湖区旅游局' }, into: { id: Number(into.id), name: '东湖区文化广电新闻出版局' } } });

    // The surviving unit's staff hear about each message.
    const notices = await t.db.selectFrom('notifications').select(['message_id']).where('kind', '=', 'unit_merged').where('account_id', '=', staff.id).execute();
    expect(notices.map((n) => n.message_id).sort()).toEqual([pending.messageId, signed.messageId, held.messageId].sort());

    const [audit] = (await auditEntries(t.db, 'unit.merge')).filter((a) => a.target_id === from.id);
    expect(audit!.actor_id).toBe(await accountIdOf(t.db, 'unitadmin'));
    expect(audit!.details).toEqual({
      changes: { status: { from: 'active', to: 'retired' }, mergedInto: { from: null, to: { id: Number(into.id), name: '东湖区文化广电新闻出版局' } } },
      moved: { openAssignments: 3, messages: 3, accounts: 1, boards: 1, children: 1 },
      note: '按机构改革方案合并',
    });

    // The surviving unit can work the moved assignment (the unit admin acts for its subtree).
    expect((await post('unitadmin', `/api/v1/assignments/${pending.assignmentId}/sign`)).statusCode).toBe(200);

    // A merged unit cannot come back: its work lives on elsewhere.
    expectProblem(await post('admin', `/api/v1/units/${from.id}/reactivate`), 409, 'unit_state');
    // Nor be merged again.
    expectProblem(await merge('admin', from.id, { intoUnitId: Number(into.id) }), 409, 'unit_state');

    const report = await checkIntegrity(t.db);
    expect(report.results.filter((r) => r.breaches > 0)).toEqual([]);
  });

  it('shows the merge on the public chain in public words (names only, no note), and the note to staff', async () => {
    const from = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区粮食局' });
    const into = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区发展和改革委员会' });
    const { messageId } = await assignedTo(from.id, true);
    expect((await merge('admin', from.id, { intoUnitId: Number(into.id), note: '内部说明：三定方案' })).statusCode).toBe(200);

    const pub = await get(null, `/api/v1/messages/${messageId}`);
    expect(pub.statusCode, pub.body).toBe(200);
    const entry = (pub.json().timeline as { kind: string; body: string | null; unit: { name: string } | null; data: Record<string, unknown> }[]).find((e) => e.kind === 'unit_merged');
    expect(entry).toMatchObject({ body: null, unit: { name: '东湖区粮食局' }, data: { from: { name: '东湖区粮食局' }, into: { name: '东湖区发展和改革委员会' } } });
    expect(entry!.data).toEqual({ from: { name: '东湖区粮食局' }, into: { name: '东湖区发展和改革委员会' } });

    const staff = await get('admin', `/api/v1/messages/${messageId}`);
    const staffEntry = (staff.json().timeline as { kind: string; body: string | null }[]).find((e) => e.kind === 'unit_merged');
    expect(staffEntry!.body).toBe('内部说明：三定方案');
  });

  it('may merge into the parent: the children move up under it', async () => {
    const parent = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区城管局' });
    const from = await makeUnit(t.db, { parentId: parent.id, name: '东湖区城管执法大队' });
    const child = await makeUnit(t.db, { parentId: from.id, name: '一中队' });
    const res = await merge('admin', from.id, { intoUnitId: Number(parent.id) });
    expect(res.statusCode, res.body).toBe(200);
    expect(await unitOf(child.id)).toMatchObject({ parent_id: parent.id, path: `${parent.path}.${child.id}` });
  });
});

describe('refusals change nothing', () => {
  it('into itself: 422 unit_merge_self (intoUnitId)', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const before = await snapshot();
    expectProblem(await merge('admin', u.id, { intoUnitId: Number(u.id) }), 422, 'unit_merge_self', 'intoUnitId');
    expect(await snapshot()).toEqual(before);
  });

  it('into a retired unit: 422 unit_retired (intoUnitId)', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const retired = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    expect((await post('admin', `/api/v1/units/${retired.id}/retire`)).statusCode).toBe(200);
    await assignedTo(u.id);
    const before = await snapshot();
    expectProblem(await merge('admin', u.id, { intoUnitId: Number(retired.id) }), 422, 'unit_retired', 'intoUnitId');
    expect(await snapshot()).toEqual(before);
  });

  it('into its own descendant: 422 unit_cycle (intoUnitId)', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const child = await makeUnit(t.db, { parentId: u.id });
    const grandchild = await makeUnit(t.db, { parentId: child.id });
    const before = await snapshot();
    expectProblem(await merge('admin', u.id, { intoUnitId: Number(grandchild.id) }), 422, 'unit_cycle', 'intoUnitId');
    expectProblem(await merge('admin', u.id, { intoUnitId: Number(child.id) }), 422, 'unit_cycle', 'intoUnitId');
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown unit: 404 (the merged unit), 404 naming intoUnitId (the surviving one)', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const before = await snapshot();
    expectProblem(await merge('admin', '999999999', { intoUnitId: Number(u.id) }), 404, 'not_found');
    expectProblem(await merge('admin', u.id, { intoUnitId: 999999999 }), 404, 'not_found', 'intoUnitId');
    expect(await snapshot()).toEqual(before);
  });

  it('an already retired unit: 409 unit_state', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const into = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    expect((await post('admin', `/api/v1/units/${u.id}/retire`)).statusCode).toBe(200);
    const before = await snapshot();
    expectProblem(await merge('admin', u.id, { intoUnitId: Number(into.id) }), 409, 'unit_state');
    expect(await snapshot()).toEqual(before);
  });

  it('both units handling the same message: 409 unit_merge_conflict naming the messages', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const into = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const { messageId } = await assignedTo(u.id, false, [into.id]);
    const number = (await t.db.selectFrom('messages').select('number').where('id', '=', messageId).executeTakeFirstOrThrow()).number;
    const before = await snapshot();
    const res = await merge('admin', u.id, { intoUnitId: Number(into.id) });
    expectProblem(res, 409, 'unit_merge_conflict', 'intoUnitId');
    expect(res.json().blockers).toEqual([{ kind: 'sharedMessages', count: 1, examples: [number] }]);
    expect(res.json().errors[0].message).toContain(number);
    // The preview says the same.
    expectProblem(await merge('admin', u.id, { intoUnitId: Number(into.id), dryRun: true }), 409, 'unit_merge_conflict', 'intoUnitId');
    expect(await snapshot()).toEqual(before);
  });

  it('a child unit of the same name under the surviving unit: 409 unit_name_taken (intoUnitId)', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const into = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    await makeUnit(t.db, { parentId: u.id, name: '办公室' });
    await makeUnit(t.db, { parentId: into.id, name: '办公室' });
    const before = await snapshot();
    const res = await merge('admin', u.id, { intoUnitId: Number(into.id) });
    expectProblem(res, 409, 'unit_name_taken', 'intoUnitId');
    expect(res.json().errors[0].message).toContain('办公室');
    expect(await snapshot()).toEqual(before);
  });

  it('a child unit outside the surviving unit\'s region: 422 region_outside_parent (intoUnitId)', async () => {
    const u = await makeUnit(t.db, { parentId: unit['nc-gov']! });
    await makeUnit(t.db, { parentId: u.id, name: '西湖区分局', regionCode: '360103' });
    const into = await makeUnit(t.db, { parentId: unit['nc-gov']!, regionCode: '360102' });
    const before = await snapshot();
    expectProblem(await merge('admin', u.id, { intoUnitId: Number(into.id) }), 422, 'region_outside_parent', 'intoUnitId');
    expect(await snapshot()).toEqual(before);
  });

  it('bad bodies: 400 naming the field', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const before = await snapshot();
    const missing = await merge('admin', u.id, {});
    expect(missing.statusCode).toBe(400);
    const zero = await merge('admin', u.id, { intoUnitId: 0 });
    expect(zero.statusCode).toBe(400);
    expect(JSON.stringify(zero.json())).toContain('intoUnitId');
    const long = await merge('admin', u.id, { intoUnitId: Number(unit['dh-gov']), note: '长'.repeat(501) });
    expect(long.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe('who may merge', () => {
  it('a unit admin only within their subtree: the surviving unit outside it is 404 (intoUnitId), the merged unit outside it 404', async () => {
    const inside = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const outside = await makeUnit(t.db, { parentId: unit['nc-gov']! });
    const before = await snapshot();
    expectProblem(await merge('unitadmin', inside.id, { intoUnitId: Number(outside.id) }), 404, 'not_found', 'intoUnitId');
    expectProblem(await merge('unitadmin', outside.id, { intoUnitId: Number(inside.id) }), 404, 'not_found');
    expect(await snapshot()).toEqual(before);
  });

  it('a handler (no unit.manage) is 403; no session is 401', async () => {
    const a = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    const b = await makeUnit(t.db, { parentId: unit['dh-gov']! });
    expectProblem(await merge('handler', a.id, { intoUnitId: Number(b.id) }), 403, 'forbidden');
    const anonymous = await as(t.app, null, { method: 'POST', url: `/api/v1/units/${a.id}/merge`, payload: { intoUnitId: Number(b.id) } });
    expect([401, 403]).toContain(anonymous.statusCode);
    expect((await unitOf(a.id)).retired_at).toBeNull();
  });
});

describe('names at the time', () => {
  it('keeps a history of names: a rename closes the old name and opens the new one', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区卫生局' });
    expect((await as(t.app, session.admin!, { method: 'PATCH', url: `/api/v1/units/${u.id}`, payload: { name: '东湖区卫生和健康测试委员会', shortName: '区卫健委' } })).statusCode).toBe(200);
    const history = await t.db.selectFrom('unit_names').select(['name', 'short_name', sql<string>`valid_from::text`.as('from'), 'valid_to']).where('unit_id', '=', u.id).orderBy('valid_from').execute();
    expect(history.map((h) => [h.name, h.short_name])).toEqual([['东湖区卫生局', null], ['东湖区卫生和健康测试委员会', '区卫健委']]);
    expect(history[0]!.from).toBe('-infinity');
    expect(history[1]!.valid_to).toBeNull();
  });

  it('shows a renamed unit in the chain, the handling view and the assignment letter under the name it had when it acted', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区园林局' });
    const admin = await actorOf(t.db, 'admin');
    const { messageId, assignmentId } = await assignedTo(u.id, true);
    await submitReply(t.db, admin, messageId, { body: '已安排补种行道树。', final: true });
    // Acts happen a moment before the rename in real life; here in the same second, so move them back.
    await t.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(tx);
      await sql`UPDATE message_events SET created_at = created_at - interval '1 minute' WHERE message_id = ${messageId}`.execute(tx);
      await sql`UPDATE replies SET submitted_at = submitted_at - interval '1 minute', published_at = published_at - interval '1 minute' WHERE message_id = ${messageId}`.execute(tx);
      await sql`UPDATE assignments SET finished_at = finished_at - interval '1 minute' WHERE id = ${assignmentId}`.execute(tx);
      await sql`UPDATE letters SET issued_at = issued_at - interval '1 minute' WHERE message_id = ${messageId}`.execute(tx);
    });
    expect((await as(t.app, session.admin!, { method: 'PATCH', url: `/api/v1/units/${u.id}`, payload: { name: '东湖区城市绿化管理局' } })).statusCode).toBe(200);

    const pub = await get(null, `/api/v1/messages/${messageId}`);
    const acted = (pub.json().timeline as { kind: string; unit: { id: number; name: string } | null }[]).filter((e) => e.unit?.id === Number(u.id));
    expect(acted.length).toBeGreaterThan(0);
    for (const e of acted) expect(e.unit!.name).toBe('东湖区园林局');

    const staff = await get('admin', `/api/v1/messages/${messageId}`);
    const assignment = (staff.json().handling.assignments as { id: number; unit: { name: string } }[]).find((a) => a.id === Number(assignmentId));
    expect(assignment!.unit.name).toBe('东湖区园林局');

    const letter = await get('admin', `/api/v1/messages/${messageId}/letters/assignment`);
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.json().recipient).toBe('东湖区园林局');

    // New acts carry the new name.
    const next = await assignedTo(u.id, true);
    const nextTimeline = (await get('admin', `/api/v1/messages/${next.messageId}`)).json().timeline as { kind: string; unit: { id: number; name: string } | null }[];
    expect(nextTimeline.find((e) => e.kind === 'signed')!.unit!.name).toBe('东湖区城市绿化管理局');
  });

  it('labels a unit in a statistics cut with the name it had on the window\'s last day (docs/metrics.md)', async () => {
    const u = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区物价局' });
    expect((await as(t.app, session.admin!, { method: 'PATCH', url: `/api/v1/units/${u.id}`, payload: { name: '东湖区价格监测中心' } })).statusCode).toBe(200);
    expect((await labelsOf(t.db, 'unit', [u.id], '2025-12-31')).get(u.id)).toBe('东湖区物价局');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await labelsOf(t.db, 'unit', [u.id], today)).get(u.id)).toBe('东湖区价格监测中心');
    expect((await labelsOf(t.db, 'unit', [u.id])).get(u.id)).toBe('东湖区价格监测中心');
  });

  it('counts a message whose open work moved for the surviving unit, a finished one still for the merged unit (docs/metrics.md)', async () => {
    const from = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区统计测试局' });
    const into = await makeUnit(t.db, { parentId: unit['dh-gov']!, name: '东湖区统计测试存续局' });
    const open = await assignedTo(from.id, true);
    const done = await assignedTo(from.id, true);
    await submitReply(t.db, await actorOf(t.db, 'admin'), done.messageId, { body: '已办结。', final: true });
    await foldPending(t.db, { wait: true });
    expect((await merge('admin', from.id, { intoUnitId: Number(into.id) })).statusCode).toBe(200);
    await foldPending(t.db, { wait: true });
    const facts = await t.db.selectFrom('stat_facts').select(['message_id', 'unit_id']).where('message_id', 'in', [open.messageId, done.messageId]).execute();
    expect(new Map(facts.map((f) => [f.message_id, f.unit_id]))).toEqual(new Map([[open.messageId, into.id], [done.messageId, from.id]]));
  });

  it('looks a name up with one index probe (unit_names primary key)', async () => {
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT name FROM unit_names WHERE unit_id = ${unit['dh-gov']} AND valid_from <= now() ORDER BY valid_from DESC LIMIT 1`.execute(t.db);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan Backward using unit_names_pkey/);
  });
});
