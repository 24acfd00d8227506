/**
 * The working-day calendar as data (issue 13): seeded from chinese-days, 2027 missing until an
 * admin enters it; deadlines in a missing year are provisional; entering a year or editing a day
 * recomputes the open deadlines it moves (with a timeline event) and leaves passed ones alone;
 * admins are warned from 1 November; every change is audited; bad input changes nothing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignMessage } from '../../src/server/modules/handling/handling.assign.js';
import { policyFor } from '../../src/server/modules/handling/handling.repository.js';
import { getCalendarStatus, warnAboutMissingYear } from '../../src/server/modules/calendar/calendar.service.js';
import { currentCalendar, endOfShanghaiDay } from '../../src/server/modules/calendar/working-days.js';
import { parseCalendarText } from '../../src/shared/calendar.js';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { auditEntries } from '../support/factories.js';
import { actorOf, makeMessage } from '../support/messages.js';

const CITIZEN = '13907910001';

/** A plausible 2027 arrangement, written as an admin would paste it (not the real notice). */
const NOTICE_2027 = `日期,结束日期,类型,名称
2027-01-01,2027-01-03,休,元旦
2027-02-06,2027-02-13,休,春节
2027-02-14,,班,春节
2027-02-20,,班,春节
2027-04-03,2027-04-05,休,清明节
2027-05-01,2027-05-05,休,劳动节
2027-05-08,,班,劳动节
2027-06-09,2027-06-11,休,端午节
2027-09-15,2027-09-17,休,中秋节
2027-10-01,2027-10-07,休,国庆节
2027-09-26,,班,国庆节
2027-10-09,,班,国庆节`;

let t: TestApp;
let admin: Session;
let coordinator: Session;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin');
  coordinator = await login(t.app, 'coordinator');
});
afterAll(async () => t?.close());

/** A message accepted and assigned (及时办) to its board's unit at `at`; returns its id and the lead assignment. */
async function assignedAt(at: Date): Promise<{ messageId: string; assignmentId: string }> {
  const messageId = await makeMessage(t.db, { author: CITIZEN, state: 'accepted' });
  const unit = await t.db.selectFrom('messages').innerJoin('boards', 'boards.id', 'messages.board_id').select('boards.unit_id').where('messages.id', '=', messageId).executeTakeFirstOrThrow();
  await assignMessage(t.db, await actorOf(t.db, 'admin'), messageId, { leadUnitId: Number(unit.unit_id), handlingClass: 'timely' }, at);
  const a = await t.db.selectFrom('assignments').select('id').where('message_id', '=', messageId).where('role', '=', 'lead').executeTakeFirstOrThrow();
  return { messageId, assignmentId: a.id };
}

async function deadlinesOf(messageId: string) {
  const res = await as(t.app, admin, { method: 'GET', url: `/api/v1/messages/${messageId}` });
  expect(res.statusCode).toBe(200);
  return res.json().handling.assignments[0].deadlines as Record<'sign' | 'contact' | 'reply', { due: string; provisional: boolean }>;
}

async function eventsOf(messageId: string, kind: string) {
  return t.db.selectFrom('message_events').select(['data', 'visibility']).where('message_id', '=', messageId).where('kind', '=', kind).orderBy('id').execute();
}

const endOf = (day: string) => endOfShanghaiDay(day).toISOString();

describe('the calendar is seeded from chinese-days and kept in tables', () => {
  it('holds the package years as entered, 2027 not entered, and counts 国庆 2026 from the table', async () => {
    const years = (await t.db.selectFrom('calendar_years').select(['year', 'source']).orderBy('year').execute());
    expect(years[0]!.year).toBe(2004);
    expect(years.at(-1)!.year).toBe(2026);
    expect(years.every((y) => y.source.startsWith('chinese-days@'))).toBe(true);
    const res = await as(t.app, admin, { method: 'GET', url: '/api/v1/calendar/years/2026' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.provisional).toBe(false);
    expect(body.days.find((d: { day: string }) => d.day === '2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(body.days.find((d: { day: string }) => d.day === '2026-10-10')).toMatchObject({ kind: 'workday' });
    const missing = await as(t.app, admin, { method: 'GET', url: '/api/v1/calendar/years/2027' });
    expect(missing.json()).toMatchObject({ year: 2027, entered: null, provisional: true, days: [] });
  });
});

describe('a year nobody entered: weekends only, provisional, and a warning from 1 November', () => {
  it('marks deadlines that land in 2027 provisional and counts 元旦 as a working day meanwhile', async () => {
    const { messageId } = await assignedAt(new Date('2026-12-28T02:00:00Z')); // Mon 10:00 Beijing
    const policy = await policyFor(t.db, '360102', 'timely');
    expect(policy).toMatchObject({ sign_days: 1, contact_days: 3, reply_days: 7 });
    const d = await deadlinesOf(messageId);
    expect(d.sign).toMatchObject({ due: endOf('2026-12-29'), provisional: false });
    expect(d.contact).toMatchObject({ due: endOf('2026-12-31'), provisional: false });
    // 29, 30, 31, Fri 1 January (no data: a working day), 4, 5, 6.
    expect(d.reply).toMatchObject({ due: endOf('2027-01-06'), provisional: true });
  });

  it('warns platform admins from 1 November, once a week, and not in October', async () => {
    const actor = await actorOf(t.db, 'admin');
    expect((await getCalendarStatus(t.db, actor, new Date('2026-10-31T12:00:00Z'))).warning).toBeNull();
    expect((await getCalendarStatus(t.db, actor, new Date('2026-11-01T01:00:00Z'))).warning).toEqual({ year: 2027, since: '2026-11-01' });
    expect(await warnAboutMissingYear(t.db, new Date('2026-10-31T12:00:00Z'))).toBe(0);
    const admins = await t.db.selectFrom('accounts').select('id').where(sql<boolean>`roles @> ARRAY['platform_admin']::text[]`).where('status', '=', 'active').execute();
    expect(await warnAboutMissingYear(t.db, new Date('2026-11-02T01:00:00Z'))).toBe(admins.length);
    expect(await warnAboutMissingYear(t.db, new Date('2026-11-03T01:00:00Z'))).toBe(0); // same week
    expect(await warnAboutMissingYear(t.db, new Date('2026-11-09T01:00:00Z'))).toBe(admins.length); // a week later
    const inbox = await as(t.app, admin, { method: 'GET', url: '/api/v1/notifications' });
    const mine = inbox.json().items.filter((n: { kind: string }) => n.kind === 'calendar_missing');
    expect(mine.length).toBe(2);
    expect(mine[0].title['zh-CN']).toContain('2027年节假日安排尚未录入');
    expect(mine[0].title.en).toContain('2027');
    expect(mine[0].link).toBe('/console/calendar?year=2027');
    // Any staff member sees the state; only admins may read and change the calendar.
    const status = await as(t.app, coordinator, { method: 'GET', url: '/api/v1/calendar/status' });
    expect(status.statusCode).toBe(200);
    expect(status.json().nextYear).toEqual({ year: 2027, entered: false });
    expect((await as(t.app, coordinator, { method: 'GET', url: '/api/v1/calendar/years/2027' })).statusCode).toBe(403);
    expect((await as(t.app, null, { method: 'GET', url: '/api/v1/calendar/status' })).statusCode).toBe(401);
  });
});

describe('entering 2027 from the State Council notice', () => {
  let before: { messageId: string; assignmentId: string };
  let passed: { messageId: string; assignmentId: string };

  beforeAll(async () => {
    before = await assignedAt(new Date('2026-12-28T02:00:00Z'));
    passed = await assignedAt(new Date('2026-11-02T02:00:00Z')); // every deadline over by 11 November
  });

  it('refuses a bad arrangement with the field named and changes nothing', async () => {
    const version = (await t.db.selectFrom('calendar_state').select('version').executeTakeFirstOrThrow()).version;
    const weekday = await as(t.app, admin, { method: 'PUT', url: '/api/v1/calendar/years/2027', payload: { entries: [{ from: '2027-01-01', kind: 'holiday', name: '元旦' }, { from: '2027-01-06', kind: 'workday', name: '元旦' }] } });
    expect(weekday.statusCode).toBe(422);
    expect(weekday.headers['content-type']).toContain('application/problem+json');
    expect(weekday.json()).toMatchObject({ type: expect.stringContaining('calendar-workday-not-weekend'), field: 'entries[1].from' });
    const outside = await as(t.app, admin, { method: 'PUT', url: '/api/v1/calendar/years/2027', headers: { 'accept-language': 'en' }, payload: { entries: [{ from: '2026-12-31', to: '2027-01-01', kind: 'holiday', name: '元旦' }] } });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().title).toContain('is not in 2027');
    const badDate = await as(t.app, admin, { method: 'PUT', url: '/api/v1/calendar/years/2027', payload: { entries: [{ from: '2027-02-30', kind: 'holiday', name: '春节' }] } });
    expect(badDate.statusCode).toBe(400);
    const coordinatorTry = await as(t.app, coordinator, { method: 'PUT', url: '/api/v1/calendar/years/2027', payload: { entries: [{ from: '2027-01-01', kind: 'holiday', name: '元旦' }] } });
    expect(coordinatorTry.statusCode).toBe(403);
    expect((await t.db.selectFrom('calendar_state').select('version').executeTakeFirstOrThrow()).version).toBe(version);
    expect(await t.db.selectFrom('calendar_years').select('year').where('year', '=', 2027).executeTakeFirst()).toBeUndefined();
  });

  it('enters the year, moves the open deadlines across 元旦 with an event each, and audits it', async () => {
    const parsed = parseCalendarText(NOTICE_2027);
    expect(parsed.errors).toEqual([]);
    const res = await as(t.app, admin, { method: 'PUT', url: '/api/v1/calendar/years/2027', payload: { entries: parsed.entries, notice: '国办发明电〔2026〕X号（测试）' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.provisional).toBe(false);
    expect(body.entered).toMatchObject({ source: 'admin', notice: '国办发明电〔2026〕X号（测试）' });
    expect(body.days.filter((d: { kind: string }) => d.kind === 'holiday').length).toBe(3 + 8 + 3 + 5 + 3 + 3 + 7);
    expect(body.days.filter((d: { kind: string }) => d.kind === 'workday').map((d: { day: string }) => d.day)).toEqual(['2027-02-14', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09']);

    // 29, 30, 31, then 元旦 1–3, then 4, 5, 6, 7: the 7th working day is now Thursday 7 January.
    const d = await deadlinesOf(before.messageId);
    expect(d.reply).toMatchObject({ due: endOf('2027-01-07'), provisional: false });
    expect(d.sign.due).toBe(endOf('2026-12-29'));
    const moved = body.recomputed.filter((r: { assignmentId: number }) => r.assignmentId === Number(before.assignmentId));
    expect(moved).toEqual([expect.objectContaining({ deadline: 'reply', from: endOf('2027-01-06'), to: endOf('2027-01-07') })]);
    const events = await eventsOf(before.messageId, 'deadlines_recomputed');
    expect(events).toHaveLength(1);
    expect(events[0]!.visibility).toBe('internal');
    expect(events[0]!.data).toMatchObject({ source: 'calendar.year_enter', changes: [expect.objectContaining({ deadline: 'reply', to: endOf('2027-01-07') })] });
    // Nothing moved on a message whose deadlines had passed.
    expect(await eventsOf(passed.messageId, 'deadlines_recomputed')).toHaveLength(0);
    const audit = await auditEntries(t.db, 'calendar.year_enter');
    expect(audit.at(-1)).toMatchObject({ target_id: '2027' });
    // The process now computes on the entered year.
    expect(currentCalendar().isEntered(2027)).toBe(true);
  });

  it('counts new deadlines across 元旦 2027 on the entered year', async () => {
    const { messageId } = await assignedAt(new Date('2026-12-31T02:00:00Z')); // Thu 10:00 Beijing
    const d = await deadlinesOf(messageId);
    expect(d.sign).toMatchObject({ due: endOf('2027-01-04'), provisional: false }); // not 1 January
    expect(d.contact.due).toBe(endOf('2027-01-06'));
    expect(d.reply.due).toBe(endOf('2027-01-12'));
  });

  it('counts 春节 and its make-up Sunday', async () => {
    const { messageId } = await assignedAt(new Date('2027-02-05T02:00:00Z')); // Fri before 春节
    const d = await deadlinesOf(messageId);
    // Holidays 6–13, Sunday 14 is a make-up working day.
    expect(d.sign.due).toBe(endOf('2027-02-14'));
    expect(d.contact.due).toBe(endOf('2027-02-16'));
  });
});

describe('editing one day', () => {
  it('moves the open deadlines whose span covers the day, leaves passed ones, and can be undone', async () => {
    const open = await assignedAt(new Date('2026-12-31T02:00:00Z')); // reply due 12 January
    const old = await assignedAt(new Date('2026-11-02T02:00:00Z'));
    const oldBefore = await deadlinesOf(old.messageId);

    const res = await as(t.app, admin, { method: 'PUT', url: '/api/v1/calendar/days/2027-01-05', payload: { kind: 'holiday', name: '临时放假（测试）' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().days.find((d: { day: string }) => d.day === '2027-01-05')).toMatchObject({ kind: 'holiday', source: 'admin' });
    expect((await deadlinesOf(open.messageId)).reply.due).toBe(endOf('2027-01-13'));
    expect((await deadlinesOf(open.messageId)).contact.due).toBe(endOf('2027-01-07'));
    expect((await eventsOf(open.messageId, 'deadlines_recomputed')).length).toBe(1);

    // A passed deadline stays as it was, even when the day edited lies inside its span.
    const pastEdit = await as(t.app, admin, { method: 'PUT', url: '/api/v1/calendar/days/2026-11-04', payload: { kind: 'holiday', name: '测试' } });
    expect(pastEdit.statusCode).toBe(200);
    expect(await deadlinesOf(old.messageId)).toEqual(oldBefore);
    expect(await eventsOf(old.messageId, 'deadlines_recomputed')).toHaveLength(0);

    const back = await as(t.app, admin, { method: 'PUT', url: '/api/v1/calendar/days/2027-01-05', payload: { kind: 'normal' } });
    expect(back.statusCode).toBe(200);
    expect(back.json().days.find((d: { day: string }) => d.day === '2027-01-05')).toBeUndefined();
    expect((await deadlinesOf(open.messageId)).reply.due).toBe(endOf('2027-01-12'));
    expect((await eventsOf(open.messageId, 'deadlines_recomputed')).length).toBe(2);
    const audit = await auditEntries(t.db, 'calendar.day_set');
    expect(audit.map((a) => a.target_id)).toEqual(expect.arrayContaining(['2027-01-05', '2026-11-04']));
  });

  it('refuses a make-up working day on a weekday, naming the field, in English when asked', async () => {
    const res = await as(t.app, admin, { method: 'PUT', url: '/api/v1/calendar/days/2027-03-03', headers: { 'accept-language': 'en' }, payload: { kind: 'workday', name: '调休' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ field: 'kind' });
    expect(res.json().title).toContain('weekend');
    const noName = await as(t.app, admin, { method: 'PUT', url: '/api/v1/calendar/days/2027-03-06', payload: { kind: 'workday' } });
    expect(noName.statusCode).toBe(400);
    expect(noName.json()).toMatchObject({ field: 'name' });
  });
});

describe('a calendar change racing handling', () => {
  it('lets assignments and calendar edits run together without an error reaching anyone, each deadline on the calendar of its moment', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await makeMessage(t.db, { author: CITIZEN, state: 'accepted' }));
    const unit = await t.db.selectFrom('boards').select('unit_id').where('name', '=', '江西省委书记').executeTakeFirstOrThrow();
    const adminActor = await actorOf(t.db, 'admin');
    const at = new Date('2026-12-31T02:00:00Z');
    const results = await Promise.allSettled([
      ...ids.map((id) => assignMessage(t.db, adminActor, id, { leadUnitId: Number(unit.unit_id), handlingClass: 'timely' }, at)),
      ...[0, 1, 2, 3].map((i) => as(t.app, admin, { method: 'PUT', url: '/api/v1/calendar/days/2027-01-06', payload: i % 2 === 0 ? { kind: 'holiday', name: '并发测试' } : { kind: 'normal' } })),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const r of results.slice(ids.length)) expect((r as PromiseFulfilledResult<{ statusCode: number }>).value.statusCode).toBe(200);
    // Whatever the order, every open deadline ends where the final calendar puts it (2027-01-06 ordinary again).
    for (const id of ids) expect((await deadlinesOf(id)).reply.due).toBe(endOf('2027-01-12'));
  });
});
