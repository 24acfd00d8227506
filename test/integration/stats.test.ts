/**
 * Statistics against hand computations (docs/metrics.md): messages are made
 * through the real services and the API, placed in windows of their own (their
 * receipt back-dated, as if they had arrived then), and every figure read back
 * through GET /api/v1/stats/*.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.js';
import { screenMessage, rateMessage, withdrawMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { assignMessage, reopenMessage, signAssignment } from '../../src/server/modules/handling/handling.assign.js';
import { submitReply } from '../../src/server/modules/handling/handling.work.js';
import { createMessage } from '../../src/server/modules/messages/messages.service.js';
import type { StatSummary, StatRanking, StatTimeseries, StatHotTopics } from '../../src/shared/stats.js';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { makeCitizen, makeUnit } from '../support/factories.js';
import { actorOf } from '../support/messages.js';

let t: TestApp;
let analyst: Session;
let admin: Session;

beforeAll(async () => {
  t = await buildTestApp();
  analyst = await login(t.app, 'analyst');
  admin = await login(t.app, 'admin');
});

afterAll(async () => {
  await t?.close();
});

async function boardOf(db: Database, regionCode: string): Promise<number> {
  const row = await db.selectFrom('boards').select('id').where('region_code', '=', regionCode).orderBy('sort').executeTakeFirstOrThrow();
  return Number(row.id);
}

interface Batch {
  board: number;
  region: string;
  /** Beijing day of receipt. */
  day: string;
  count: number;
  replied?: number;
  title?: string;
  field?: string;
}

let citizenMobile: string | null = null;

/** `count` messages through the messages service, the first `replied` of them answered (final reply), all received on `day`. */
async function makeBatch(db: Database, batch: Batch): Promise<string[]> {
  citizenMobile ??= (await makeCitizen(db, { nickname: '统计网友' })).mobile!;
  const citizen = await actorOf(db, citizenMobile);
  const admin = await actorOf(db, 'admin');
  const unit = await makeUnit(db, { regionCode: batch.region });
  const one = async (i: number): Promise<string> => {
    const created = await createMessage(db, citizen, {
      boardId: batch.board, type: 'complain', fieldCode: batch.field ?? 'health', regionCode: batch.region,
      title: batch.title ?? `小区电梯停运求助${i}`, body: `我们小区的电梯已经停运两个月，希望有关部门尽快协调维修。编号${i}`, isPublic: true,
    }, null);
    const id = String(created.id);
    if (i < (batch.replied ?? 0)) {
      await screenMessage(db, admin, id, { decision: 'accept' });
      await assignMessage(db, admin, id, { leadUnitId: Number(unit.id), handlingClass: 'timely' });
      const a = await db.selectFrom('assignments').select('id').where('message_id', '=', id).where('status', '=', 'pending').executeTakeFirstOrThrow();
      await signAssignment(db, admin, a.id);
      await submitReply(db, admin, id, { body: '已协调物业公司与维保单位，电梯已恢复运行。', final: true });
    }
    return id;
  };
  // Four at a time (the test database has five connections); the submission limit is real and tested elsewhere.
  const ids: string[] = [];
  for (let i = 0; i < batch.count; i += 4) {
    await db.deleteFrom('rate_limits').execute();
    ids.push(...(await Promise.all([i, i + 1, i + 2, i + 3].filter((k) => k < batch.count).map(one))));
  }
  await receivedOn(db, ids, batch.day);
  return ids;
}

/** Back-dates receipt (and the replies with it, keeping their delay) to 10:00 Beijing time of `day`. */
async function receivedOn(db: Database, ids: string[], day: string): Promise<void> {
  await sql`
    UPDATE messages SET
      first_reply_at = first_reply_at - (created_at - ${`${day}T10:00:00+08:00`}::timestamptz),
      final_reply_at = final_reply_at - (created_at - ${`${day}T10:00:00+08:00`}::timestamptz),
      created_at = ${`${day}T10:00:00+08:00`}::timestamptz
    WHERE id = ANY(${ids}::bigint[])`.execute(db);
}

async function get<T>(session: Session | null, url: string): Promise<T> {
  const res = await as(t.app, session, { method: 'GET', url });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

describe('the Hainan example of the half-year report', () => {
  // 海南省留言总量为1102件，回复量为739件，回复率达67%；省级留言664件，占60%；市级329件，占30%；县级109件，占10%.
  beforeAll(async () => {
    const db = t.db;
    await makeBatch(db, { board: await boardOf(db, '460000'), region: '460000', day: '2025-03-03', count: 664, replied: 500 });
    await makeBatch(db, { board: await boardOf(db, '460100'), region: '460105', day: '2025-04-15', count: 329, replied: 200 });
    await makeBatch(db, { board: await boardOf(db, '460106'), region: '460106', day: '2025-06-30', count: 109, replied: 39 });
  }, 240_000);

  it('counts 1102 received and 739 replied: a reply rate of 67.06%, levels 60.25% / 29.85% / 9.89%', async () => {
    const s = await get<StatSummary>(null, '/api/v1/stats/summary?region=460000&from=2025-01-01&to=2025-06-30');
    expect(s.figures.received).toBe(1102);
    expect(s.figures.replied).toBe(739);
    expect(s.figures.replyRate!.toFixed(4)).toBe('0.6706');
    const share = Object.fromEntries(s.levels.map((l) => [l.level, [l.received, l.share!.toFixed(4)]]));
    expect(share).toEqual({ province: [664, '0.6025'], city: [329, '0.2985'], county: [109, '0.0989'] });
    // The whole country holds exactly these in that window.
    const country = await get<StatSummary>(null, '/api/v1/stats/summary?from=2025-01-01&to=2025-06-30');
    expect(country.figures.received).toBe(1102);
  });

  it("puts Hainan's cities and counties where their messages are, and the province board's messages only in the province", async () => {
    const haikou = await get<StatSummary>(null, '/api/v1/stats/summary?region=460100&from=2025-01-01&to=2025-06-30');
    expect(haikou.figures.received).toBe(329 + 109);
    expect(haikou.figures.replied).toBe(200 + 39);
    const longhua = await get<StatSummary>(null, '/api/v1/stats/summary?region=460106&from=2025-01-01&to=2025-06-30');
    expect(longhua.figures.received).toBe(109);
    expect(longhua.levels.find((l) => l.level === 'county')!.received).toBe(109);
    const cities = await get<StatRanking>(null, '/api/v1/stats/rankings?region=460000&from=2025-01-01&to=2025-06-30&metric=received');
    expect(cities.peers).toBe('city');
    expect(cities.items[0]!.region.code).toBe('460100');
    expect(cities.items[0]!.figures.received).toBe(438);
    expect(cities.items.slice(1).every((i) => i.figures.received === 0)).toBe(true);
  });

  it('splits the half-year by month, and a window that cuts a month in two adds up', async () => {
    const series = await get<StatTimeseries>(null, '/api/v1/stats/timeseries?region=460000&from=2025-01-01&to=2025-06-30&interval=month');
    expect(series.points.map((p) => [p.period, p.figures.received])).toEqual([
      ['2025-01', 0], ['2025-02', 0], ['2025-03', 664], ['2025-04', 329], ['2025-05', 0], ['2025-06', 109],
    ]);
    const firstPart = await get<StatSummary>(null, '/api/v1/stats/summary?region=460000&from=2025-02-15&to=2025-04-14');
    const secondPart = await get<StatSummary>(null, '/api/v1/stats/summary?region=460000&from=2025-04-15&to=2025-06-29');
    expect([firstPart.figures.received, secondPart.figures.received]).toEqual([664, 329]);
    const quarters = await get<StatTimeseries>(null, '/api/v1/stats/timeseries?region=460000&from=2025-01-01&to=2025-06-30&interval=quarter');
    expect(quarters.points.map((p) => p.figures.received)).toEqual([664, 438]);
  });

  it('ranks Hainan first among the provinces by volume in that window, and nobody else has any', async () => {
    const r = await get<StatRanking>(null, '/api/v1/stats/rankings?from=2025-01-01&to=2025-06-30&metric=received&limit=3');
    expect(r.peers).toBe('province');
    expect(r.items[0]!.region.code).toBe('460000');
    expect(r.items[0]!.figures.replyRate!.toFixed(4)).toBe('0.6706');
    expect(r.items[0]!.heat.heat).toBeGreaterThan(0);
    expect(r.zeroReply).toEqual([]);
  });
});

describe('bad input', () => {
  it.each([
    ['/api/v1/stats/summary?region=999999', 422, 'region'],
    ['/api/v1/stats/summary?from=2026-05-01&to=2026-04-01', 400, 'from'],
    ['/api/v1/stats/summary?from=2010-01-01&to=2026-01-01', 400, 'to'],
    ['/api/v1/stats/summary?from=2026-02-30', 400, 'from'],
    ['/api/v1/stats/summary?cut=colour', 400, 'cut'],
    ['/api/v1/stats/timeseries?from=2020-01-01&to=2026-01-01&interval=day', 400, 'interval'],
  ])('GET %s → %i naming %s', async (url, status, field) => {
    const res = await as(t.app, null, { method: 'GET', url, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.json())).toContain(field);
  });

  it('refuses internal figures without the role, and outside the own region', async () => {
    expect((await as(t.app, null, { method: 'GET', url: '/api/v1/stats/summary?view=internal' })).statusCode).toBe(401);
    expect((await as(t.app, null, { method: 'GET', url: '/api/v1/stats/summary?cut=unit' })).statusCode).toBe(401);
    expect((await as(t.app, null, { method: 'GET', url: '/api/v1/stats/overdue-units' })).statusCode).toBe(401);
    // The demo analyst works for Jiangxi.
    expect((await as(t.app, analyst, { method: 'GET', url: '/api/v1/stats/summary?region=360000&view=internal' })).statusCode).toBe(200);
    expect((await as(t.app, analyst, { method: 'GET', url: '/api/v1/stats/summary?region=460000&view=internal' })).statusCode).toBe(403);
    expect((await as(t.app, admin, { method: 'GET', url: '/api/v1/stats/summary?region=460000&view=internal&cut=unit' })).statusCode).toBe(200);
  });
});

describe('what counts, and when (docs/metrics.md)', () => {
  const region = '360102'; // 东湖区, Nanchang, Jiangxi
  const window = 'from=2024-03-01&to=2024-03-31';

  it('counts a message in the window it was received, even when the reply came in the next one', async () => {
    const db = t.db;
    const board = await boardOf(db, region);
    const [id] = await makeBatch(db, { board, region, day: '2024-03-29', count: 1, replied: 1 });
    // The reply came four days later: in April.
    await sql`UPDATE messages SET first_reply_at = created_at + interval '4 days', final_reply_at = created_at + interval '4 days' WHERE id = ${id}`.execute(db);
    const march = await get<StatSummary>(null, `/api/v1/stats/summary?region=${region}&${window}`);
    expect(march.figures).toMatchObject({ received: 1, replied: 1, replyRate: 1 });
    // 29 March 2024 was a Friday: Monday 1 April is the first working day after it, Tuesday 2 April the second.
    expect(march.figures.avgReplyWorkdays).toBe(2);
    const april = await get<StatSummary>(null, `/api/v1/stats/summary?region=${region}&from=2024-04-01&to=2024-04-30`);
    expect(april.figures.received).toBe(0);
    expect(april.figures.replied).toBe(0);
  });

  it('leaves withdrawn and rejected messages out of 留言量, and counts them apart', async () => {
    const db = t.db;
    const board = await boardOf(db, region);
    const [withdrawn, rejected] = await makeBatch(db, { board, region, day: '2024-03-10', count: 2 });
    await withdrawMessage(db, await actorOf(db, citizenMobile!), withdrawn!);
    await screenMessage(db, await actorOf(db, 'admin'), rejected!, { decision: 'reject', reason: 'duplicate' });
    const march = await get<StatSummary>(null, `/api/v1/stats/summary?region=${region}&${window}`);
    expect(march.figures).toMatchObject({ total: 3, received: 1, withdrawn: 1, rejected: 1 });
  });

  it('counts the rating as it stands: a 不满意 changed to 满意 within the days allowed is one satisfied rating', async () => {
    const db = t.db;
    const citizen = await actorOf(db, citizenMobile!);
    const [id] = await makeBatch(db, { board: await boardOf(db, region), region, day: '2024-03-12', count: 1, replied: 1 });
    await rateMessage(db, citizen, id!, { resolution: 1, attitude: 2, speed: 1 });
    let march = await get<StatSummary>(null, `/api/v1/stats/summary?region=${region}&${window}`);
    expect(march.figures).toMatchObject({ rated: 1, good: 0, basic: 0, bad: 1, satisfactionRate: 0 });
    await rateMessage(db, citizen, id!, { resolution: 4, attitude: 5, speed: 4 });
    march = await get<StatSummary>(null, `/api/v1/stats/summary?region=${region}&${window}`);
    expect(march.figures).toMatchObject({ rated: 1, good: 1, basic: 0, bad: 0, satisfactionRate: 1 });
  });

  it('keeps a reopened message replied, but not answered until the new round replies', async () => {
    const db = t.db;
    const citizen = await actorOf(db, citizenMobile!);
    const adminActor = await actorOf(db, 'admin');
    const [id] = await makeBatch(db, { board: await boardOf(db, '360100'), region: '360100', day: '2024-05-06', count: 1, replied: 1 });
    await rateMessage(db, citizen, id!, { resolution: 1, attitude: 1, speed: 1 });
    await reopenMessage(db, adminActor, id!, { reason: '网民反映问题仍未解决，请重新办理' });
    const may = 'from=2024-05-01&to=2024-05-31';
    const s = await get<StatSummary>(admin, `/api/v1/stats/summary?region=360100&${may}&view=internal`);
    expect(s.figures).toMatchObject({ received: 1, replied: 1, finalReplied: 0, reopened: 1, closed: 0 });
  });
});

describe('hot topics', () => {
  it('finds the words of the titles, with their counts, and no growth over a baseline of 2 (under the minimum)', async () => {
    const db = t.db;
    const board = await boardOf(db, '450000');
    await makeBatch(db, { board, region: '450000', day: '2023-06-10', count: 2, title: '冬季供暖温度不达标' });
    await makeBatch(db, { board, region: '450000', day: '2023-07-10', count: 5, title: '冬季供暖温度不达标' });
    const topics = await get<StatHotTopics>(null, '/api/v1/stats/hot-topics?region=450000&from=2023-07-01&to=2023-07-31');
    expect(topics.received).toBe(5);
    const heating = topics.terms.find((term) => term.term === '供暖');
    // 5 against 2 is no "+150%": the window before holds fewer than growthMinBase (30) such messages.
    expect(heating).toMatchObject({ count: 5, share: 1, previous: 2, growth: null, growthReason: 'small_base' });
    expect(topics.growthMinBase).toBe(30);
    expect(topics.fields).toEqual([expect.objectContaining({ code: 'health', count: 5, previous: 2, growth: null, growthReason: 'small_base' })]);
  });
});

describe('units with overdue work', () => {
  it('lists the units whose open assignments are past their current deadline now, within the region asked', async () => {
    const db = t.db;
    const adminActor = await actorOf(db, 'admin');
    const unit = await makeUnit(db, { regionCode: '360102', name: '东湖区统计测试局' });
    const [late, onTime] = await makeBatch(db, { board: await boardOf(db, '360102'), region: '360102', day: '2024-08-01', count: 2 });
    for (const id of [late!, onTime!]) await screenMessage(db, adminActor, id, { decision: 'accept' });
    // Assigned ten days ago: the one working day to sign has long passed. The other was assigned now.
    await assignMessage(db, adminActor, late!, { leadUnitId: Number(unit.id), handlingClass: 'timely' }, new Date(Date.now() - 10 * 86_400_000));
    await assignMessage(db, adminActor, onTime!, { leadUnitId: Number(unit.id), handlingClass: 'timely' });
    const jiangxi = await get<{ asOf: string; items: Array<{ unit: { id: number; name: string }; open: number; overdue: number }> }>(admin, '/api/v1/stats/overdue-units?region=360000&limit=100');
    expect(jiangxi.items.find((i) => i.unit.id === Number(unit.id))).toMatchObject({ unit: { name: '东湖区统计测试局' }, open: 2, overdue: 1 });
    expect(Date.now() - Date.parse(jiangxi.asOf)).toBeLessThan(60_000);
    const hainan = await get<{ items: Array<{ unit: { id: number } }> }>(admin, '/api/v1/stats/overdue-units?region=460000&limit=100');
    expect(hainan.items.some((i) => i.unit.id === Number(unit.id))).toBe(false);
  });
});
