/**
 * Oversight (issue 16) against constructed data: messages made through the real
 * services in regions of their own (清零 in 龙南市, the bulletin in 瑞金市), then
 * placed in time by moving every timestamp of a message and its assignments
 * together. The expected figures are recounted here from the definitions in
 * docs/metrics.md ("清零", "季度通报"), not with the module's code.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignMessage, reopenMessage, signAssignment } from '../../src/server/modules/handling/handling.assign.js';
import { submitReply } from '../../src/server/modules/handling/handling.work.js';
import { rateMessage, screenMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { createMessage } from '../../src/server/modules/messages/messages.service.js';
import type { Actor } from '../../src/server/modules/access/actor.js';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { makeCitizen, makeStaff, makeUnit, unitIdByKey } from '../support/factories.js';
import { actorOf } from '../support/messages.js';

let t: TestApp;
let coordinator: Session;
let leader: Session;
let analyst: Session;
let henanCoordinator: Session;
let admin: Actor;
let citizen: Actor;

const CLEAR_REGION = '360783'; // 龙南市
const BULLETIN_REGION = '360781'; // 瑞金市
let clearBoard = '';
let bulletinBoard = '';

async function newBoard(region: string, name: string): Promise<string> {
  const row = await t.db.insertInto('boards').values({ kind: 'leader', title: `${name}书记`, name: `${name}委书记（督查测试）`, region_code: region, unit_id: null, sort: 100 }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await login(t.app, 'coordinator');
  leader = await login(t.app, 'leader');
  analyst = await login(t.app, 'analyst');
  const henan = await makeStaff(t.db, { unitId: await unitIdByKey(t.db, 'ha-gov'), roles: ['coordinator'] });
  henanCoordinator = await login(t.app, henan.login!);
  admin = await actorOf(t.db, 'admin');
  citizen = await actorOf(t.db, (await makeCitizen(t.db, { nickname: '督查网友' })).mobile!);
  clearBoard = await newBoard(CLEAR_REGION, '龙南市');
  bulletinBoard = await newBoard(BULLETIN_REGION, '瑞金市');
});

afterAll(async () => {
  await t?.close();
});

let n = 0;

/** A message on `board`, accepted, then (as asked) assigned to `unit`, signed, answered with a final reply. */
async function message(board: string, region: string, steps: { unit?: string; sign?: boolean; reply?: boolean } = {}): Promise<string> {
  await t.db.deleteFrom('rate_limits').execute();
  const created = await createMessage(t.db, citizen, {
    boardId: Number(board), type: 'help', fieldCode: 'health', regionCode: region,
    title: `督查测试留言${++n}`, body: `小区门口的路灯坏了两个月，晚上出行很不方便，希望尽快修复。编号${n}`, isPublic: true,
  }, null);
  const id = String(created.id);
  await screenMessage(t.db, admin, id, { decision: 'accept' });
  if (!steps.unit) return id;
  await assignMessage(t.db, admin, id, { leadUnitId: Number(steps.unit), handlingClass: 'timely' });
  if (steps.sign || steps.reply) {
    const a = await t.db.selectFrom('assignments').select('id').where('message_id', '=', id).where('status', '=', 'pending').executeTakeFirstOrThrow();
    await signAssignment(t.db, admin, a.id);
  }
  if (steps.reply) await submitReply(t.db, admin, id, { body: '已安排维修人员更换路灯，现已恢复照明。', final: true });
  return id;
}

/** Moves a message and its assignments in time, together, so that it was received at 00:10 Beijing time on `day`. */
async function placeOn(id: string, day: string): Promise<void> {
  const at = `${day}T00:10:00+08:00`;
  const delta = sql`(SELECT created_at - ${at}::timestamptz FROM messages WHERE id = ${id})`;
  await sql`
    UPDATE assignments SET assigned_at = assigned_at - ${delta}, sign_due = sign_due - ${delta}, contact_due = contact_due - ${delta},
           reply_due = reply_due - ${delta}, signed_at = signed_at - ${delta}, contacted_at = contacted_at - ${delta},
           replied_at = replied_at - ${delta}, finished_at = finished_at - ${delta}, returned_at = returned_at - ${delta}
     WHERE message_id = ${id}`.execute(t.db);
  await sql`
    UPDATE messages SET accepted_at = accepted_at - ${delta}, first_reply_at = first_reply_at - ${delta}, final_reply_at = final_reply_at - ${delta},
           last_reply_at = last_reply_at - ${delta}, closed_at = closed_at - ${delta}, assigned_at = assigned_at - ${delta},
           created_at = ${at}::timestamptz
     WHERE id = ${id}`.execute(t.db);
}

// ── an independent working-day count (docs/metrics.md: the days after the day of receipt up to and including today) ──

const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const shift = (day: string, k: number) => new Date(Date.parse(`${day}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);

async function workingDaysSince(day: string, today: string): Promise<number> {
  const special = new Map((await t.db.selectFrom('calendar_days').select([sql<string>`day::text`.as('day'), 'kind']).execute()).map((r) => [r.day, r.kind]));
  let count = 0;
  for (let d = shift(day, 1); d <= today; d = shift(d, 1)) {
    const kind = special.get(d);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (kind === 'workday' || (kind === undefined && weekday !== 0 && weekday !== 6)) count++;
  }
  return count;
}

function bandOf(age: number): string {
  if (age <= 7) return 'd0_7';
  if (age <= 15) return 'd8_15';
  if (age <= 30) return 'd16_30';
  if (age <= 90) return 'd31_90';
  return 'd90_plus';
}

describe('清零 (clearance)', () => {
  const today = beijingDay(new Date());
  const expected: Array<{ id: string; unit: string | null; day: string; band: string }> = [];
  let u1 = '';
  let u2 = '';
  let answeredInDrive = '';

  beforeAll(async () => {
    u1 = (await makeUnit(t.db, { regionCode: CLEAR_REGION, name: '龙南市住建局（测试）' })).id;
    u2 = (await makeUnit(t.db, { regionCode: CLEAR_REGION, name: '龙南市城管局（测试）' })).id;
    // [calendar days ago, unit, signed]
    const plan: Array<[number, string | null, boolean]> = [
      [0, u1, false], [3, u1, true], [10, u2, false], [12, null, false], [20, u2, true], [40, u1, true],
      [60, u1, false], [70, null, false], [75, u2, true], [120, u2, false], [200, u1, true], [210, null, false],
    ];
    for (const [ago, unit, sign] of plan) {
      const id = await message(clearBoard, CLEAR_REGION, unit ? { unit, sign } : {});
      const day = shift(today, -ago);
      await placeOn(id, day);
      expected.push({ id, unit, day, band: bandOf(await workingDaysSince(day, today)) });
    }
    // Not on the list: answered long ago, waiting for screening, rejected.
    await placeOn(await message(clearBoard, CLEAR_REGION, { unit: u1, reply: true }), shift(today, -50));
    await t.db.deleteFrom('rate_limits').execute();
    const submitted = await createMessage(t.db, citizen, { boardId: Number(clearBoard), type: 'help', fieldCode: 'health', regionCode: CLEAR_REGION, title: '尚未受理的留言', body: '这是一条还没有受理的留言，用来检查清零名单不含它。', isPublic: true }, null);
    await placeOn(String(submitted.id), shift(today, -5));
    // Open when the drive began (received 35 days ago), answered today: it leaves the list and counts as answered.
    answeredInDrive = await message(clearBoard, CLEAR_REGION, { unit: u2, sign: true });
    await placeOn(answeredInDrive, shift(today, -35));
    await submitReply(t.db, admin, answeredInDrive, { body: '已处理完毕。', final: true });
  });

  it('groups every open unanswered message of the region by unit and working-day age band, exactly', async () => {
    const res = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/clearance?regionCode=${CLEAR_REGION}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(expected.length);
    const recount = new Map<string, Record<string, number>>();
    for (const e of expected) {
      const key = e.unit ?? 'none';
      const row = recount.get(key) ?? { d0_7: 0, d8_15: 0, d16_30: 0, d31_90: 0, d90_plus: 0 };
      row[e.band]! += 1;
      recount.set(key, row);
    }
    const got = new Map<string, Record<string, number>>(body.groups.map((g: { unit: { id: number } | null; bands: Record<string, number> }) => [g.unit ? String(g.unit.id) : 'none', g.bands]));
    expect(got).toEqual(recount);
    // The unassigned group comes last.
    expect(body.groups[body.groups.length - 1].unit).toBeNull();
  });

  it('lists a group oldest first with each message’s age', async () => {
    const res = await as(t.app, leader, { method: 'GET', url: `/api/v1/oversight/clearance/items?regionCode=${CLEAR_REGION}&unitId=${u1}` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: number; ageBand: string; ageWorkdays: number; unit: { id: number } }>;
    const mine = expected.filter((e) => e.unit === u1).sort((a, b) => Number(a.id) - Number(b.id));
    expect(items.map((i) => String(i.id))).toEqual(mine.map((e) => e.id));
    for (const item of items) expect(item.ageBand).toBe(expected.find((e) => e.id === String(item.id))!.band);
    const none = await as(t.app, analyst, { method: 'GET', url: `/api/v1/oversight/clearance/items?regionCode=${CLEAR_REGION}&unassigned=true` });
    expect(none.json().items).toHaveLength(expected.filter((e) => e.unit === null).length);
  });

  it('shows the drive: open at the start + accepted since − answered since = open now, per day', async () => {
    const from = shift(today, -30);
    const res = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/clearance?regionCode=${CLEAR_REGION}&from=${from}&to=${today}` });
    const { drive, total } = res.json();
    const openAtStart = expected.filter((e) => e.day < from).length + 1; // + the one answered today
    const arrived = expected.filter((e) => e.day >= from).length;
    expect(drive).toMatchObject({ from, to: today, openAtStart, arrived, answered: 1, remaining: total });
    expect(drive.days).toHaveLength(31);
    expect(drive.days[drive.days.length - 1]).toEqual({ day: today, remaining: total, answered: 1, arrived });
    const onFirst = expected.filter((e) => e.day === from).length;
    expect(drive.days[0]).toEqual({ day: from, remaining: openAtStart + onFirst, answered: 0, arrived: onFirst });
  });

  it('refuses a drive longer than a year, naming the field', async () => {
    const res = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/clearance?regionCode=${CLEAR_REGION}&from=2024-01-01&to=2026-01-01` });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('to');
  });

  it('urges a unit’s whole group, one result per message', async () => {
    const before = await t.db.selectFrom('message_events').select(sql<number>`count(*)::int`.as('n')).where('kind', '=', 'urged').executeTakeFirstOrThrow();
    const res = await as(t.app, coordinator, { method: 'POST', url: '/api/v1/oversight/clearance/urge', payload: { regionCode: CLEAR_REGION, unitId: Number(u2), body: '请于本周内回复。' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const mine = expected.filter((e) => e.unit === u2);
    expect(body).toMatchObject({ matched: mine.length, urged: mine.length, failed: 0, more: false });
    expect(body.items.map((i: { messageId: number }) => String(i.messageId)).sort()).toEqual(mine.map((e) => e.id).sort());
    const after = await t.db.selectFrom('message_events').select(sql<number>`count(*)::int`.as('n')).where('kind', '=', 'urged').executeTakeFirstOrThrow();
    expect(after.n - before.n).toBe(mine.length);
  });

  it('urges an age band: a message that cannot be urged fails alone, the others stay urged', async () => {
    const band = expected.find((e) => e.unit === null && expected.some((o) => o.unit !== null && o.band === e.band))!.band;
    const inBand = expected.filter((e) => e.band === band);
    const res = await as(t.app, coordinator, { method: 'POST', url: '/api/v1/oversight/clearance/urge', headers: { 'accept-language': 'zh-CN' }, payload: { regionCode: CLEAR_REGION, ageBand: band } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.matched).toBe(inBand.length);
    for (const e of inBand) {
      const item = body.items.find((i: { messageId: number }) => String(i.messageId) === e.id);
      if (e.unit === null) {
        // Nothing to urge before a unit has the work: 409 message_state, reported, not thrown.
        expect(item).toMatchObject({ ok: false, error: { type: 'message_state' } });
        expect(item.error.title).toBe('留言当前状态不允许此操作');
      } else {
        expect(item).toMatchObject({ ok: true, error: null });
      }
      const urged = await t.db.selectFrom('message_events').select('id').where('message_id', '=', e.id).where('kind', '=', 'urged').execute();
      expect(urged.length > 0).toBe(e.unit !== null);
    }
    expect(body.failed).toBe(inBand.filter((e) => e.unit === null).length);
    expect(body.failed).toBeGreaterThan(0);
    expect(body.urged).toBeGreaterThan(0);
  });

  it('refuses to urge without a group, and refuses leaders and analysts (read only)', async () => {
    expect((await as(t.app, coordinator, { method: 'POST', url: '/api/v1/oversight/clearance/urge', payload: { regionCode: CLEAR_REGION } })).statusCode).toBe(400);
    for (const s of [leader, analyst]) {
      expect((await as(t.app, s, { method: 'POST', url: '/api/v1/oversight/clearance/urge', payload: { regionCode: CLEAR_REGION, unitId: Number(u1) } })).statusCode).toBe(403);
    }
  });

  it('keeps a coordinator to the own province: 江西’s cannot read 河南, 河南’s cannot read or urge 江西', async () => {
    const jx = await as(t.app, coordinator, { method: 'GET', url: '/api/v1/oversight/clearance?regionCode=410000' });
    expect(jx.statusCode).toBe(403);
    expect(jx.json().field).toBe('regionCode');
    expect((await as(t.app, henanCoordinator, { method: 'GET', url: `/api/v1/oversight/clearance?regionCode=${CLEAR_REGION}` })).statusCode).toBe(403);
    expect((await as(t.app, henanCoordinator, { method: 'POST', url: '/api/v1/oversight/clearance/urge', payload: { regionCode: CLEAR_REGION, unitId: Number(u1) } })).statusCode).toBe(403);
    const own = await as(t.app, henanCoordinator, { method: 'GET', url: '/api/v1/oversight/clearance' });
    expect(own.statusCode).toBe(200);
    expect(own.json().region.code).toBe('410000');
    expect(own.json().total).toBe(0);
  });
});

describe('季度通报 (bulletin) and 年度考核 (assessment)', () => {
  let a = '';
  let b = '';
  let c = '';
  const Q3_DAYS = ['2026-07-06', '2026-07-20', '2026-08-03', '2026-08-17', '2026-09-07', '2026-09-21'];

  /** `count` messages of `unit` in 2026-Q3; the first `replied` answered; `late` of those after the deadline; `lateSign` signed late; ratings as [resolution, attitude, speed]. */
  async function unitWork(unit: string, count: number, o: { replied: number; late?: number; lateSign?: number; ratings?: Array<[number, number, number]>; reopen?: number }): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = await message(bulletinBoard, BULLETIN_REGION, { unit, sign: true, reply: i < o.replied });
      if (i < (o.late ?? 0)) await sql`UPDATE assignments SET reply_due = (SELECT final_reply_at FROM messages WHERE id = ${id}) - interval '1 hour' WHERE message_id = ${id}`.execute(t.db);
      if (i >= count - (o.lateSign ?? 0)) await sql`UPDATE assignments SET sign_due = signed_at - interval '1 minute' WHERE message_id = ${id}`.execute(t.db);
      const rating = o.ratings?.[i];
      if (rating) await rateMessage(t.db, citizen, id, { resolution: rating[0], attitude: rating[1], speed: rating[2] });
      if (i < (o.reopen ?? 0)) await reopenMessage(t.db, admin, id, { reason: '群众不满意，重新办理。' });
      ids.push(id);
    }
    for (const [i, id] of ids.entries()) await placeOn(id, Q3_DAYS[i % Q3_DAYS.length]!);
    return ids;
  }

  beforeAll(async () => {
    a = (await makeUnit(t.db, { regionCode: BULLETIN_REGION, name: '瑞金市交通运输局（测试）' })).id;
    b = (await makeUnit(t.db, { regionCode: BULLETIN_REGION, name: '瑞金市民政局（测试）' })).id;
    c = (await makeUnit(t.db, { regionCode: BULLETIN_REGION, name: '瑞金市水利局（测试）' })).id;
    // A: 10 messages, 8 answered (2 late), 1 signed late; rated: 不满意 (reopened), 满意, 基本满意.
    await unitWork(a, 10, { replied: 8, late: 2, lateSign: 1, ratings: [[1, 1, 1], [4, 4, 4], [3, 3, 3]], reopen: 1 });
    // B: 12 messages, 10 answered on time, 2 signed late; rated 4 满意 + 1 不满意 (not reopened).
    await unitWork(b, 12, { replied: 10, lateSign: 2, ratings: [[5, 5, 5], [4, 4, 4], [4, 4, 4], [3, 3, 3], [2, 2, 2]] });
    // C: 9 messages, all answered: one short of the minimum volume.
    await unitWork(c, 9, { replied: 9 });
  });

  /** The counts of a unit in 2026-Q3, recounted from the tables by the definitions of docs/metrics.md. */
  async function recount(unit: string) {
    const now = new Date();
    const row = await sql<Record<string, number>>`
      WITH lead AS (
        SELECT DISTINCT ON (a.message_id) a.message_id, a.unit_id, a.reply_due FROM assignments a JOIN messages m ON m.id = a.message_id
         WHERE a.round = m.round AND a.role = 'lead' AND a.parent_id IS NULL AND a.status NOT IN ('returned','cancelled')
         ORDER BY a.message_id, a.id DESC
      ), mine AS (
        SELECT m.*, lead.reply_due, r.grade FROM messages m JOIN lead ON lead.message_id = m.id LEFT JOIN message_ratings r ON r.message_id = m.id
         WHERE lead.unit_id = ${unit} AND m.status NOT IN ('rejected','withdrawn')
           AND m.created_at >= '2026-07-01T00:00:00+08:00' AND m.created_at < '2026-10-01T00:00:00+08:00'
      )
      SELECT count(*)::int AS received,
             count(*) FILTER (WHERE first_reply_at IS NOT NULL)::int AS replied,
             count(*) FILTER (WHERE final_reply_at <= reply_due)::int AS "onTime",
             count(*) FILTER (WHERE final_reply_at > reply_due)::int AS late,
             count(grade)::int AS rated,
             count(*) FILTER (WHERE grade IN ('very_satisfied','satisfied','basically_satisfied'))::int AS satisfied,
             count(*) FILTER (WHERE round > 0)::int AS reopened,
             (SELECT count(*)::int FROM assignments WHERE unit_id = ${unit} AND status NOT IN ('returned','cancelled')
                AND assigned_at >= '2026-07-01T00:00:00+08:00' AND assigned_at < '2026-10-01T00:00:00+08:00'
                AND (signed_at IS NOT NULL OR sign_due < ${now})) AS "signDue",
             (SELECT count(*)::int FROM assignments WHERE unit_id = ${unit} AND status NOT IN ('returned','cancelled')
                AND assigned_at >= '2026-07-01T00:00:00+08:00' AND assigned_at < '2026-10-01T00:00:00+08:00'
                AND signed_at <= sign_due) AS "signedOnTime"
        FROM mine`.execute(t.db);
    return row.rows[0]!;
  }

  /** docs/metrics.md: 100 × Σ wᵢxᵢ ÷ Σ wᵢ over the parts with a denominator, to two decimals. */
  function formula(r: Record<string, number>): number {
    const parts: Array<[number, number | null]> = [
      [0.15, r.signDue ? r.signedOnTime! / r.signDue : null],
      [0.25, r.onTime! + r.late! ? r.onTime! / (r.onTime! + r.late!) : null],
      [0.25, r.received ? r.replied! / r.received : null],
      [0.25, r.rated ? r.satisfied! / r.rated : null],
      [0.1, r.replied ? 1 - r.reopened! / r.replied : null],
    ];
    const present = parts.filter(([, x]) => x !== null) as Array<[number, number]>;
    return Math.round((100 * present.reduce((s, [w, x]) => s + w * x, 0)) / present.reduce((s, [w]) => s + w, 0) * 100) / 100;
  }

  it('scores each unit by the documented formula and names the best and the worst', async () => {
    const res = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/bulletin?regionCode=${BULLETIN_REGION}&year=2026&quarter=3` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2026, quarter: 3, from: '2026-07-01', to: '2026-09-30', minVolume: 10 });
    const rows = [...body.ranked, ...body.unranked];
    for (const unit of [a, b, c]) {
      const row = rows.find((r: { unit: { id: number } }) => String(r.unit.id) === unit);
      const expected = await recount(unit);
      expect(row).toMatchObject(expected);
      expect(row.score).toBe(formula(expected));
    }
    // B by hand: 100 × (0.15·10/12 + 0.25·10/10 + 0.25·10/12 + 0.25·4/5 + 0.1·1) = 88.33.
    const rowB = rows.find((r: { unit: { id: number } }) => String(r.unit.id) === b);
    expect(rowB).toMatchObject({ received: 12, replied: 10, onTime: 10, late: 0, rated: 5, satisfied: 4, reopened: 0, signDue: 12, signedOnTime: 10, score: 88.33 });
    expect(body.ranked.map((r: { unit: { id: number } }) => String(r.unit.id))).toEqual([b, a]);
    expect(body.best.unit.id).toBe(Number(b));
    expect(body.worst.unit.id).toBe(Number(a));
    const rowA = rows.find((r: { unit: { id: number } }) => String(r.unit.id) === a);
    expect(rowA.reopened).toBe(1);
  });

  it('lists a unit below the minimum volume without a rank; a unit at the minimum is ranked', async () => {
    const body = (await as(t.app, leader, { method: 'GET', url: `/api/v1/oversight/bulletin?regionCode=${BULLETIN_REGION}&year=2026&quarter=3` })).json();
    expect(body.unranked.map((r: { unit: { id: number } }) => String(r.unit.id))).toEqual([c]);
    expect(body.unranked[0]).toMatchObject({ received: 9, rank: null });
    expect(body.ranked.find((r: { unit: { id: number } }) => String(r.unit.id) === a)).toMatchObject({ received: 10, rank: 2 });
  });

  it('refuses a quarter that has not ended, naming the field', async () => {
    const res = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/bulletin?regionCode=${BULLETIN_REGION}&year=2026&quarter=4` });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'quarter_not_finished', field: 'quarter' });
    expect((await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/bulletin/xlsx?regionCode=${BULLETIN_REGION}&year=2030&quarter=1` })).statusCode).toBe(422);
  });

  it('exports the bulletin as an XLSX that holds every unit, and as a PDF', async () => {
    const res = await as(t.app, analyst, { method: 'GET', url: `/api/v1/oversight/bulletin/xlsx?regionCode=${BULLETIN_REGION}&year=2026&quarter=3` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('季度通报')!;
    const rows: Array<Array<unknown>> = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]!.slice(0, 5)).toEqual(['排名', '单位', '地区代码', '综合得分', '留言量']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4]])).toEqual([
      [1, '瑞金市民政局（测试）', 12],
      [2, '瑞金市交通运输局（测试）', 10],
      ['样本不足', '瑞金市水利局（测试）', 9],
    ]);
    expect(rows[1]![3]).toBe(88.33);
    const pdf = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/bulletin/pdf?regionCode=${BULLETIN_REGION}&year=2026&quarter=3` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('gives the year per unit with each finished quarter’s score, exportable as XLSX', async () => {
    const res = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/assessment?regionCode=${BULLETIN_REGION}&year=2026` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.partial).toBe(true);
    const bulletin = (await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/bulletin?regionCode=${BULLETIN_REGION}&year=2026&quarter=3` })).json();
    for (const unit of [a, b, c]) {
      const row = body.items.find((r: { unit: { id: number } }) => String(r.unit.id) === unit);
      const q3 = [...bulletin.ranked, ...bulletin.unranked].find((r: { unit: { id: number } }) => String(r.unit.id) === unit);
      expect(row.received).toBe(q3.received);
      // Q3 is finished: its score is the bulletin's (none below the minimum); Q4 is not.
      expect(row.quarters).toEqual([null, null, q3.rank === null ? null : q3.score, null]);
      // Below the year's minimum (4 quarters' worth): listed, not ranked.
      expect(row.rank).toBeNull();
    }
    const xlsx = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/assessment/xlsx?regionCode=${BULLETIN_REGION}&year=2026` });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('年度考核')!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(21).value).toBe('第3季度得分');
    const future = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/oversight/assessment?regionCode=${BULLETIN_REGION}&year=2099` });
    expect(future.statusCode).toBe(400);
    expect(future.json().field).toBe('year');
  });

  it('keeps the bulletin to the own region', async () => {
    expect((await as(t.app, henanCoordinator, { method: 'GET', url: `/api/v1/oversight/bulletin?regionCode=${BULLETIN_REGION}&year=2026&quarter=3` })).statusCode).toBe(403);
    expect((await as(t.app, analyst, { method: 'GET', url: '/api/v1/oversight/assessment?regionCode=410000&year=2026' })).statusCode).toBe(403);
  });
});
