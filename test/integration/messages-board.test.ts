/**
 * The public board (GET /messages, GET /messages/counts): filters by region
 * (with its sub-regions), board, field, type and tab; the two sort orders;
 * keyset pagination; what never appears; and tab counts that follow messages
 * from tab to tab.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { loginFrom, uniqueIp } from '../support/factories.js';
import { boardIdOf, loggedInCitizen, messageBody, replyTo, screen, writeMessage, type CitizenLogin } from '../support/messages.js';

let t: TestApp;
const staff: Record<string, Session> = {};
const board: Record<string, string> = {};

/** Messages made once for the filter tests, by what they are. */
const world: Record<string, number> = {};

const citizen = () => loggedInCitizen(t.app, t.db);
const get = (session: Session | null, url: string) => as(t.app, session, { method: 'GET', url });

/** Writes a message to the named board and, unless told otherwise, has it accepted by a screener in scope. */
async function message(author: CitizenLogin, boardName: string, overrides: Parameters<typeof messageBody>[1] = {}, state: 'submitted' | 'accepted' = 'accepted'): Promise<number> {
  const { id } = await writeMessage(t.app, author.session, messageBody(board[boardName]!, overrides));
  if (state === 'accepted') await screen(t.app, boardName.startsWith('河南') ? staff.admin! : staff.coordinator!, id);
  return id;
}

beforeAll(async () => {
  t = await buildTestApp();
  for (const login of ['admin', 'coordinator']) staff[login] = await loginFrom(t.app, uniqueIp(), login);
  for (const name of ['江西省委书记', '江西省长', '南昌市长', '东湖区长', '河南省委书记', '青云谱区委书记']) board[name] = await boardIdOf(t.db, name);

  const author = await citizen();
  world.donghu = await message(author, '江西省委书记', { regionCode: '360102', fieldCode: 'health', type: 'help' });
  world.dayuan = await message(author, '江西省委书记', { regionCode: '360102006', fieldCode: 'transport', type: 'suggest' });
  world.qingyunpu = await message(author, '南昌市长', { regionCode: '360104', fieldCode: 'education', type: 'complain' });
  world.henan = await message(author, '河南省委书记', { regionCode: '411003', fieldCode: 'health', type: 'help' });
  world.private = await message(author, '江西省委书记', { isPublic: false });
  world.submitted = await message(author, '江西省委书记', {}, 'submitted');
  world.rejected = await message(author, '江西省委书记', {}, 'submitted');
  await screen(t.app, staff.coordinator!, world.rejected, { decision: 'reject', reason: 'no_substance' });
  world.withdrawn = await message(author, '江西省委书记', {}, 'submitted');
  expect((await as(t.app, author.session, { method: 'POST', url: `/api/v1/messages/${world.withdrawn}/withdrawal` })).statusCode).toBe(200);
});
afterAll(async () => t.close());

interface Summary {
  id: number;
  status: string;
  publicStatus: string;
  region: { code: string } | null;
  board: { id: number };
  fieldCode: string;
  type: string;
}

/** Every item of the public list for the query, page by page, checking that no item comes twice. */
async function listAll(query: string, pageSize = 2): Promise<Summary[]> {
  const items: Summary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 200; page++) {
    const res = await get(null, `/api/v1/messages?limit=${pageSize}${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeLessThanOrEqual(pageSize);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  const ids = items.map((i) => i.id);
  expect(new Set(ids).size, `duplicates in ${ids.join(',')}`).toBe(ids.length);
  return items;
}

const idsOf = async (query: string) => (await listAll(query)).map((i) => i.id);

async function counts(query: string) {
  const res = await get(null, `/api/v1/messages/counts${query ? `?${query}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { all: number; pending: number; handling: number; done: number; capped: boolean };
}

describe('filters', () => {
  it('lists a message about 东湖区 under 江西省, 南昌市 and 东湖区, and not under 河南省', async () => {
    for (const region of ['360000', '360100', '360102']) expect(await idsOf(`region=${region}`)).toContain(world.donghu);
    expect(await idsOf('region=410000')).not.toContain(world.donghu);
    expect(await idsOf('region=410000')).toContain(world.henan);
    expect(await idsOf('region=411003')).toEqual([world.henan]);
  });

  it('lists a message about a street under the street, its county, city and province only', async () => {
    for (const region of ['360000', '360100', '360102', '360102006']) expect(await idsOf(`region=${region}`)).toContain(world.dayuan);
    expect(await idsOf('region=360102006')).toEqual([world.dayuan]);
    expect(await idsOf('region=360102007')).not.toContain(world.dayuan);
    expect(await idsOf('region=360104')).toEqual([world.qingyunpu]);
    expect(await idsOf('region=360102')).not.toContain(world.qingyunpu);
    // 000000 is the whole country: no filter.
    expect(await idsOf('region=000000')).toEqual(await idsOf(''));
  });

  it('filters by board, by field and by type, and by all of them together', async () => {
    const jx = await listAll(`board=${board['江西省委书记']}`);
    expect(jx.map((m) => m.id)).toEqual(expect.arrayContaining([world.donghu, world.dayuan]));
    expect(jx.every((m) => m.board.id === Number(board['江西省委书记']))).toBe(true);
    expect(await idsOf(`board=${board['南昌市长']}`)).toEqual([world.qingyunpu]);

    const health = await listAll('field=health');
    expect(health.map((m) => m.id)).toEqual(expect.arrayContaining([world.donghu, world.henan]));
    expect(health.every((m) => m.fieldCode === 'health')).toBe(true);
    expect(await idsOf('field=transport')).toEqual([world.dayuan]);
    expect(await idsOf('type=complain')).toEqual([world.qingyunpu]);
    expect(await idsOf('type=suggest')).toEqual([world.dayuan]);

    expect(await idsOf(`board=${board['江西省委书记']}&field=health&type=help&region=360102`)).toContain(world.donghu);
    expect(await idsOf(`board=${board['江西省委书记']}&field=transport&type=help`)).toEqual([]);
    expect(await idsOf('region=410000&field=transport')).toEqual([]);
  });

  it('never shows private, unaccepted, rejected or withdrawn messages, in any list or detail', async () => {
    const hidden = [world.private, world.submitted, world.rejected, world.withdrawn];
    const queries = ['', 'region=360000', 'region=360102', `board=${board['江西省委书记']}`, 'status=pending', 'status=handling', 'status=done', 'field=health', 'sort=activity'];
    for (const query of queries) {
      const ids = await idsOf(query);
      for (const id of hidden) expect(ids).not.toContain(id);
    }
    for (const id of hidden) expect((await get(null, `/api/v1/messages/${id}`)).statusCode).toBe(404);
    const listed = await t.db.selectFrom('messages').select('id').where('id', 'in', hidden.map(String)).where('listed', '=', true).execute();
    expect(listed).toEqual([]);
  });

  it('answers 404 for a region that does not exist and 400 for a cursor it did not make', async () => {
    const unknown = await get(null, '/api/v1/messages?region=999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'region_not_found', field: 'region' });
    expect((await get(null, '/api/v1/messages/counts?region=999999')).statusCode).toBe(404);
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const refused: [string, string][] = [
      ['newest', 'not-a-cursor'],
      ['newest', cursor({ id: '1 OR 1=1' })],
      ['activity', 'not-a-cursor'],
      ['activity', cursor({ id: '5' })],
      ['activity', cursor({ at: 'yesterday', id: '5' })],
      ['activity', cursor({ at: 'March 7', id: '5' })],
      ['activity', cursor({ at: '2026-02-30T10:00:00.000000Z', id: '5' })],
      ['activity', cursor({ at: '2026-03-01T10:00:00Z; DROP TABLE messages', id: '5' })],
    ];
    for (const [sort, value] of refused) {
      const res = await get(null, `/api/v1/messages?sort=${sort}&cursor=${value}`);
      expect(res.statusCode, `${sort} ${value}`).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'cursor' });
    }
  });
});

describe('tabs', () => {
  it('puts an accepted message under pending, after an interim reply under handling, after a final reply under done', async () => {
    const author = await citizen();
    const id = await message(author, '江西省委书记');
    const tabOf = async () => {
      const found = [];
      for (const status of ['pending', 'handling', 'done']) if ((await idsOf(`status=${status}&board=${board['江西省委书记']}`)).includes(id)) found.push(status);
      return found;
    };
    expect(await tabOf()).toEqual(['pending']);
    await replyTo(t.app, staff.coordinator!, id, '已转交省卫健委调查核实，请耐心等待。', false);
    expect(await tabOf()).toEqual(['handling']);
    await replyTo(t.app, staff.coordinator!, id, '经核实，问题已解决。', true);
    expect(await tabOf()).toEqual(['done']);

    const items = await listAll('status=done');
    expect(items.find((m) => m.id === id)).toMatchObject({ status: 'replied', publicStatus: 'done' });
    expect(items.every((m) => m.publicStatus === 'done')).toBe(true);
  });
});

describe('order and pagination', () => {
  it('lists newest first', async () => {
    const ids = await idsOf('');
    expect(ids.length).toBeGreaterThan(3);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('moves a message up in sort=activity when it gets a reply, while newest first stays by submission', async () => {
    const author = await citizen();
    const older = await message(author, '青云谱区委书记', { regionCode: '360104' });
    const newer = await message(author, '青云谱区委书记', { regionCode: '360104' });
    const query = `board=${board['青云谱区委书记']}`;
    expect(await idsOf(`${query}&sort=activity`)).toEqual([newer, older]);

    await replyTo(t.app, staff.coordinator!, older, '已联系街道办现场查看。', false);
    expect(await idsOf(`${query}&sort=activity`)).toEqual([older, newer]);
    expect(await idsOf(query)).toEqual([newer, older]);
    expect((await listAll(`${query}&sort=activity`))[0]).toMatchObject({ id: older, lastReplyAt: expect.any(String) });
  });

  it('pages through every listed message exactly once, newest first and by activity', async () => {
    for (const query of ['', 'sort=activity', 'region=360000', 'region=360000&sort=activity', 'status=pending']) {
      const whole = (await get(null, `/api/v1/messages?limit=100${query ? `&${query}` : ''}`)).json();
      expect(whole.nextCursor).toBeNull();
      for (const size of [1, 2, 3]) expect((await listAll(query, size)).map((i) => i.id), `${query} by ${size}`).toEqual(whole.items.map((i: Summary) => i.id));
    }
  });

  it('pages through sort=activity without losing messages whose activity falls within the same millisecond', async () => {
    // A busy server accepts and answers several messages within one millisecond;
    // PostgreSQL keeps microseconds, so the cursor must as well.
    const author = await citizen();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await message(author, '江西省长'));
    await sql`UPDATE messages SET activity_at = '2026-03-01 10:00:00.123401+08'::timestamptz + (id - ${ids[0]}) * interval '1 microsecond' WHERE id IN (${sql.join(ids)})`.execute(t.db);
    // And two at exactly the same instant, ordered by id.
    await sql`UPDATE messages SET activity_at = '2026-03-01 10:00:00.123401+08' WHERE id IN (${ids[0]}, ${ids[1]})`.execute(t.db);

    const expected = [...ids].reverse();
    const whole = (await get(null, `/api/v1/messages?board=${board['江西省长']}&sort=activity&limit=100`)).json();
    expect(whole.items.map((i: Summary) => i.id)).toEqual(expected);
    for (const size of [1, 2, 3]) expect((await listAll(`board=${board['江西省长']}&sort=activity`, size)).map((i) => i.id)).toEqual(expected);
  });
});

describe('counts', () => {
  async function expectCountsMatchLists(scope: string) {
    const c = await counts(scope);
    const tabs = { pending: (await idsOf(`${scope}&status=pending`)).length, handling: (await idsOf(`${scope}&status=handling`)).length, done: (await idsOf(`${scope}&status=done`)).length };
    expect({ pending: c.pending, handling: c.handling, done: c.done }, scope).toEqual(tabs);
    expect(c.all).toBe(tabs.pending + tabs.handling + tabs.done);
    expect(c.all).toBe((await idsOf(scope)).length);
    expect(c.capped).toBe(false);
  }

  it('equal the number of listed items per tab, for regions, boards and other filters', async () => {
    // Some of each tab first.
    const author = await citizen();
    const handling = await message(author, '东湖区长', { regionCode: '360102' });
    await replyTo(t.app, staff.coordinator!, handling, '正在办理中。', false);
    const done = await message(author, '东湖区长', { regionCode: '360102006' });
    await replyTo(t.app, staff.coordinator!, done, '已办结。', true);

    for (const scope of ['', 'region=000000', 'region=360000', 'region=360100', 'region=360102', 'region=360102006', 'region=410000', 'region=411003', 'region=440000']) await expectCountsMatchLists(scope);
    for (const name of ['江西省委书记', '南昌市长', '东湖区长', '河南省委书记']) await expectCountsMatchLists(`board=${board[name]}`);
    for (const scope of ['field=health', 'type=help', `region=360102&board=${board['东湖区长']}`, 'region=360000&field=transport']) await expectCountsMatchLists(scope);
    expect((await counts(`board=${board['东湖区长']}`)).handling).toBeGreaterThanOrEqual(1);
  });

  it('follow a message from pending to handling to done, and ignore private, rejected and withdrawn ones', async () => {
    const author = await citizen();
    const scopes = ['', 'region=360000', 'region=360100', 'region=360102', 'region=360102007', `board=${board['东湖区长']}`];
    const snapshot = async () => Object.fromEntries(await Promise.all(scopes.map(async (s) => [s, await counts(s)] as const)));
    const expectDelta = async (before: Record<string, Awaited<ReturnType<typeof counts>>>, delta: { pending?: number; handling?: number; done?: number }) => {
      const after = await snapshot();
      for (const scope of scopes) {
        const b = before[scope]!;
        const expected = { pending: b.pending + (delta.pending ?? 0), handling: b.handling + (delta.handling ?? 0), done: b.done + (delta.done ?? 0) };
        expect({ pending: after[scope]!.pending, handling: after[scope]!.handling, done: after[scope]!.done }, scope).toEqual(expected);
        expect(after[scope]!.all).toBe(expected.pending + expected.handling + expected.done);
      }
      return after;
    };

    let before = await snapshot();
    const { id } = await writeMessage(t.app, author.session, messageBody(board['东湖区长']!, { regionCode: '360102007' }));
    before = await expectDelta(before, {});
    await screen(t.app, staff.coordinator!, id);
    before = await expectDelta(before, { pending: 1 });
    await replyTo(t.app, staff.coordinator!, id, '已安排豫章街道现场核实。', false);
    before = await expectDelta(before, { pending: -1, handling: 1 });
    await replyTo(t.app, staff.coordinator!, id, '第二次阶段性答复：施工单位已进场。', false);
    before = await expectDelta(before, {});
    await replyTo(t.app, staff.coordinator!, id, '问题已解决，感谢您的监督。', true);
    before = await expectDelta(before, { handling: -1, done: 1 });
    const rated = await as(t.app, author.session, { method: 'POST', url: `/api/v1/messages/${id}/rating`, payload: { resolution: 5, attitude: 5, speed: 5 } });
    expect(rated.json()).toMatchObject({ status: 'closed', publicStatus: 'done' });
    before = await expectDelta(before, {});

    // Messages that never reach the board never count.
    const hidden = await writeMessage(t.app, author.session, messageBody(board['东湖区长']!, { regionCode: '360102007', isPublic: false }));
    await screen(t.app, staff.coordinator!, hidden.id);
    await replyTo(t.app, staff.coordinator!, hidden.id, '私下答复。', true);
    const rejected = await writeMessage(t.app, author.session, messageBody(board['东湖区长']!, { regionCode: '360102007' }));
    await screen(t.app, staff.coordinator!, rejected.id, { decision: 'reject', reason: 'duplicate' });
    const withdrawn = await writeMessage(t.app, author.session, messageBody(board['东湖区长']!, { regionCode: '360102007' }));
    await as(t.app, author.session, { method: 'POST', url: `/api/v1/messages/${withdrawn.id}/withdrawal` });
    await expectDelta(before, {});
  });
});

describe('a message whose location is kept private', () => {
  it('is listed and counted down to its board’s region only, never under its own county or township', async () => {
    const author = await citizen();
    const id = await message(author, '江西省委书记', { regionCode: '360102006', locationPublic: false });
    const countsBefore = Object.fromEntries(await Promise.all(['360000', '360100', '360102', '360102006'].map(async (r) => [r, (await get(null, `/api/v1/messages/counts?region=${r}`)).json().all as number])));
    const ids = async (region: string) => (await listAll(`region=${region}`, 50)).map((m) => m.id);
    expect(await ids('360000')).toContain(id);
    for (const region of ['360100', '360102', '360102006']) expect(await ids(region), region).not.toContain(id);
    // The counts agree with the lists: the message is in the province's count only.
    for (const region of ['360100', '360102', '360102006']) {
      expect((await get(null, `/api/v1/messages/counts?region=${region}`)).json().all, region).toBe((await ids(region)).length);
    }
    expect(countsBefore['360000']).toBe((await ids('360000')).length);
    const detail = (await get(null, `/api/v1/messages/${id}`)).json();
    expect(detail.region).toBeNull();
  });
});
