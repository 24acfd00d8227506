/**
 * Writing a message (POST /messages): what is stored and answered, numbering,
 * channels, photos, the private note and the two privacy switches,
 * Idempotency-Key (also under concurrent retries), and every refusal, which
 * names the field in the client's language and leaves the database untouched.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncCommitDb } from '../../src/server/db/database.js';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { countRows, loginFrom, uniqueIp } from '../support/factories.js';
import { boardIdOf, loggedInCitizen, messageBody, postMessage, screen, uploadTestPhoto, writeMessage, type CitizenLogin } from '../support/messages.js';

let t: TestApp;
const staff: Record<string, Session> = {};
/** 江西省委书记 (the coordinator's province), 河南省委书记, and a ministry (no region). */
let jxBoard: string;
let haBoard: string;
let ministryBoard: string;

beforeAll(async () => {
  t = await buildTestApp();
  for (const login of ['admin', 'coordinator', 'handler']) staff[login] = await loginFrom(t.app, uniqueIp(), login);
  jxBoard = await boardIdOf(t.db, '江西省委书记');
  haBoard = await boardIdOf(t.db, '河南省委书记');
  ministryBoard = await boardIdOf(t.db, '人力资源和社会保障部');
});
afterAll(async () => t.close());

const citizen = () => loggedInCitizen(t.app, t.db);
const get = (session: Session | null, url: string) => as(t.app, session, { method: 'GET', url });
const messageRow = (id: number) => t.db.selectFrom('messages').selectAll().where('id', '=', String(id)).executeTakeFirstOrThrow();

/** Today in Beijing time, as the number's date part. */
function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

describe('writing a message', () => {
  it('answers 201 with id, number and status submitted, and stores every field as written', async () => {
    const author = await citizen();
    const body = messageBody(jxBoard, {
      type: 'suggest',
      fieldCode: 'transport',
      regionCode: '360102006',
      title: '建议<b>增设</b>公交站台',
      body: '大院街道<script>alert("x")</script>附近没有公交站台，老人出行要走一公里，建议增设 & 调整线路。',
      privateNote: '我的电话可以在工作时间联系',
      isPublic: true,
    });
    const res = await postMessage(t.app, author.session, body);

    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toEqual({ id: expect.any(Number), number: expect.stringMatching(/^\d{4}-\d{2}-\d{2}-\d{6}$/), status: 'submitted' });
    expect(created.number.slice(0, 10)).toBe(todayInChina());
    expect(res.headers['idempotent-replayed']).toBeUndefined();

    const row = await messageRow(created.id);
    expect(row).toMatchObject({
      number: created.number,
      board_id: jxBoard,
      author_id: author.id,
      type: 'suggest',
      field_code: 'transport',
      region_code: '360102006',
      province_code: '360000',
      city_code: '360100',
      county_code: '360102',
      title: body.title,
      body: body.body,
      private_note: body.privateNote,
      is_public: true,
      photos_public: true,
      location_public: true,
      channel: 'web',
      status: 'submitted',
      public_status: null,
      listed: false,
      accepted_at: null,
    });
    const events = await t.db.selectFrom('message_events').select(['kind', 'visibility', 'actor_id', 'data']).where('message_id', '=', String(created.id)).execute();
    expect(events).toEqual([{ kind: 'submitted', visibility: 'public', actor_id: author.id, data: { channel: 'web' } }]);

    // The markup comes back exactly as written, to the author now and to everyone once accepted.
    const own = (await get(author.session, `/api/v1/messages/${created.id}`)).json();
    expect(own).toMatchObject({ title: body.title, body: body.body, status: 'submitted', channel: 'web', type: 'suggest', fieldCode: 'transport', region: { code: '360102006', name: '大院街道' } });
    await screen(t.app, staff.coordinator!, created.id);
    const publicView = await get(null, `/api/v1/messages/${created.id}`);
    expect(publicView.statusCode).toBe(200);
    expect(publicView.json()).toMatchObject({ title: '建议<b>增设</b>公交站台', body: '大院街道<script>alert("x")</script>附近没有公交站台，老人出行要走一公里，建议增设 & 调整线路。' });
    expect(publicView.body).toContain('<script>alert(\\"x\\")</script>');
  });

  it('numbers the messages of a day consecutively', async () => {
    const author = await citizen();
    const first = await writeMessage(t.app, author.session, messageBody(jxBoard));
    const second = await writeMessage(t.app, author.session, messageBody(jxBoard));
    const third = await writeMessage(t.app, author.session, messageBody(haBoard, { regionCode: '411003' }));
    const [day, n] = [first.number.slice(0, 10), Number(first.number.slice(11))];
    expect(second.number).toBe(`${day}-${String(n + 1).padStart(6, '0')}`);
    expect(third.number).toBe(`${day}-${String(n + 2).padStart(6, '0')}`);
    expect(second.id).toBeGreaterThan(first.id);
  });

  it('numbers messages submitted at the same moment uniquely and without gaps, with the day counter at the highest', async () => {
    const authors: CitizenLogin[] = [];
    for (let i = 0; i < 6; i++) authors.push(await citizen());
    const created = await Promise.all(authors.flatMap((a) => Array.from({ length: 5 }, () => writeMessage(t.app, a.session, messageBody(jxBoard)))));
    const numbers = created.map((m) => Number(m.number.slice(11))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers[29]! - numbers[0]!).toBe(29);
    expect(created.every((m) => m.number.slice(0, 10) === todayInChina())).toBe(true);
    const counter = await t.db.selectFrom('message_day_counters').select('n').where('day', '=', sql<Date>`${todayInChina()}::date`).executeTakeFirstOrThrow();
    expect(counter.n).toBe(numbers[29]);
  });

  it('moves the day counter on a connection of its own that does not wait for the disk at commit (docs/decisions/0010)', async () => {
    const outside = asyncCommitDb(t.db);
    expect(outside).not.toBeNull();
    const setting = await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(outside!);
    expect(setting.rows[0]!.synchronous_commit).toBe('off');
    const main = await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(t.db);
    expect(main.rows[0]!.synchronous_commit).toBe('on');
  });

  it('records the channel a message came through, web by default', async () => {
    const author = await citizen();
    for (const channel of ['hotline', 'letter', 'mini_program'] as const) {
      const created = await writeMessage(t.app, author.session, messageBody(jxBoard, { channel }));
      expect((await messageRow(created.id)).channel).toBe(channel);
      expect((await get(author.session, `/api/v1/messages/${created.id}`)).json()).toMatchObject({ channel, timeline: [{ kind: 'submitted', data: { channel } }] });
    }
  });

  it('accepts any region of the country for a ministry board', async () => {
    const author = await citizen();
    const created = await writeMessage(t.app, author.session, messageBody(ministryBoard, { regionCode: '411003', fieldCode: 'employment' }));
    expect(await messageRow(created.id)).toMatchObject({ board_id: ministryBoard, region_code: '411003', province_code: '410000', city_code: '411000', county_code: '411003' });
  });

  it('attaches the uploaded photos in the order given', async () => {
    const author = await citizen();
    const [a, b, c] = [await uploadTestPhoto(t.app, author.session), await uploadTestPhoto(t.app, author.session), await uploadTestPhoto(t.app, author.session)];
    const created = await writeMessage(t.app, author.session, messageBody(jxBoard, { photoIds: [c!.id, a!.id, b!.id] }));

    const detail = (await get(author.session, `/api/v1/messages/${created.id}`)).json();
    expect(detail.photos.map((p: { id: string }) => p.id)).toEqual([c!.id, a!.id, b!.id]);
    expect(detail.photos[0]).toEqual({ id: c!.id, url: `/api/v1/photos/${c!.id}`, thumbUrl: `/api/v1/photos/${c!.id}/thumb`, width: c!.width, height: c!.height });
    const rows = await t.db.selectFrom('photos').select(['id', 'message_id', 'position']).where('id', 'in', [a!.id, b!.id, c!.id]).orderBy('position').execute();
    expect(rows).toEqual([
      { id: c!.id, message_id: String(created.id), position: 1 },
      { id: a!.id, message_id: String(created.id), position: 2 },
      { id: b!.id, message_id: String(created.id), position: 3 },
    ]);
  });

  it('shows the private note to staff in scope only, never to the public, other citizens or staff elsewhere', async () => {
    const author = await citizen();
    const other = await citizen();
    const note = '本人姓名张某某，请勿公开我的工作单位';
    const created = await writeMessage(t.app, author.session, messageBody(jxBoard, { privateNote: `  ${note}  ` }));
    expect((await messageRow(created.id)).private_note).toBe(note);

    const forCoordinator = (await get(staff.coordinator!, `/api/v1/messages/${created.id}`)).json();
    expect(forCoordinator.privateNote).toBe(note);
    const queue = (await get(staff.coordinator!, '/api/v1/screening?limit=100')).json();
    expect(queue.items.find((m: { id: number }) => m.id === created.id)?.privateNote).toBe(note);
    // Before acceptance nobody else sees the message at all.
    expect((await get(other.session, `/api/v1/messages/${created.id}`)).statusCode).toBe(404);
    expect((await get(staff.handler!, `/api/v1/messages/${created.id}`)).statusCode).toBe(404);

    await screen(t.app, staff.coordinator!, created.id);
    for (const viewer of [null, other.session, staff.handler!]) {
      const res = await get(viewer, `/api/v1/messages/${created.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).not.toHaveProperty('privateNote');
      expect(res.body).not.toContain(note);
    }
    const list = await get(null, `/api/v1/messages?board=${jxBoard}&limit=100`);
    expect(list.json().items.some((m: { id: number }) => m.id === created.id)).toBe(true);
    expect(list.body).not.toContain(note);
  });

  it('keeps photos from the public when photosPublic is false: none in the detail, and the photo itself is 404', async () => {
    const author = await citizen();
    const hidden = await uploadTestPhoto(t.app, author.session);
    const shown = await uploadTestPhoto(t.app, author.session);
    const privatePhotos = await writeMessage(t.app, author.session, messageBody(jxBoard, { photoIds: [hidden.id], photosPublic: false }));
    const publicPhotos = await writeMessage(t.app, author.session, messageBody(jxBoard, { photoIds: [shown.id] }));
    await screen(t.app, staff.coordinator!, privatePhotos.id);
    await screen(t.app, staff.coordinator!, publicPhotos.id);

    const publicDetail = await get(null, `/api/v1/messages/${privatePhotos.id}`);
    expect(publicDetail.json()).toMatchObject({ photosPublic: false, photos: [] });
    expect(publicDetail.body).not.toContain(hidden.id);
    expect((await get(null, hidden.url)).statusCode).toBe(404);
    expect((await get(null, hidden.thumbUrl)).statusCode).toBe(404);
    expect((await get((await citizen()).session, hidden.url)).statusCode).toBe(404);

    // The author and the coordinator still see it.
    expect((await get(author.session, `/api/v1/messages/${privatePhotos.id}`)).json().photos).toEqual([expect.objectContaining({ id: hidden.id })]);
    expect((await get(staff.coordinator!, `/api/v1/messages/${privatePhotos.id}`)).json().photos).toEqual([expect.objectContaining({ id: hidden.id })]);
    expect((await get(author.session, hidden.url)).statusCode).toBe(200);
    expect((await get(staff.coordinator!, hidden.url)).statusCode).toBe(200);

    // The same with photosPublic left at its default: everyone sees the photo.
    expect((await get(null, `/api/v1/messages/${publicPhotos.id}`)).json()).toMatchObject({ photosPublic: true, photos: [{ id: shown.id }] });
    expect((await get(null, shown.url)).statusCode).toBe(200);
  });

  it('shows no region to the public when locationPublic is false, in the list and the detail', async () => {
    const author = await citizen();
    const created = await writeMessage(t.app, author.session, messageBody(jxBoard, { locationPublic: false, regionCode: '360102007' }));
    await screen(t.app, staff.coordinator!, created.id);

    const publicDetail = await get(null, `/api/v1/messages/${created.id}`);
    expect(publicDetail.json()).toMatchObject({ locationPublic: false, region: null });
    expect(publicDetail.body).not.toContain('豫章街道');
    const list = await get(null, `/api/v1/messages?board=${jxBoard}&limit=100`);
    const item = list.json().items.find((m: { id: number }) => m.id === created.id);
    expect(item).toMatchObject({ id: created.id, region: null });

    expect((await get(author.session, `/api/v1/messages/${created.id}`)).json().region).toEqual({ code: '360102007', name: '豫章街道' });
    expect((await get(staff.coordinator!, `/api/v1/messages/${created.id}`)).json().region).toEqual({ code: '360102007', name: '豫章街道' });
    expect((await get(author.session, '/api/v1/me/messages')).json().items[0]).toMatchObject({ id: created.id, region: { code: '360102007' } });
  });
});

describe('Idempotency-Key', () => {
  const messagesOf = async (authorId: string) => t.db.selectFrom('messages').select(['id', 'number']).where('author_id', '=', authorId).execute();

  it('answers a retry with the same key and body with the first message, marked idempotent-replayed, and stores one', async () => {
    const author = await citizen();
    const body = messageBody(jxBoard);
    const key = randomUUID();
    const first = await postMessage(t.app, author.session, body, { 'idempotency-key': key });
    const retry = await postMessage(t.app, author.session, body, { 'idempotency-key': key });

    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await messagesOf(author.id)).toEqual([{ id: String(first.json().id), number: first.json().number }]);
    expect(await t.db.selectFrom('message_events').select('kind').where('message_id', '=', String(first.json().id)).execute()).toEqual([{ kind: 'submitted' }]);
  });

  it('refuses the same key with a different body with 422 idempotency_key_reused and stores nothing more', async () => {
    const author = await citizen();
    const key = randomUUID();
    const body = messageBody(jxBoard);
    const first = await postMessage(t.app, author.session, body, { 'idempotency-key': key });
    const reused = await postMessage(t.app, author.session, { ...body, title: '另一个标题的留言' }, { 'idempotency-key': key });

    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key', title: '该幂等键已用于另一条不同的提交' });
    expect(await messagesOf(author.id)).toEqual([{ id: String(first.json().id), number: first.json().number }]);
  });

  it('creates exactly one message when eight retries with the same key arrive at once', async () => {
    const author = await citizen();
    const body = messageBody(jxBoard);
    const key = randomUUID();
    const before = await countRows(t.db, 'messages');
    const answers = await Promise.all(Array.from({ length: 8 }, () => postMessage(t.app, author.session, body, { 'idempotency-key': key })));

    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201));
    const ids = new Set(answers.map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(new Set(answers.map((a) => a.json().number)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    expect(await messagesOf(author.id)).toHaveLength(1);
    expect(await countRows(t.db, 'messages')).toBe(before + 1);
  });

  it('refuses a key over 100 characters or with spaces with 400 naming the header, storing nothing', async () => {
    const author = await citizen();
    for (const key of ['k'.repeat(101), 'two words']) {
      const res = await postMessage(t.app, author.session, messageBody(jxBoard), { 'idempotency-key': key });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'idempotency-key' });
    }
    expect(await messagesOf(author.id)).toEqual([]);
  });

  it('lets a retry with the same key succeed after the first attempt was refused', async () => {
    const author = await citizen();
    const key = randomUUID();
    const refused = await postMessage(t.app, author.session, messageBody(jxBoard, { regionCode: '411003' }), { 'idempotency-key': key });
    expect(refused.json().code).toBe('region_outside_board');
    const fixed = await postMessage(t.app, author.session, messageBody(jxBoard), { 'idempotency-key': key });
    expect(fixed.statusCode).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(await messagesOf(author.id)).toHaveLength(1);
  });

  it('keeps the keys of two accounts apart', async () => {
    const [one, two] = [await citizen(), await citizen()];
    const key = randomUUID();
    const a = await postMessage(t.app, one.session, messageBody(jxBoard), { 'idempotency-key': key });
    const b = await postMessage(t.app, two.session, messageBody(jxBoard), { 'idempotency-key': key });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().id).not.toBe(a.json().id);
  });
});

describe('refusing bad input', () => {
  // Refused writes never count against the submission limit, so one author serves them all.
  let author: CitizenLogin;
  beforeAll(async () => {
    author = await citizen();
  });

  /** What a refused write must leave as it was. */
  async function snapshot() {
    const attached = await t.db.selectFrom('photos').select((eb) => eb.fn.countAll<number>().as('n')).where('message_id', 'is not', null).executeTakeFirstOrThrow();
    const counter = await t.db.selectFrom('message_day_counters').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.val(0)).as('n')).executeTakeFirstOrThrow();
    return {
      messages: await countRows(t.db, 'messages'),
      events: await countRows(t.db, 'message_events'),
      photos: await countRows(t.db, 'photos'),
      attachedPhotos: Number(attached.n),
      idempotencyKeys: await countRows(t.db, 'idempotency_keys'),
      numbersIssued: Number(counter.n),
    };
  }

  const TITLES: Record<string, [string, string]> = {
    validation_failed: ['请求参数有误', 'The request is invalid'],
    board_not_found: ['留言板不存在', 'No such board'],
    field_not_found: ['领域不存在或已停用', 'No such field, or it is no longer in use'],
    region_not_found: ['地区代码不存在', 'No region has this code'],
    region_outside_board: ['所选地区不在该留言板的管辖范围内', 'The region is outside the area of this board'],
    photo_not_found: ['照片不存在、不属于您或已被使用', 'A photo does not exist, is not yours or is already in use'],
    citizens_only: ['仅网民账号可以进行此操作', 'Only citizen accounts can do this'],
    unauthenticated: ['请先登录', 'Please log in first'],
    csrf_failed: ['安全校验失败，请刷新页面后重试', 'Security check failed; reload the page and try again'],
  };

  /**
   * Sends the request twice (Chinese by default, then English) and checks the
   * problem both times and that nothing in the database changed.
   */
  async function expectRefused(send: (headers: Record<string, string>) => Promise<import('fastify').LightMyRequestResponse>, expected: { status: number; code: string; field?: string; errorCode?: string }) {
    const before = await snapshot();
    const [zh, en] = TITLES[expected.code]!;
    for (const [headers, title] of [[{}, zh], [{ 'accept-language': 'en' }, en]] as const) {
      const res = await send({ ...headers, 'idempotency-key': randomUUID() });
      expect(res.statusCode, res.body).toBe(expected.status);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const problem = res.json();
      expect(problem).toMatchObject({ status: expected.status, code: expected.code, title, instance: '/api/v1/messages' });
      if (expected.field) expect(problem.field).toBe(expected.field);
      else expect(problem).not.toHaveProperty('field');
      if (expected.errorCode) expect(problem.errors).toContainEqual(expect.objectContaining({ field: expected.field, code: expected.errorCode }));
    }
    expect(await snapshot()).toEqual(before);
  }

  const invalid: [string, () => Record<string, unknown>, string, string][] = [
    ['an empty title', () => ({ title: '' }), 'title', 'minLength'],
    ['a title over 50 characters', () => ({ title: '标'.repeat(51) }), 'title', 'maxLength'],
    ['a title of spaces only', () => ({ title: '          ' }), 'title', 'minLength'],
    ['a title of 3 characters after trimming', () => ({ title: '  求助啊  ' }), 'title', 'minLength'],
    ['an empty text', () => ({ body: '' }), 'body', 'minLength'],
    ['a text over 3000 characters', () => ({ body: '文'.repeat(3001) }), 'body', 'maxLength'],
    ['a text of spaces only', () => ({ body: ' '.repeat(20) }), 'body', 'minLength'],
    ['a private note over 500 characters', () => ({ privateNote: '注'.repeat(501) }), 'privateNote', 'maxLength'],
    ['an unknown type', () => ({ type: 'praise' }), 'type', 'const'],
    ['an unknown channel', () => ({ channel: 'fax' }), 'channel', 'const'],
    ['ten photos', () => ({ photoIds: Array.from({ length: 10 }, () => randomUUID()) }), 'photoIds', 'maxItems'],
  ];

  it.each(invalid)('refuses %s with 400 naming the field, changing nothing', async (_name, overrides, field, errorCode) => {
    await expectRefused((headers) => postMessage(t.app, author.session, { ...messageBody(jxBoard), ...overrides() }, headers), { status: 400, code: 'validation_failed', field, errorCode });
  });

  const unknown: [string, () => Record<string, unknown>, string, string][] = [
    ['an unknown board', () => ({ boardId: 987654321 }), 'board_not_found', 'boardId'],
    ['an unknown field', () => ({ fieldCode: 'astrology' }), 'field_not_found', 'fieldCode'],
    ['an unknown region', () => ({ regionCode: '999999' }), 'region_not_found', 'regionCode'],
    ['the national root region', () => ({ regionCode: '000000' }), 'region_not_found', 'regionCode'],
    ['a 河南 county on the 江西省委书记 board', () => ({ regionCode: '411003' }), 'region_outside_board', 'regionCode'],
    ['a 江西 county on the 河南省委书记 board', () => ({ boardId: Number(haBoard), regionCode: '360102' }), 'region_outside_board', 'regionCode'],
  ];

  it.each(unknown)('refuses %s with 422 naming the field, changing nothing', async (_name, overrides, code, field) => {
    await expectRefused((headers) => postMessage(t.app, author.session, { ...messageBody(jxBoard), ...overrides() }, headers), { status: 422, code, field });
  });

  it('refuses a field an admin deactivated with 422 field_not_found, changing nothing', async () => {
    const created = await as(t.app, staff.admin!, { method: 'POST', url: '/api/v1/fields', payload: { code: 'pets', nameZh: '宠物', nameTw: '寵物', nameEn: 'Pets' } });
    expect(created.statusCode).toBe(201);
    expect((await postMessage(t.app, author.session, messageBody(jxBoard, { fieldCode: 'pets' }))).statusCode).toBe(201);

    const patched = await as(t.app, staff.admin!, { method: 'PATCH', url: '/api/v1/fields/pets', payload: { active: false } });
    expect(patched.json()).toMatchObject({ code: 'pets', active: false });
    await expectRefused((headers) => postMessage(t.app, author.session, messageBody(jxBoard, { fieldCode: 'pets' }), headers), { status: 422, code: 'field_not_found', field: 'fieldCode' });
  });

  it("refuses someone else's photo with 422 photo_not_found, leaving the photo unattached", async () => {
    const owner = await citizen();
    const photo = await uploadTestPhoto(t.app, owner.session);
    const mine = await uploadTestPhoto(t.app, author.session);
    await expectRefused((headers) => postMessage(t.app, author.session, messageBody(jxBoard, { photoIds: [mine.id, photo.id] }), headers), { status: 422, code: 'photo_not_found', field: 'photoIds' });

    const problem = (await postMessage(t.app, author.session, messageBody(jxBoard, { photoIds: [mine.id, photo.id] }))).json();
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'photoIds[1]', code: 'photo_not_found' })]);
    const rows = await t.db.selectFrom('photos').select(['id', 'owner_id', 'message_id']).where('id', 'in', [photo.id, mine.id]).orderBy('owner_id').execute();
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(expect.arrayContaining([{ id: photo.id, owner_id: owner.id, message_id: null }, { id: mine.id, owner_id: author.id, message_id: null }]));
  });

  it('refuses a photo already attached to another message with 422 photo_not_found', async () => {
    const photo = await uploadTestPhoto(t.app, author.session);
    const first = await writeMessage(t.app, author.session, messageBody(jxBoard, { photoIds: [photo.id] }));
    await expectRefused((headers) => postMessage(t.app, author.session, messageBody(jxBoard, { photoIds: [photo.id] }), headers), { status: 422, code: 'photo_not_found', field: 'photoIds' });
    expect((await t.db.selectFrom('photos').select('message_id').where('id', '=', photo.id).executeTakeFirstOrThrow()).message_id).toBe(String(first.id));
  });

  it('refuses a staff account with 403 citizens_only', async () => {
    for (const login of ['coordinator', 'admin'] as const) {
      await expectRefused((headers) => postMessage(t.app, staff[login]!, messageBody(jxBoard), headers), { status: 403, code: 'citizens_only' });
    }
  });

  it('refuses an anonymous request with 401', async () => {
    await expectRefused((headers) => postMessage(t.app, null, messageBody(jxBoard), headers), { status: 401, code: 'unauthenticated' });
  });

  it('refuses a request with the session cookie but without the CSRF header with 403', async () => {
    await expectRefused(
      (headers) => t.app.inject({ method: 'POST', url: '/api/v1/messages', payload: messageBody(jxBoard) as never, headers: { ...headers, cookie: author.session.cookie } }),
      { status: 403, code: 'csrf_failed' },
    );
    await expectRefused(
      (headers) => t.app.inject({ method: 'POST', url: '/api/v1/messages', payload: messageBody(jxBoard) as never, headers: { ...headers, cookie: author.session.cookie, 'x-csrf-token': 'not-the-token' } }),
      { status: 403, code: 'csrf_failed' },
    );
  });
});
