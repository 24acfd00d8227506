/**
 * The console home (issue 16): each count equals the list it links to, per role; a role's
 * section is null when the role has no such list; the month's figures move when the unit answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { loginFrom, uniqueIp } from '../support/factories.js';
import { assignToOwnUnit, makeMessage, replyTo } from '../support/messages.js';

let t: TestApp;
const session: Record<string, Session> = {};

interface Workbench {
  cap: number;
  screening: { toScreen: number } | null;
  supervision: { toAssign: number; today: number; overdue: number; supervised: number; dissatisfied: number; open: number; extensions: number } | null;
  inbox: { toSign: number; inProgress: number; dueSoon: number; overdue: number; returned: number } | null;
  reviews: { awaitingReview: number } | null;
  month: { received: number; replied: number; repliedOnTime: number; onTimeRate: number | null } | null;
}

async function workbench(who: string): Promise<Workbench> {
  const res = await as(t.app, session[who]!, { method: 'GET', url: '/api/v1/workbench' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Workbench;
}

/** Every row of a keyset list, page by page. */
async function listLength(who: string, url: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await as(t.app, session[who]!, { method: 'GET', url: `${url}${sep}limit=100${cursor ? `&cursor=${cursor}` : ''}` });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: unknown[]; nextCursor: string | null };
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

beforeAll(async () => {
  t = await buildTestApp();
  for (const who of ['coordinator', 'handler', 'unitadmin', 'analyst', 'admin']) session[who] = await loginFrom(t.app, uniqueIp(), who);
});
afterAll(async () => t.close());

describe('GET /workbench', () => {
  it("gives a coordinator the screening queue, the supervision counts and pending extensions, each equal to its list", async () => {
    const before = await workbench('coordinator');
    await makeMessage(t.db, { author: '13907910001' });
    const wb = await workbench('coordinator');
    expect(wb.screening!.toScreen).toBe(before.screening!.toScreen + 1);
    expect(wb.screening!.toScreen).toBe(await listLength('coordinator', '/api/v1/screening'));
    const counts = (await as(t.app, session.coordinator!, { method: 'GET', url: '/api/v1/handling/counts' })).json();
    expect(wb.supervision).toEqual({ toAssign: counts.unassigned, today: counts.today, overdue: counts.overdue, supervised: counts.supervised, dissatisfied: counts.dissatisfied, open: counts.open, extensions: await listLength('coordinator', '/api/v1/extension-requests') });
    expect(wb.reviews!.awaitingReview).toBe(await listLength('coordinator', '/api/v1/reviews'));
  });

  it("gives a handler the unit inbox's counts and no coordinator's sections", async () => {
    const wb = await workbench('handler');
    const counts = (await as(t.app, session.handler!, { method: 'GET', url: '/api/v1/inbox/counts' })).json();
    expect(wb.inbox).toEqual({ toSign: counts.to_sign, inProgress: counts.in_progress, dueSoon: counts.due_soon, overdue: counts.overdue, returned: counts.returned });
    expect(wb.screening).toBeNull();
    expect(wb.supervision).toBeNull();
    expect(wb.reviews).toBeNull();
    expect(wb.month).not.toBeNull();
  });

  it("counts the unit's lead work received and answered this month, and answered on time", async () => {
    const before = (await workbench('handler')).month!;
    const id = await makeMessage(t.db, { author: '13907910001', state: 'accepted' });
    // The coordinator gives it to the handler's unit; the handler signs and answers.
    await assignToOwnUnit(t.app, session.handler!, id, session.coordinator!);
    await replyTo(t.app, session.handler!, id, '经核实，已安排工作人员上门处理，问题已解决。', true);
    const after = (await workbench('handler')).month!;
    expect(after.received).toBe(before.received + 1);
    expect(after.replied).toBe(before.replied + 1);
    expect(after.repliedOnTime).toBe(before.repliedOnTime + 1);
    expect(after.onTimeRate).toBeCloseTo(after.repliedOnTime / after.replied, 10);
  });

  it('gives an analyst, who works no queue, only empty sections', async () => {
    const wb = await workbench('analyst');
    expect(wb).toMatchObject({ screening: null, supervision: null, inbox: null, reviews: null, month: null });
  });
});

describe('the unit inbox as a day of work', () => {
  interface InboxPage { items: Array<{ assignment: { id: number; handlingClass: string }; message: { id: number; number: string; title: string } }>; nextCursor: string | null; total: number; sort: string }
  const inbox = async (query: string): Promise<InboxPage> => {
    const res = await as(t.app, session.handler!, { method: 'GET', url: `/api/v1/inbox?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as InboxPage;
  };
  /** Three messages given to the handler's unit, to sign, whose signing deadlines are set apart by hours. */
  const made: Array<{ id: string; number: string; assignmentId: string }> = [];

  beforeAll(async () => {
    const me = (await as(t.app, session.handler!, { method: 'GET', url: '/api/v1/auth/me' })).json().account;
    for (const [i, hours, cls] of [[0, 30, 'timely'], [1, 2, 'special'], [2, 10, 'timely']] as const) {
      const id = await makeMessage(t.db, { author: '13907910001', state: 'accepted', title: `暖气不热排序测试${i}` });
      const res = await as(t.app, session.coordinator!, { method: 'POST', url: `/api/v1/messages/${id}/assignments`, payload: { leadUnitId: me.unit.id, handlingClass: cls } });
      expect(res.statusCode, res.body).toBe(201);
      const a = await t.db.selectFrom('assignments').select('id').where('message_id', '=', id).executeTakeFirstOrThrow();
      await t.db.updateTable('assignments').set({ sign_due: new Date(Date.now() + hours * 3600_000) }).where('id', '=', a.id).execute();
      const number = (await t.db.selectFrom('messages').select('number').where('id', '=', id).executeTakeFirstOrThrow()).number;
      made.push({ id, number, assignmentId: a.id });
    }
  });

  it('puts the nearest deadline first and pages by it without repeats, with the total', async () => {
    const first = await inbox('tab=to_sign&q=暖气不热排序测试');
    expect(first.sort).toBe('urgency');
    expect(first.total).toBe(3);
    expect(first.items.map((i) => i.message.title)).toEqual(['暖气不热排序测试1', '暖气不热排序测试2', '暖气不热排序测试0']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: InboxPage = await inbox(`tab=to_sign&q=暖气不热排序测试&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((i) => i.message.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['暖气不热排序测试1', '暖气不热排序测试2', '暖气不热排序测试0']);
    // The whole tab is in deadline order too.
    const all = await inbox('tab=to_sign&limit=100');
    const dues = await t.db.selectFrom('assignments').select(['id', 'sign_due']).where('id', 'in', all.items.map((i) => String(i.assignment.id))).execute();
    const due = new Map(dues.map((d) => [Number(d.id), new Date(d.sign_due).getTime()]));
    const order = all.items.map((i) => due.get(i.assignment.id)!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('finds a message by its number or title words, filters by class, and sorts newest first on request', async () => {
    const byNumber = await inbox(`tab=to_sign&q=${made[2]!.number}`);
    expect(byNumber.items.map((i) => i.message.number)).toEqual([made[2]!.number]);
    expect(byNumber.total).toBe(1);
    const special = await inbox('tab=to_sign&q=暖气不热排序测试&handlingClass=special');
    expect(special.items.map((i) => i.message.title)).toEqual(['暖气不热排序测试1']);
    const newest = await inbox('tab=to_sign&q=暖气不热排序测试&sort=newest');
    expect(newest.items.map((i) => i.message.title)).toEqual(['暖气不热排序测试2', '暖气不热排序测试1', '暖气不热排序测试0']);
    // % and _ are letters here, not wildcards.
    expect((await inbox(`tab=to_sign&q=${encodeURIComponent('排序%测_')}`)).total).toBe(0);
  });

  it('refuses a cursor it did not make and an unknown class, naming the field', async () => {
    for (const [query, field] of [['tab=to_sign&cursor=bm90LWEtY3Vyc29y', 'cursor'], ['tab=to_sign&handlingClass=urgent', 'handlingClass'], ['tab=to_sign&sort=oldest', 'sort']] as const) {
      const res = await as(t.app, session.handler!, { method: 'GET', url: `/api/v1/inbox?${query}` });
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json())).toContain(field);
    }
  });
});
