/**
 * Handling on the real database: 交办 down the chain, 签收, 退回, 转办, deadlines
 * on the official calendar (a controlled clock across 国庆 and a make-up
 * workday), replies with review, extensions, the loop back after 不满意,
 * supervision and letters, and every bad input changing nothing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignMessage, passDownAssignment, reopenMessage, signAssignment } from '../../src/server/modules/handling/handling.assign.js';
import { decideExtension, requestExtension, submitReply } from '../../src/server/modules/handling/handling.work.js';
import { listInbox } from '../../src/server/modules/handling/handling.queries.js';
import { closeUnrated, sweepDeadlines } from '../../src/server/modules/handling/handling.timers.js';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { loginFrom, uniqueIp, unitIdByKey } from '../support/factories.js';
import { actorOf, boardIdOf, loggedInCitizen, messageBody, screen, writeMessage, type CitizenLogin } from '../support/messages.js';

let t: TestApp;
const staff: Record<string, Session> = {};
const unit: Record<string, number> = {};
let jxBoard: string;

beforeAll(async () => {
  t = await buildTestApp();
  for (const login of ['admin', 'coordinator', 'handler', 'unitadmin', 'leader', 'ncoffice', 'street', 'analyst']) staff[login] = await loginFrom(t.app, uniqueIp(), login);
  for (const key of ['jx-msstd', 'nc-pc-office', 'dh-mzj', 'dh-dyjd', 'dh-pc', 'dh-bhzjd', 'dh-rsj', 'ha-pc', 'fz-cac', 'jx-pc']) unit[key] = Number(await unitIdByKey(t.db, key));
  jxBoard = await boardIdOf(t.db, '江西省委书记');
});
afterAll(async () => t.close());

const get = (session: Session | null, url: string) => as(t.app, session, { method: 'GET', url });
const post = (session: Session | null, url: string, payload?: Record<string, unknown>) => as(t.app, session, { method: 'POST', url, ...(payload ? { payload } : {}) });
const messageRow = (id: number | string) => t.db.selectFrom('messages').selectAll().where('id', '=', String(id)).executeTakeFirstOrThrow();
const assignmentsOf = (id: number | string) => t.db.selectFrom('assignments').selectAll().where('message_id', '=', String(id)).orderBy('id').execute();
const eventKinds = async (id: number | string) => (await t.db.selectFrom('message_events').select('kind').where('message_id', '=', String(id)).orderBy('id').execute()).map((e) => e.kind);
const notificationsOf = async (login: string, kind: string) =>
  t.db.selectFrom('notifications').innerJoin('accounts', 'accounts.id', 'notifications.account_id').select(['notifications.message_id', 'notifications.kind']).where((eb) => eb.or([eb('accounts.login', '=', login), eb('accounts.mobile', '=', login)])).where('notifications.kind', '=', kind).execute();

async function accepted(author?: CitizenLogin): Promise<{ id: number; author: CitizenLogin }> {
  const a = author ?? (await loggedInCitizen(t.app, t.db));
  const { id } = await writeMessage(t.app, a.session, messageBody(jxBoard, { title: '希望建设幸福食堂', body: '社区六十岁以上的老人有一千多位，希望在大院街道建设幸福食堂，解决老年人用餐难题。' }));
  await screen(t.app, staff.coordinator!, id);
  return { id, author: a };
}

async function assignNc(id: number, extra: Record<string, unknown> = {}) {
  const res = await post(staff.coordinator!, `/api/v1/messages/${id}/assignments`, { leadUnitId: unit['nc-pc-office'], handlingClass: 'timely', instructions: '请南昌市委办公室牵头办理。', ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const assignmentId = async (id: number, unitKey: string, status?: string) => {
  const rows = (await assignmentsOf(id)).filter((a) => a.unit_id === String(unit[unitKey]) && (!status || a.status === status));
  return rows[rows.length - 1]!.id;
};

/** The Nanchang chain: 民声通道 → 南昌市委办公室 → 东湖区民政局 (lead) + 大院街道 (co), both signed. */
async function downTheChain(id: number) {
  await assignNc(id);
  expect((await post(staff.ncoffice!, `/api/v1/assignments/${await assignmentId(id, 'nc-pc-office')}/sign`)).statusCode).toBe(200);
  const passed = await post(staff.ncoffice!, `/api/v1/assignments/${await assignmentId(id, 'nc-pc-office')}/pass-down`, { leadUnitId: unit['dh-mzj'], coUnitIds: [unit['dh-dyjd']], instructions: '请区民政局会同大院街道办理。' });
  expect(passed.statusCode, passed.body).toBe(200);
  expect((await post(staff.handler!, `/api/v1/assignments/${await assignmentId(id, 'dh-mzj')}/sign`)).statusCode).toBe(200);
  expect((await post(staff.street!, `/api/v1/assignments/${await assignmentId(id, 'dh-dyjd')}/sign`)).statusCode).toBe(200);
}

describe('assignment (交办)', () => {
  it('gives an accepted message to a lead unit and co-handlers with 137 deadlines on working days, across 国庆', async () => {
    const { id } = await accepted();
    const coordinator = await actorOf(t.db, 'coordinator');
    // Wednesday 30 September 2026, 10:00 in Beijing: 国庆 runs 1–7 October; Saturday 10 October is a make-up workday.
    await assignMessage(t.db, coordinator, String(id), { leadUnitId: unit['nc-pc-office']!, coUnitIds: [unit['dh-pc']!], handlingClass: 'timely' }, new Date('2026-09-30T02:00:00Z'));
    const [lead, co] = await assignmentsOf(id);
    expect(lead).toMatchObject({ role: 'lead', status: 'pending', unit_id: String(unit['nc-pc-office']), round: 0, handling_class: 'timely' });
    expect(co).toMatchObject({ role: 'co', status: 'pending', unit_id: String(unit['dh-pc']) });
    expect(lead!.sign_due.toISOString()).toBe('2026-10-08T15:59:59.999Z'); // end of Thu 8 Oct in Beijing
    expect(lead!.contact_due.toISOString()).toBe('2026-10-10T15:59:59.999Z'); // Sat 10 Oct, a make-up workday
    expect(lead!.reply_due.toISOString()).toBe('2026-10-15T15:59:59.999Z');
    expect(await messageRow(id)).toMatchObject({ status: 'assigned', public_status: 'pending', handling_class: 'timely' });
  });

  it('uses shorter deadlines for 特别办 and a region’s own policy when one is set', async () => {
    const { id } = await accepted();
    const coordinator = await actorOf(t.db, 'coordinator');
    await assignMessage(t.db, coordinator, String(id), { leadUnitId: unit['dh-mzj']!, handlingClass: 'special' }, new Date('2026-11-23T02:00:00Z'));
    expect((await assignmentsOf(id))[0]!.reply_due.toISOString()).toBe('2026-11-26T15:59:59.999Z'); // 3 working days

    const saved = await as(t.app, staff.admin!, { method: 'PUT', url: '/api/v1/deadline-policies/360100/special', payload: { signDays: 1, contactDays: 1, replyDays: 2, maxExtensionDays: 2 } });
    expect(saved.statusCode, saved.body).toBe(200);
    const { id: second } = await accepted();
    await assignMessage(t.db, coordinator, String(second), { leadUnitId: unit['dh-mzj']!, handlingClass: 'special' }, new Date('2026-11-23T02:00:00Z'));
    expect((await assignmentsOf(second))[0]!.reply_due.toISOString()).toBe('2026-11-25T15:59:59.999Z'); // 南昌's 2 days (the message is in 东湖区)
    await as(t.app, staff.admin!, { method: 'DELETE', url: '/api/v1/deadline-policies/360100/special' });
  });

  it('shows the chain on the public page without the instructions', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    const page = (await get(null, `/api/v1/messages/${id}`)).json();
    const assigned = page.timeline.find((e: { kind: string }) => e.kind === 'assigned');
    expect(assigned).toMatchObject({ body: null, unit: { name: '江西省委民声通道工作室' }, data: { units: [{ name: '南昌市委办公室', role: 'lead' }] } });
    expect(assigned.data.handlingClass).toBeUndefined();
    const passed = page.timeline.find((e: { kind: string }) => e.kind === 'passed_down');
    expect(passed).toMatchObject({ body: null, unit: { name: '南昌市委办公室' }, data: { units: [{ name: '东湖区民政局', role: 'lead' }, { name: '大院街道办事处', role: 'co' }] } });
    expect(page.handling).toBeUndefined();
    // Staff see the instructions and the whole chain with deadlines.
    const staffView = (await get(staff.handler!, `/api/v1/messages/${id}`)).json();
    expect(staffView.handling.assignments.map((a: { unit: { name: string }; status: string; role: string }) => [a.unit.name, a.role, a.status])).toEqual([
      ['南昌市委办公室', 'lead', 'passed_down'],
      ['东湖区民政局', 'lead', 'signed'],
      ['大院街道办事处', 'co', 'signed'],
    ]);
    expect(staffView.timeline.find((e: { kind: string }) => e.kind === 'passed_down').body).toBe('请区民政局会同大院街道办理。');
    expect(await messageRow(id)).toMatchObject({ status: 'handling', public_status: 'handling' });
  });

  it('keeps the citizen’s clock when passing down: the child gets the parent’s contact and reply deadlines', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    const [top, lead, co] = await assignmentsOf(id);
    expect(lead!.parent_id).toBe(top!.id);
    expect(co!.parent_id).toBe(top!.id);
    expect(lead!.reply_due.getTime()).toBe(top!.reply_due.getTime());
    expect(lead!.contact_due.getTime()).toBe(top!.contact_due.getTime());
  });

  it('notifies every unit it reaches', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    for (const login of ['ncoffice', 'handler', 'street']) expect((await notificationsOf(login, 'assigned')).filter((n) => n.message_id === String(id))).toHaveLength(1);
  });

  it('refuses a unit outside the coordinator’s region (422 naming leadUnitId) and changes nothing', async () => {
    const { id } = await accepted();
    const res = await post(staff.coordinator!, `/api/v1/messages/${id}/assignments`, { leadUnitId: unit['ha-pc'], handlingClass: 'timely' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unit_not_assignable', field: 'leadUnitId' });
    const en = await as(t.app, staff.coordinator!, { method: 'POST', url: `/api/v1/messages/${id}/assignments`, payload: { leadUnitId: unit['ha-pc'], handlingClass: 'timely' }, headers: { 'accept-language': 'en' } });
    expect(en.json().title).toMatch(/cannot receive the assignment/);
    expect(await messageRow(id)).toMatchObject({ status: 'accepted', handling_class: null });
    expect(await assignmentsOf(id)).toHaveLength(0);
    expect(await eventKinds(id)).toEqual(['submitted', 'accepted']);
  });

  it('refuses the same unit as lead and co-handler, an unknown class, and a second assignment (409)', async () => {
    const { id } = await accepted();
    expect((await post(staff.coordinator!, `/api/v1/messages/${id}/assignments`, { leadUnitId: unit['dh-mzj'], coUnitIds: [unit['dh-mzj']], handlingClass: 'timely' })).json()).toMatchObject({ code: 'unit_not_assignable', field: 'coUnitIds' });
    expect((await post(staff.coordinator!, `/api/v1/messages/${id}/assignments`, { leadUnitId: unit['dh-mzj'], handlingClass: 'urgent' })).statusCode).toBe(400);
    await assignNc(id);
    const again = await post(staff.coordinator!, `/api/v1/messages/${id}/assignments`, { leadUnitId: unit['dh-mzj'], handlingClass: 'timely' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('message_state');
    expect(await assignmentsOf(id)).toHaveLength(1);
  });

  it('refuses to assign a message not yet screened (409)', async () => {
    const a = await loggedInCitizen(t.app, t.db);
    const { id } = await writeMessage(t.app, a.session, messageBody(jxBoard));
    expect((await post(staff.coordinator!, `/api/v1/messages/${id}/assignments`, { leadUnitId: unit['dh-mzj'], handlingClass: 'timely' })).statusCode).toBe(409);
  });
});

describe('signing, returning and passing down', () => {
  it('refuses signing twice (409) and signing another unit’s assignment (404)', async () => {
    const { id } = await accepted();
    await assignNc(id);
    const a = await assignmentId(id, 'nc-pc-office');
    expect((await post(staff.handler!, `/api/v1/assignments/${a}/sign`)).statusCode).toBe(404);
    expect((await post(staff.ncoffice!, `/api/v1/assignments/${a}/sign`)).statusCode).toBe(200);
    const twice = await post(staff.ncoffice!, `/api/v1/assignments/${a}/sign`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('assignment_state');
    expect((await eventKinds(id)).filter((k) => k === 'signed')).toHaveLength(1);
  });

  it('returns a misrouted top assignment to the coordinator: the message is back in 待交办 and can be assigned again', async () => {
    const { id } = await accepted();
    await assignNc(id, { coUnitIds: [unit['dh-pc']] });
    const empty = await post(staff.ncoffice!, `/api/v1/assignments/${await assignmentId(id, 'nc-pc-office')}/return`, { reason: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('reason');
    const res = await post(staff.ncoffice!, `/api/v1/assignments/${await assignmentId(id, 'nc-pc-office')}/return`, { reason: '该事项属东湖区职责，请直接交办东湖区。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await messageRow(id)).toMatchObject({ status: 'accepted', public_status: 'pending' });
    expect((await assignmentsOf(id)).map((a) => a.status)).toEqual(['returned', 'cancelled']);
    expect((await notificationsOf('coordinator', 'returned')).filter((n) => n.message_id === String(id))).toHaveLength(1);
    const again = await post(staff.coordinator!, `/api/v1/messages/${id}/assignments`, { leadUnitId: unit['dh-mzj'], handlingClass: 'timely' });
    expect(again.statusCode).toBe(201);
  });

  it('returns a passed-down assignment to the parent unit, which takes the work back', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    const res = await post(staff.handler!, `/api/v1/assignments/${await assignmentId(id, 'dh-mzj')}/return`, { reason: '食堂建设属街道职责。' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await assignmentsOf(id)).map((a) => a.status)).toEqual(['signed', 'returned', 'cancelled']);
    expect(await messageRow(id)).toMatchObject({ status: 'handling' });
    expect((await notificationsOf('ncoffice', 'returned')).filter((n) => n.message_id === String(id))).toHaveLength(1);
    // The public sees the step, not the reason.
    const step = (await get(null, `/api/v1/messages/${id}`)).json().timeline.find((e: { kind: string }) => e.kind === 'returned');
    expect(step).toMatchObject({ body: null, unit: { name: '东湖区民政局' }, data: { role: 'lead' } });
    // The parent can pass it down again, to another unit.
    const again = await post(staff.ncoffice!, `/api/v1/assignments/${await assignmentId(id, 'nc-pc-office')}/pass-down`, { leadUnitId: unit['dh-dyjd'] });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('refuses passing down to a unit outside the passing unit’s subtree and region, or up the chain (422)', async () => {
    const { id } = await accepted();
    await assignNc(id);
    const a = await assignmentId(id, 'nc-pc-office');
    await post(staff.ncoffice!, `/api/v1/assignments/${a}/sign`);
    for (const target of [unit['fz-cac'], unit['nc-pc-office'], unit['jx-pc']]) {
      const res = await post(staff.ncoffice!, `/api/v1/assignments/${a}/pass-down`, { leadUnitId: target });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'unit_not_assignable', field: 'leadUnitId' });
    }
    expect((await assignmentsOf(id)).map((x) => x.status)).toEqual(['signed']);
  });

  it('lists the units an assignment may be passed down to, beyond the unit’s own subtree, for the picker', async () => {
    const { id } = await accepted();
    await assignNc(id);
    const a = await assignmentId(id, 'nc-pc-office');
    const names = async (url: string, session = staff.ncoffice!) => ((await get(session, url)).json().items ?? []).map((u: { name: string }) => u.name);
    expect(await names(`/api/v1/units?q=${encodeURIComponent('东湖')}`)).not.toContain('东湖区民政局');
    const targets = await names(`/api/v1/units?q=${encodeURIComponent('东湖')}&passDownFrom=${a}&limit=100`);
    expect(targets).toContain('东湖区民政局');
    expect(await names(`/api/v1/units?q=${encodeURIComponent('办公室')}&passDownFrom=${a}&limit=100`)).not.toContain('南昌市委办公室');
    expect(await names(`/api/v1/units?q=${encodeURIComponent('抚州')}&passDownFrom=${a}&limit=100`)).toEqual([]);
    expect((await get(staff.handler!, `/api/v1/units?passDownFrom=${a}`)).statusCode).toBe(404);
  });

  it('refuses passing down before signing (409)', async () => {
    const { id } = await accepted();
    await assignNc(id);
    expect((await post(staff.ncoffice!, `/api/v1/assignments/${await assignmentId(id, 'nc-pc-office')}/pass-down`, { leadUnitId: unit['dh-mzj'] })).statusCode).toBe(409);
  });
});

describe('replies', () => {
  it('refuses a reply without an assignment, from a co-handler, and an empty one; changes nothing', async () => {
    const { id } = await accepted();
    const none = await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '已办理。', final: true });
    expect(none.statusCode).toBe(404); // not assigned to 东湖区民政局: not visible to it at all
    const coordinator = await post(staff.coordinator!, `/api/v1/messages/${id}/replies`, { body: '已办理。', final: true });
    expect(coordinator.statusCode).toBe(409);
    expect(coordinator.json().code).toBe('not_assigned');
    await downTheChain(id);
    const co = await post(staff.street!, `/api/v1/messages/${id}/replies`, { body: '街道已选址。', final: true });
    expect(co.json().code).toBe('not_assigned');
    // The parent passed the work down: it no longer holds a signed lead assignment.
    expect((await post(staff.ncoffice!, `/api/v1/messages/${id}/replies`, { body: '已转办。', final: false })).json().code).toBe('not_assigned');
    const empty = await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '   ', final: true });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('body');
    expect(await messageRow(id)).toMatchObject({ status: 'handling', reply_count: 0 });
    expect(await t.db.selectFrom('replies').select('id').where('message_id', '=', String(id)).execute()).toHaveLength(0);
  });

  it('publishes the lead unit’s final reply under its name, closes the chain’s work and tells the citizen', async () => {
    const { id, author } = await accepted();
    await downTheChain(id);
    const contact = await post(staff.handler!, `/api/v1/assignments/${await assignmentId(id, 'dh-mzj')}/contacts`, { method: 'phone', summary: '电话联系郑老先生，了解用餐需求。' });
    expect(contact.statusCode, contact.body).toBe(201);
    const part = await post(staff.street!, `/api/v1/assignments/${await assignmentId(id, 'dh-dyjd')}/contributions`, { body: '街道提供场地，位于大院社区服务中心一楼。' });
    expect(part.statusCode, part.body).toBe(201);
    const res = await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '经研究，东湖区民政局会同大院街道办事处在大院社区开设幸福食堂，12月1日起供餐。', final: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'published', kind: 'final', unit: { name: '东湖区民政局' } });
    expect(await messageRow(id)).toMatchObject({ status: 'replied', public_status: 'done', reply_count: 1 });
    expect((await assignmentsOf(id)).map((a) => a.status)).toEqual(['done', 'done', 'done']);
    const publicPage = (await get(null, `/api/v1/messages/${id}`)).json();
    expect(publicPage.timeline.find((e: { kind: string }) => e.kind === 'reply')).toMatchObject({ final: true, unit: { name: '东湖区民政局' } });
    expect(publicPage.timeline.some((e: { kind: string }) => e.kind === 'contacted' || e.kind === 'contribution')).toBe(false);
    expect(await notificationsOf(author.mobile, 'reply_published')).toHaveLength(1);
  });

  it('refuses a second final reply (409) and returning after replying (409)', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '阶段性答复：正在选址。', final: false });
    const back = await post(staff.handler!, `/api/v1/assignments/${await assignmentId(id, 'dh-mzj')}/return`, { reason: '不属本单位' });
    expect(back.statusCode).toBe(409);
    expect((await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '最终答复。', final: true })).statusCode).toBe(201);
    const second = await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '再次最终答复。', final: true });
    expect(second.statusCode).toBe(409);
    expect(await messageRow(id)).toMatchObject({ status: 'replied', reply_count: 2 });
  });

  it('holds replies for the unit admin’s review when the unit requires it; approval publishes, sending back does not', async () => {
    const { id } = await accepted();
    const mode = await as(t.app, staff.unitadmin!, { method: 'PUT', url: `/api/v1/units/${unit['dh-mzj']}/reply-review`, payload: { mode: 'unit_admin' } });
    expect(mode.statusCode, mode.body).toBe(200);
    try {
      await downTheChain(id);
      const held = await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '幸福食堂将于下月开业。', final: true });
      expect(held.json()).toMatchObject({ status: 'pending_review', reviewBy: 'unit_admin' });
      expect(await messageRow(id)).toMatchObject({ status: 'handling', reply_count: 0 });
      expect((await get(null, `/api/v1/messages/${id}`)).json().timeline.some((e: { kind: string }) => e.kind === 'reply')).toBe(false);
      // A second final reply while one waits for review is refused.
      expect((await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '另一条最终答复。', final: true })).json().code).toBe('final_reply_exists');
      // The handler cannot review; the coordinator is not the reviewer of this unit.
      expect((await post(staff.handler!, `/api/v1/replies/${held.json().id}/review`, { approve: true })).statusCode).toBe(403);
      expect((await post(staff.coordinator!, `/api/v1/replies/${held.json().id}/review`, { approve: true })).statusCode).toBe(404);
      const queue = (await get(staff.unitadmin!, '/api/v1/reviews')).json();
      expect(queue.items.map((r: { id: number }) => r.id)).toContain(held.json().id);
      const sentBack = await post(staff.unitadmin!, `/api/v1/replies/${held.json().id}/review`, { approve: false, note: '请写明开业日期和地址。' });
      expect(sentBack.json()).toMatchObject({ status: 'rejected', reviewNote: '请写明开业日期和地址。' });
      expect((await notificationsOf('handler', 'reply_rejected')).filter((n) => n.message_id === String(id))).toHaveLength(1);
      const second = await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '幸福食堂12月1日在大院社区服务中心开业。', final: true });
      const approved = await post(staff.unitadmin!, `/api/v1/replies/${second.json().id}/review`, { approve: true });
      expect(approved.json()).toMatchObject({ status: 'published' });
      expect((await post(staff.unitadmin!, `/api/v1/replies/${second.json().id}/review`, { approve: true })).json().code).toBe('review_state');
      expect(await messageRow(id)).toMatchObject({ status: 'replied', reply_count: 1 });
    } finally {
      await as(t.app, staff.unitadmin!, { method: 'PUT', url: `/api/v1/units/${unit['dh-mzj']}/reply-review`, payload: { mode: 'none' } });
    }
  });

  it('leaves one consistent state when two final replies and a return race on one message', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    const a = await assignmentId(id, 'dh-mzj');
    const results = await Promise.all([
      post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '答复一。', final: true }),
      post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '答复二。', final: true }),
      post(staff.handler!, `/api/v1/assignments/${a}/return`, { reason: '退回。' }),
    ]);
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201 || c === 200)).toHaveLength(1);
    const published = await t.db.selectFrom('replies').select('id').where('message_id', '=', String(id)).where('status', '=', 'published').execute();
    const row = await messageRow(id);
    if (codes[2] === 200) {
      expect(published).toHaveLength(0);
      expect(row.status).toBe('handling');
    } else {
      expect(published).toHaveLength(1);
      expect(row).toMatchObject({ status: 'replied', reply_count: 1 });
    }
  });
});

describe('extensions (延期)', () => {
  it('moves the reply deadline of the chain by working days when approved, within the policy maximum', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    const a = await assignmentId(id, 'dh-mzj');
    const before = (await assignmentsOf(id)).map((x) => x.reply_due.getTime());
    const req = await post(staff.handler!, `/api/v1/assignments/${a}/extension-requests`, { days: 3, reason: '需协调场地改造。' });
    expect(req.statusCode, req.body).toBe(201);
    expect((await post(staff.handler!, `/api/v1/assignments/${a}/extension-requests`, { days: 1, reason: '再申请。' })).json().code).toBe('extension_pending');
    expect((await get(staff.coordinator!, '/api/v1/extension-requests')).json().items.map((e: { id: number }) => e.id)).toContain(req.json().id);
    const decided = await post(staff.coordinator!, `/api/v1/extension-requests/${req.json().id}/decision`, { approve: true, note: '同意' });
    expect(decided.json()).toMatchObject({ status: 'approved' });
    const after = await assignmentsOf(id);
    // Three working days later, for the parent (passed_down) and the lead child; the co-handler keeps its own.
    for (const i of [0, 1]) expect(after[i]!.reply_due.getTime()).toBeGreaterThan(before[i]! + 2 * 86_400_000);
    expect(after[1]!.extension_days).toBe(3);
    expect((await post(staff.coordinator!, `/api/v1/extension-requests/${req.json().id}/decision`, { approve: true })).json().code).toBe('extension_state');
    const tooLong = await post(staff.handler!, `/api/v1/assignments/${a}/extension-requests`, { days: 5, reason: '再延期。' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json()).toMatchObject({ code: 'extension_too_long', field: 'days', title: '延期超过政策上限，最多还可延期4个工作日' });
  });

  it('computes deadlines and extensions on the calendar: 中秋, 国庆 and a make-up Saturday', async () => {
    const { id } = await accepted();
    const coordinator = await actorOf(t.db, 'coordinator');
    const admin = await actorOf(t.db, 'admin');
    await assignMessage(t.db, coordinator, String(id), { leadUnitId: unit['dh-mzj']!, handlingClass: 'timely' }, new Date('2026-09-22T02:00:00Z'));
    const a = await assignmentId(id, 'dh-mzj');
    await signAssignment(t.db, admin, a);
    // 7 working days from Tue 22 Sept: 23, 24, 28, 29, 30, 8 and 9 Oct (中秋 25–27 Sept and 国庆 1–7 Oct skipped).
    const due = (await assignmentsOf(id))[0]!.reply_due.toISOString();
    const req = await requestExtension(t.db, admin, a, { days: 2, reason: '跨节假日' });
    await decideExtension(t.db, coordinator, String(req.id), { approve: true });
    const moved = (await assignmentsOf(id))[0]!.reply_due.toISOString();
    expect(due).toBe('2026-10-09T15:59:59.999Z');
    expect(moved).toBe('2026-10-12T15:59:59.999Z'); // Sat 10 (a make-up workday), then Mon 12
  });
});

describe('the loop back (不满意, 重办, 说明办结, 回访)', () => {
  async function answered() {
    const { id, author } = await accepted();
    await downTheChain(id);
    await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '已开设幸福食堂。', final: true });
    return { id, author };
  }

  it('sends a 不满意 to the coordinator’s queue; 重办 starts a new round with the replying unit, at most twice', async () => {
    const { id, author } = await answered();
    const rated = await post(author.session, `/api/v1/messages/${id}/rating`, { resolution: 1, attitude: 2, speed: 2, comment: '食堂离家太远' });
    expect(rated.json()).toMatchObject({ status: 'dissatisfied', publicStatus: 'done' });
    expect((await notificationsOf('coordinator', 'dissatisfied')).filter((n) => n.message_id === String(id))).toHaveLength(1);
    const queue = (await get(staff.coordinator!, '/api/v1/handling?view=dissatisfied')).json();
    expect(queue.items.find((m: { id: number }) => m.id === id)).toMatchObject({ status: 'dissatisfied', rating: 'dissatisfied' });

    for (const round of [1, 2]) {
      const reopened = await post(staff.coordinator!, `/api/v1/messages/${id}/reopen`, { reason: `第${round}次重办：请就近设置助餐点。` });
      expect(reopened.statusCode, reopened.body).toBe(200);
      expect(reopened.json()).toMatchObject({ status: 'assigned', handling: { round } });
      const fresh = (await assignmentsOf(id)).filter((a) => a.round === round);
      expect(fresh.map((a) => [a.unit_id, a.role, a.status])).toEqual([[String(unit['dh-mzj']), 'lead', 'pending']]);
      expect((await get(author.session, `/api/v1/messages/${id}`)).json()).toMatchObject({ rating: null, abilities: { rate: false } });
      await post(staff.handler!, `/api/v1/assignments/${fresh[0]!.id}/sign`);
      await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: `第${round}轮答复：已增设助餐点。`, final: true });
      await post(author.session, `/api/v1/messages/${id}/rating`, { resolution: 2, attitude: 2, speed: 2 });
    }
    const third = await post(staff.coordinator!, `/api/v1/messages/${id}/reopen`, { reason: '第三次重办' });
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ code: 'reopen_limit', title: '重办次数已达上限（2次）' });
    expect(await messageRow(id)).toMatchObject({ status: 'dissatisfied', round: 2 });

    const closed = await post(staff.coordinator!, `/api/v1/messages/${id}/close`, { explanation: '经两次重办，已就近设置助餐点，诉求已依规办理完毕。' });
    expect(closed.json()).toMatchObject({ status: 'closed', handling: { closeReason: 'explained' } });
    const page = (await get(null, `/api/v1/messages/${id}`)).json();
    expect(page.timeline.filter((e: { kind: string }) => e.kind === 'reopened')).toHaveLength(2);
    expect(page.timeline.at(-1)).toMatchObject({ kind: 'closed', body: '经两次重办，已就近设置助餐点，诉求已依规办理完毕。', data: { by: 'coordinator' } });
  });

  it('refuses reopening or closing a message that is not rated 不满意 (409)', async () => {
    const { id } = await answered();
    expect((await post(staff.coordinator!, `/api/v1/messages/${id}/reopen`, { reason: '重办' })).statusCode).toBe(409);
    expect((await post(staff.coordinator!, `/api/v1/messages/${id}/close`, { explanation: '办结' })).statusCode).toBe(409);
    expect(await messageRow(id)).toMatchObject({ status: 'replied', round: 0 });
  });

  it('records a callback visit on the internal timeline only', async () => {
    const { id } = await answered();
    const res = await post(staff.coordinator!, `/api/v1/messages/${id}/callbacks`, { visitedOn: '2026-11-23', method: 'visit', outcome: '上门回访，老人对食堂很满意。', satisfaction: 'very_satisfied' });
    expect(res.statusCode, res.body).toBe(201);
    const entry = res.json().timeline.at(-1);
    expect(entry).toMatchObject({ kind: 'callback', body: '上门回访，老人对食堂很满意。', data: { visitedOn: '2026-11-23', satisfaction: 'very_satisfied' } });
    expect((await get(null, `/api/v1/messages/${id}`)).json().timeline.some((e: { kind: string }) => e.kind === 'callback')).toBe(false);
    expect((await post(staff.coordinator!, `/api/v1/messages/${id}/callbacks`, { visitedOn: '23/11/2026', method: 'visit', outcome: 'x', satisfaction: 'satisfied' })).json().field).toBe('visitedOn');
  });
});

describe('supervision, leaders and letters', () => {
  it('urges the open units, opens 督办 with a numbered letter, and renders the letter as JSON and PDF', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    const urged = await post(staff.coordinator!, `/api/v1/messages/${id}/urges`, { body: '请本周内答复。' });
    expect(urged.statusCode, urged.body).toBe(201);
    expect((await notificationsOf('handler', 'urged')).filter((n) => n.message_id === String(id))).toHaveLength(1);
    const supervised = await post(staff.coordinator!, `/api/v1/messages/${id}/supervision`, { requirements: '请于3个工作日内办结并书面反馈。' });
    expect(supervised.json()).toMatchObject({ handling: { supervisedAt: expect.any(String), letters: expect.arrayContaining(['assignment', 'supervision']) } });
    const letter = await get(staff.handler!, `/api/v1/messages/${id}/letters/supervision`);
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.json()).toMatchObject({ kind: 'supervision', letterNumber: expect.stringMatching(/^民声督办〔\d{4}〕第\d{6}号$/), issuer: '江西省委民声通道工作室', recipient: '东湖区民政局', requirements: '请于3个工作日内办结并书面反馈。', chain: ['南昌市委办公室', '东湖区民政局'] });
    const assignmentLetter = (await get(staff.coordinator!, `/api/v1/messages/${id}/letters/assignment`)).json();
    expect(assignmentLetter).toMatchObject({ recipient: '南昌市委办公室', requirements: '请南昌市委办公室牵头办理。', handlingClass: '及时办' });
    const pdf = await get(staff.coordinator!, `/api/v1/messages/${id}/letters/supervision/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(null, `/api/v1/messages/${id}/letters/supervision`)).statusCode).toBe(401);
    const list = (await get(staff.coordinator!, '/api/v1/handling?view=supervised')).json();
    expect(list.items.map((m: { id: number }) => m.id)).toContain(id);
  });

  it('lets a leader write an instruction that reaches the units on the chain, internally', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    const res = await post(staff.leader!, `/api/v1/messages/${id}/instructions`, { body: '要把老年人用餐这件实事办好。' });
    expect(res.statusCode, res.body).toBe(201);
    for (const login of ['ncoffice', 'handler', 'street', 'coordinator']) expect((await notificationsOf(login, 'instruction')).filter((n) => n.message_id === String(id)), login).toHaveLength(1);
    expect((await get(null, `/api/v1/messages/${id}`)).json().timeline.some((e: { kind: string }) => e.kind === 'instruction')).toBe(false);
    expect((await post(staff.handler!, `/api/v1/messages/${id}/instructions`, { body: '批示' })).statusCode).toBe(403);
  });

  it('puts 高位办 and flagged messages on the leader’s lists', async () => {
    const { id: high } = await accepted();
    await post(staff.coordinator!, `/api/v1/messages/${high}/assignments`, { leadUnitId: unit['nc-pc-office'], handlingClass: 'high' });
    const { id: flagged } = await accepted();
    await post(staff.coordinator!, `/api/v1/messages/${flagged}/leader-attention`, { attention: true, note: '请领导阅示' });
    expect((await get(staff.leader!, '/api/v1/handling?view=high')).json().items.map((m: { id: number }) => m.id)).toContain(high);
    const flaggedList = (await get(staff.leader!, '/api/v1/handling?view=flagged')).json().items.map((m: { id: number }) => m.id);
    expect(flaggedList).toContain(flagged);
    expect(flaggedList).not.toContain(high);
    expect((await get(staff.leader!, '/api/v1/handling?view=open')).statusCode).toBe(403);
  });

  it('lists the day’s 清零 work and open messages with their lateness for the coordinator', async () => {
    const { id: waiting } = await accepted();
    const { id: late } = await accepted();
    const coordinator = await actorOf(t.db, 'coordinator');
    await assignMessage(t.db, coordinator, String(late), { leadUnitId: unit['dh-mzj']!, handlingClass: 'timely' }, new Date(Date.now() - 30 * 86_400_000));
    const today = (await get(staff.coordinator!, '/api/v1/handling?view=today&limit=100')).json().items.map((m: { id: number }) => m.id);
    expect(today).toEqual(expect.arrayContaining([waiting, late]));
    const overdue = (await get(staff.coordinator!, '/api/v1/handling?view=overdue&limit=100')).json().items;
    expect(overdue.find((m: { id: number }) => m.id === late)).toMatchObject({ lateness: 'red', overdueDays: expect.any(Number), leadUnits: [{ name: '东湖区民政局', status: 'pending' }] });
    expect(overdue.find((m: { id: number }) => m.id === late).overdueDays).toBeGreaterThan(10);
    const counts = (await get(staff.coordinator!, '/api/v1/handling/counts')).json();
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(counts.unassigned).toBeGreaterThanOrEqual(1);
  });
});

describe('the unit inbox', () => {
  it('sorts a unit’s assignments into to-sign, in-progress, due-soon and overdue, with counts', async () => {
    const admin = await actorOf(t.db, 'admin');
    const coordinator = await actorOf(t.db, 'coordinator');
    const handler = await actorOf(t.db, 'street');
    const now = new Date('2026-11-23T02:00:00Z');
    const { id: fresh } = await accepted();
    await assignMessage(t.db, coordinator, String(fresh), { leadUnitId: unit['dh-dyjd']!, handlingClass: 'timely' }, new Date('2026-11-23T01:00:00Z'));
    const { id: signed } = await accepted();
    await assignMessage(t.db, coordinator, String(signed), { leadUnitId: unit['dh-dyjd']!, handlingClass: 'timely' }, new Date('2026-11-23T01:00:00Z'));
    await signAssignment(t.db, admin, await assignmentId(signed, 'dh-dyjd'));
    const { id: soon } = await accepted();
    // 及时办 assigned Fri 13 Nov: reply due Tue 24 Nov; on Mon 23 Nov 10:00 more than 80% of the time is gone.
    await assignMessage(t.db, coordinator, String(soon), { leadUnitId: unit['dh-dyjd']!, handlingClass: 'timely' }, new Date('2026-11-13T01:00:00Z'));
    await signAssignment(t.db, admin, await assignmentId(soon, 'dh-dyjd'));
    await t.db.updateTable('assignments').set({ contacted_at: new Date('2026-11-16T01:00:00Z') }).where('message_id', '=', String(soon)).execute();
    const { id: late } = await accepted();
    await assignMessage(t.db, coordinator, String(late), { leadUnitId: unit['dh-dyjd']!, handlingClass: 'timely' }, new Date('2026-11-02T01:00:00Z'));

    const ids = async (tab: 'to_sign' | 'in_progress' | 'due_soon' | 'overdue') => (await listInbox(t.db, handler, { tab, limit: 100 }, now)).items.map((i) => i.message.id);
    expect(await ids('to_sign')).toEqual(expect.arrayContaining([fresh, late]));
    expect(await ids('in_progress')).toEqual(expect.arrayContaining([signed, soon]));
    expect(await ids('due_soon')).toContain(soon);
    expect(await ids('due_soon')).not.toContain(signed);
    expect(await ids('overdue')).toContain(late);
    expect(await ids('overdue')).not.toContain(fresh);
    const item = (await listInbox(t.db, handler, { tab: 'due_soon', limit: 100 }, now)).items.find((i) => i.message.id === soon)!;
    expect(item.assignment.deadlines.reply.state).toBe('amber');
    // Over HTTP: the handler of 东湖区民政局 does not see 大院街道's inbox; the unit admin of 东湖区委 does (subtree).
    expect((await get(staff.handler!, `/api/v1/inbox?tab=to_sign&unit=${unit['dh-dyjd']}`)).statusCode).toBe(404);
    const adminInbox = (await get(staff.unitadmin!, `/api/v1/inbox?tab=to_sign&unit=${unit['dh-dyjd']}&limit=100`)).json();
    expect(adminInbox.items.map((i: { message: { id: number } }) => i.message.id)).toContain(fresh);
    const counts = (await get(staff.street!, '/api/v1/inbox/counts')).json();
    expect(counts.to_sign).toBeGreaterThanOrEqual(2);
  });

  it('pages with a cursor', async () => {
    const coordinator = await actorOf(t.db, 'coordinator');
    for (let i = 0; i < 3; i++) {
      const { id } = await accepted();
      await assignMessage(t.db, coordinator, String(id), { leadUnitId: unit['dh-bhzjd']!, handlingClass: 'timely' });
    }
    const bhAdmin = await actorOf(t.db, 'admin');
    const first = await listInbox(t.db, bhAdmin, { tab: 'to_sign', unit: String(unit['dh-bhzjd']), limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await listInbox(t.db, bhAdmin, { tab: 'to_sign', unit: String(unit['dh-bhzjd']), limit: 2, cursor: first.nextCursor! });
    expect(second.items.length).toBeGreaterThanOrEqual(1);
    expect(new Set([...first.items, ...second.items].map((i) => i.assignment.id)).size).toBe(first.items.length + second.items.length);
  });
});

describe('timers (the clock controlled)', () => {
  it('warns the unit at amber, the unit and the coordinator at red, once each; a second miss puts the message under 督办', async () => {
    const { id } = await accepted();
    const coordinator = await actorOf(t.db, 'coordinator');
    const assignedAt = new Date('2026-11-02T01:00:00Z'); // Mon 2 Nov, 09:00 in Beijing
    await assignMessage(t.db, coordinator, String(id), { leadUnitId: unit['dh-bhzjd']!, handlingClass: 'timely' }, assignedAt);
    const a = await assignmentId(id, 'dh-bhzjd');
    const alerts = async () => (await t.db.selectFrom('deadline_alerts').select(['deadline', 'level']).where('assignment_id', '=', a).orderBy('created_at').orderBy('deadline').execute()).map((r) => `${r.deadline}:${r.level}`);

    // Sign due at the end of Tue 3 Nov; 80% of its time has passed on Tue afternoon.
    await sweepDeadlines(t.db, new Date('2026-11-03T10:00:00Z'));
    expect(await alerts()).toEqual(['sign:amber']);
    await sweepDeadlines(t.db, new Date('2026-11-03T11:00:00Z'));
    expect(await alerts()).toEqual(['sign:amber']);
    // Wed 4 Nov: the sign deadline is missed (red).
    await sweepDeadlines(t.db, new Date('2026-11-04T09:00:00Z'));
    expect((await alerts()).sort()).toEqual(['sign:amber', 'sign:red']);
    expect(await messageRow(id)).toMatchObject({ overdue_count: 1, supervised_at: null });
    expect((await notificationsOf('coordinator', 'deadline_red')).filter((n) => n.message_id === String(id))).toHaveLength(1);
    // Thu 5 Nov afternoon: contact (due at the end of Thu 5) is amber.
    await sweepDeadlines(t.db, new Date('2026-11-05T09:00:00Z'));
    expect((await alerts()).sort()).toEqual(['contact:amber', 'sign:amber', 'sign:red']);
    // Fri 6 Nov: contact missed too — the second miss: 督办 automatically, with a letter.
    await sweepDeadlines(t.db, new Date('2026-11-06T09:00:00Z'));
    await sweepDeadlines(t.db, new Date('2026-11-06T09:05:00Z'));
    const row = await messageRow(id);
    expect(row.overdue_count).toBe(2);
    expect(row.supervised_at).toBeInstanceOf(Date);
    expect((await eventKinds(id)).filter((k) => k === 'overdue' || k === 'supervised')).toEqual(['overdue', 'overdue', 'supervised']);
    expect((await t.db.selectFrom('letters').select('kind').where('message_id', '=', String(id)).execute()).map((l) => l.kind).sort()).toEqual(['assignment', 'supervision']);
  });

  it('works off a backlog in short batches, each alert once', async () => {
    const coordinator = await actorOf(t.db, 'coordinator');
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await accepted();
      await assignMessage(t.db, coordinator, String(id), { leadUnitId: unit['dh-rsj']!, handlingClass: 'timely' }, new Date('2026-06-01T01:00:00Z'));
      ids.push(id);
    }
    // Each: sign, contact and reply deadlines all missed: 9 red alerts, raised two messages per transaction.
    const now = new Date('2026-07-01T01:00:00Z');
    expect(await sweepDeadlines(t.db, now, 2)).toBeGreaterThanOrEqual(9);
    const raised = await t.db.selectFrom('deadline_alerts').innerJoin('assignments', 'assignments.id', 'deadline_alerts.assignment_id').select(['deadline_alerts.deadline', 'deadline_alerts.level']).where('assignments.message_id', 'in', ids.map(String)).execute();
    expect(raised).toHaveLength(9);
    expect(raised.every((r) => r.level === 'red')).toBe(true);
    expect(await sweepDeadlines(t.db, now, 2)).toBe(0);
  });

  it('closes a final reply without a rating as 未评价 after 7 days, once', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '已开设幸福食堂。', final: true });
    const finalAt = (await messageRow(id)).final_reply_at!;
    expect(await closeUnrated(t.db, new Date(finalAt.getTime() + 6 * 86_400_000))).toBe(0);
    await Promise.all([closeUnrated(t.db, new Date(finalAt.getTime() + 8 * 86_400_000)), closeUnrated(t.db, new Date(finalAt.getTime() + 8 * 86_400_000))]);
    expect(await messageRow(id)).toMatchObject({ status: 'closed', close_reason: 'unrated', public_status: 'done' });
    expect((await eventKinds(id)).filter((k) => k === 'closed')).toHaveLength(1);
  });
});

describe('what the first review found', () => {
  it('counts one missed deadline once: the parent that passed the work down and a same-day sign/contact are not extra lateness', async () => {
    const { id } = await accepted();
    await downTheChain(id);
    await post(staff.handler!, `/api/v1/assignments/${await assignmentId(id, 'dh-mzj')}/contacts`, { method: 'phone', summary: '已联系。' });
    const replyDue = (await assignmentsOf(id))[0]!.reply_due;
    await sweepDeadlines(t.db, new Date(replyDue.getTime() + 86_400_000));
    expect(await messageRow(id)).toMatchObject({ overdue_count: 1, supervised_at: null });
    expect((await notificationsOf('coordinator', 'deadline_red')).filter((n) => n.message_id === String(id))).toHaveLength(1);

    const { id: special } = await accepted();
    const coordinator = await actorOf(t.db, 'coordinator');
    await assignMessage(t.db, coordinator, String(special), { leadUnitId: unit['dh-rsj']!, handlingClass: 'special' }, new Date('2026-11-02T01:00:00Z'));
    await sweepDeadlines(t.db, new Date('2026-11-04T01:00:00Z')); // sign and contact both due at the end of Tue 3 Nov
    expect(await messageRow(special)).toMatchObject({ overdue_count: 1, supervised_at: null });
  });

  it('lists the coordinator’s co-handlers on the 交办函 and names coUnitIds when one is refused', async () => {
    const { id } = await accepted();
    const refused = await post(staff.coordinator!, `/api/v1/messages/${id}/assignments`, { leadUnitId: unit['nc-pc-office'], coUnitIds: [unit['ha-pc']], handlingClass: 'timely' });
    expect(refused.json()).toMatchObject({ code: 'unit_not_assignable', field: 'coUnitIds' });
    await assignNc(id, { coUnitIds: [unit['dh-pc']] });
    expect((await get(staff.coordinator!, `/api/v1/messages/${id}/letters/assignment`)).json()).toMatchObject({ recipient: '南昌市委办公室', coHandlers: ['中共东湖区委'] });
  });

  it('refuses passing down while the unit’s own reply waits for review, and tells the unit admins, not the writer, of a held reply', async () => {
    const { id } = await accepted();
    await as(t.app, staff.unitadmin!, { method: 'PUT', url: `/api/v1/units/${unit['dh-dyjd']}/reply-review`, payload: { mode: 'unit_admin' } });
    try {
      await post(staff.coordinator!, `/api/v1/messages/${id}/assignments`, { leadUnitId: unit['dh-dyjd'], handlingClass: 'timely' });
      const a = await assignmentId(id, 'dh-dyjd');
      await post(staff.street!, `/api/v1/assignments/${a}/sign`);
      expect((await post(staff.street!, `/api/v1/messages/${id}/replies`, { body: '食堂选址完成。', final: true })).json().status).toBe('pending_review');
      expect((await notificationsOf('unitadmin', 'review_requested')).filter((n) => n.message_id === String(id))).toHaveLength(1);
      expect((await notificationsOf('street', 'review_requested')).filter((n) => n.message_id === String(id))).toHaveLength(0);
      const passed = await post(staff.street!, `/api/v1/assignments/${a}/pass-down`, { leadUnitId: unit['dh-bhzjd'] });
      expect(passed.statusCode).toBe(409);
      expect((await assignmentsOf(id)).map((x) => x.status)).toEqual(['signed']);
    } finally {
      await as(t.app, staff.unitadmin!, { method: 'PUT', url: `/api/v1/units/${unit['dh-dyjd']}/reply-review`, payload: { mode: 'none' } });
    }
  });

  it('refuses a first rating once the message was closed as 未评价, and a future contact time', async () => {
    const { id, author } = await accepted();
    await downTheChain(id);
    const future = await post(staff.handler!, `/api/v1/assignments/${await assignmentId(id, 'dh-mzj')}/contacts`, { method: 'phone', summary: '已联系。', contactedAt: '2030-01-01T00:00:00Z' });
    expect(future.statusCode).toBe(400);
    expect(future.json().field).toBe('contactedAt');
    await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '已开设幸福食堂。', final: true });
    const second = await post(staff.handler!, `/api/v1/messages/${id}/replies`, { body: '再次答复。', final: true });
    expect(second.json().code).toBe('final_reply_exists');
    const finalAt = (await messageRow(id)).final_reply_at!;
    await closeUnrated(t.db, new Date(finalAt.getTime() + 8 * 86_400_000));
    expect((await get(author.session, `/api/v1/messages/${id}`)).json().abilities.rate).toBe(false);
    const late = await post(author.session, `/api/v1/messages/${id}/rating`, { resolution: 1, attitude: 1, speed: 1 });
    expect(late.statusCode).toBe(409);
    expect(await messageRow(id)).toMatchObject({ status: 'closed', close_reason: 'unrated' });
  });
});

describe('deadline policies', () => {
  it('refuses non-increasing days with a field, and a non-admin', async () => {
    const bad = await as(t.app, staff.admin!, { method: 'PUT', url: '/api/v1/deadline-policies/360000/timely', payload: { signDays: 3, contactDays: 2, replyDays: 7, maxExtensionDays: 7 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('contactDays');
    expect((await as(t.app, staff.coordinator!, { method: 'PUT', url: '/api/v1/deadline-policies/360000/timely', payload: { signDays: 1, contactDays: 2, replyDays: 7, maxExtensionDays: 7 } })).statusCode).toBe(403);
    expect((await as(t.app, staff.admin!, { method: 'DELETE', url: '/api/v1/deadline-policies/000000/timely' })).statusCode).toBe(400);
    const policies = (await get(staff.handler!, '/api/v1/deadline-policies')).json();
    expect(policies.find((p: { regionCode: string; handlingClass: string }) => p.regionCode === '000000' && p.handlingClass === 'timely')).toMatchObject({ signDays: 1, contactDays: 3, replyDays: 7, regionName: '全国' });
  });
});

// Used by the reopen flow in other files' helpers; keep the import list honest.
void passDownAssignment;
void reopenMessage;
void submitReply;
void sql;
