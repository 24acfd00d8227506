/**
 * The life of a message after writing: the author's own list, withdrawal,
 * follow-ups (追问), replies (interim and final) and the author's rating, each
 * with who may and when.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { loginFrom, uniqueIp } from '../support/factories.js';
import { assignToOwnUnit, boardIdOf, loggedInCitizen, messageBody, replyTo, screen, writeMessage, type CitizenLogin } from '../support/messages.js';

let t: TestApp;
const staff: Record<string, Session> = {};
let jxBoard: string;
let dhBoard: string;

beforeAll(async () => {
  t = await buildTestApp();
  for (const login of ['admin', 'coordinator', 'handler', 'unitadmin', 'leader']) staff[login] = await loginFrom(t.app, uniqueIp(), login);
  jxBoard = await boardIdOf(t.db, '江西省委书记');
  dhBoard = await boardIdOf(t.db, '东湖区委书记');
});
afterAll(async () => t.close());

const citizen = () => loggedInCitizen(t.app, t.db);
const get = (session: Session | null, url: string) => as(t.app, session, { method: 'GET', url });
const post = (session: Session | null, url: string, payload?: Record<string, unknown>) => as(t.app, session, { method: 'POST', url, ...(payload ? { payload } : {}) });
const messageRow = (id: number) => t.db.selectFrom('messages').selectAll().where('id', '=', String(id)).executeTakeFirstOrThrow();
const eventKinds = async (id: number) => (await t.db.selectFrom('message_events').select('kind').where('message_id', '=', String(id)).orderBy('id').execute()).map((e) => e.kind);

/** A message by the author to the 江西省委书记 board (or another), brought to the state. */
async function messageIn(author: CitizenLogin, state: 'submitted' | 'accepted' | 'replied', overrides: Parameters<typeof messageBody>[1] & { board?: string } = {}): Promise<number> {
  const { board = jxBoard, ...rest } = overrides;
  const { id } = await writeMessage(t.app, author.session, messageBody(board, rest));
  if (state === 'submitted') return id;
  await screen(t.app, staff.coordinator!, id);
  if (state === 'accepted') return id;
  await replyTo(t.app, staff.coordinator!, id, '经核实，已协调有关单位解决。', true);
  return id;
}

describe('my messages', () => {
  it('lists every own message with its status, rejected and withdrawn included, and nobody else’s', async () => {
    const author = await citizen();
    const other = await citizen();
    const submitted = await messageIn(author, 'submitted');
    const accepted = await messageIn(author, 'accepted');
    const replied = await messageIn(author, 'replied');
    const privateOne = await messageIn(author, 'accepted', { isPublic: false });
    const rejected = await messageIn(author, 'submitted');
    await screen(t.app, staff.coordinator!, rejected, { decision: 'reject', reason: 'out_of_scope' });
    const withdrawn = await messageIn(author, 'submitted');
    expect((await post(author.session, `/api/v1/messages/${withdrawn}/withdrawal`)).statusCode).toBe(200);
    const othersMessage = await messageIn(other, 'accepted');

    const res = await get(author.session, '/api/v1/me/messages?limit=100');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; status: string; publicStatus: string | null }[];
    expect(items.map((m) => [m.id, m.status, m.publicStatus])).toEqual([
      [withdrawn, 'withdrawn', null],
      [rejected, 'rejected', null],
      [privateOne, 'accepted', null],
      [replied, 'replied', 'done'],
      [accepted, 'accepted', 'pending'],
      [submitted, 'submitted', null],
    ]);
    expect(items.map((m) => m.id)).not.toContain(othersMessage);
    expect((await get(other.session, '/api/v1/me/messages')).json().items.map((m: { id: number }) => m.id)).toEqual([othersMessage]);
  });

  it('pages through own messages with a cursor, and refuses anonymous visitors with 401', async () => {
    const author = await citizen();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await messageIn(author, 'submitted'));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = (await get(author.session, `/api/v1/me/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids.reverse());
    expect((await get(null, '/api/v1/me/messages')).statusCode).toBe(401);
  });
});

describe('withdrawal', () => {
  it('lets the author withdraw a message before screening: withdrawn, out of the queue, cannot be withdrawn again', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'submitted');
    const res = await post(author.session, `/api/v1/messages/${id}/withdrawal`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'withdrawn', publicStatus: null, abilities: { withdraw: false } });
    expect(await messageRow(id)).toMatchObject({ status: 'withdrawn', listed: false });
    expect(await eventKinds(id)).toEqual(['submitted', 'withdrawn']);
    const queue = (await get(staff.coordinator!, '/api/v1/screening?limit=100')).json();
    expect(queue.items.map((m: { id: number }) => m.id)).not.toContain(id);

    const again = await post(author.session, `/api/v1/messages/${id}/withdrawal`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('message_state');
  });

  it('answers 409 once the message is accepted, and leaves it on the board', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'accepted');
    expect((await get(author.session, `/api/v1/messages/${id}`)).json().abilities.withdraw).toBe(false);
    const res = await post(author.session, `/api/v1/messages/${id}/withdrawal`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('message_state');
    expect(await messageRow(id)).toMatchObject({ status: 'accepted', listed: true });
  });

  it('answers another citizen 404 for an unlisted message and 403 for a listed one, changing nothing', async () => {
    const author = await citizen();
    const other = await citizen();
    const submitted = await messageIn(author, 'submitted');
    const privateOne = await messageIn(author, 'accepted', { isPublic: false });
    const listed = await messageIn(author, 'accepted');

    expect((await post(other.session, `/api/v1/messages/${submitted}/withdrawal`)).statusCode).toBe(404);
    expect((await post(other.session, `/api/v1/messages/${privateOne}/withdrawal`)).statusCode).toBe(404);
    const res = await post(other.session, `/api/v1/messages/${listed}/withdrawal`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect((await post(staff.coordinator!, `/api/v1/messages/${submitted}/withdrawal`)).statusCode).toBe(404);
    expect((await post(null, `/api/v1/messages/${submitted}/withdrawal`)).statusCode).toBe(401);
    expect((await messageRow(submitted)).status).toBe('submitted');
    expect(await eventKinds(submitted)).toEqual(['submitted']);
  });
});

describe('follow-ups', () => {
  it('lets the author follow up an accepted message; it appears in the public timeline', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'accepted');
    const res = await post(author.session, `/api/v1/messages/${id}/follow-ups`, { body: '  补充一下：电梯今天又困人了，请尽快处理。  ' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: expect.any(Number), kind: 'follow_up', body: '补充一下：电梯今天又困人了，请尽快处理。', unit: null });

    const timeline = (await get(null, `/api/v1/messages/${id}`)).json().timeline;
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'accepted', 'follow_up']);
    expect(timeline[2]).toMatchObject({ kind: 'follow_up', body: '补充一下：电梯今天又困人了，请尽快处理。' });
    const stored = await t.db.selectFrom('message_events').select(['visibility', 'actor_id', 'body']).where('message_id', '=', String(id)).where('kind', '=', 'follow_up').execute();
    expect(stored).toEqual([{ visibility: 'public', actor_id: author.id, body: '补充一下：电梯今天又困人了，请尽快处理。' }]);
  });

  it('lets the author follow up while handling, after the final reply and after closing (a thank-you)', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'accepted');
    await replyTo(t.app, staff.coordinator!, id, '正在协调维保单位。', false);
    expect((await post(author.session, `/api/v1/messages/${id}/follow-ups`, { body: '维保单位什么时候来？' })).statusCode).toBe(201);
    await replyTo(t.app, staff.coordinator!, id, '电梯已修好。', true);
    expect((await post(author.session, `/api/v1/messages/${id}/follow-ups`, { body: '修好了，但是还有异响。' })).statusCode).toBe(201);
    expect((await post(author.session, `/api/v1/messages/${id}/rating`, { resolution: 4, attitude: 4, speed: 4 })).json().status).toBe('closed');
    const thanks = await post(author.session, `/api/v1/messages/${id}/follow-ups`, { body: '电梯已经正常运行，感谢各位！' });
    expect(thanks.statusCode).toBe(201);
    expect((await eventKinds(id)).filter((k) => k === 'follow_up')).toHaveLength(3);
  });

  it('answers 409 for a message not yet accepted, and 409 for a rejected one', async () => {
    const author = await citizen();
    const submitted = await messageIn(author, 'submitted');
    const res = await post(author.session, `/api/v1/messages/${submitted}/follow-ups`, { body: '请问什么时候受理？' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('message_state');
    const rejected = await messageIn(author, 'submitted');
    await screen(t.app, staff.coordinator!, rejected, { decision: 'reject', reason: 'other' });
    expect((await post(author.session, `/api/v1/messages/${rejected}/follow-ups`, { body: '为什么不受理？' })).statusCode).toBe(409);
    expect(await eventKinds(submitted)).toEqual(['submitted']);
  });

  it('refuses others: 403 on a listed message, 404 on an unlisted one, 401 anonymous; and an empty text with 400', async () => {
    const author = await citizen();
    const other = await citizen();
    const listed = await messageIn(author, 'accepted');
    const privateOne = await messageIn(author, 'accepted', { isPublic: false });
    expect((await post(other.session, `/api/v1/messages/${listed}/follow-ups`, { body: '我也遇到同样问题' })).statusCode).toBe(403);
    expect((await post(staff.coordinator!, `/api/v1/messages/${listed}/follow-ups`, { body: '工作人员不能追问' })).statusCode).toBe(403);
    expect((await post(other.session, `/api/v1/messages/${privateOne}/follow-ups`, { body: '我也遇到同样问题' })).statusCode).toBe(404);
    expect((await post(null, `/api/v1/messages/${listed}/follow-ups`, { body: '匿名追问' })).statusCode).toBe(401);
    const blank = await post(author.session, `/api/v1/messages/${listed}/follow-ups`, { body: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: 'validation_failed', field: 'body' });
    expect((await post(author.session, `/api/v1/messages/${listed}/follow-ups`, { body: '追'.repeat(1001) })).statusCode).toBe(400);
    expect(await eventKinds(listed)).toEqual(['submitted', 'accepted']);
  });
});

describe('replies', () => {
  it('moves the message to handling on an interim reply and to done on the final one, under the unit’s name', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'accepted', { title: '小区排水管网改造求助', body: '每逢下雨小区门口就严重积水，居民出行困难，希望改造排水管网。' });
    await assignToOwnUnit(t.app, staff.coordinator!, id);

    const interim = await post(staff.coordinator!, `/api/v1/messages/${id}/replies`, { body: '已转交南昌市城管局核实，将于近期答复。', final: false });
    expect(interim.statusCode, interim.body).toBe(201);
    expect(interim.json()).toMatchObject({ kind: 'interim', final: false, status: 'published', body: '已转交南昌市城管局核实，将于近期答复。', unit: { name: '江西省委民声通道工作室' } });
    expect(await messageRow(id)).toMatchObject({ status: 'handling', public_status: 'handling', reply_count: 1, final_reply_at: null });
    expect((await messageRow(id)).first_reply_at).toBeInstanceOf(Date);

    const final = await post(staff.coordinator!, `/api/v1/messages/${id}/replies`, { body: '经现场勘查，已将该路段纳入雨污分流改造计划，明年汛期前完工。', final: true });
    expect(final.statusCode).toBe(201);
    expect(final.json()).toMatchObject({ kind: 'final', final: true, status: 'published' });
    const row = await messageRow(id);
    expect(row).toMatchObject({ status: 'replied', public_status: 'done', listed: true, reply_count: 2 });
    expect(row.final_reply_at).toBeInstanceOf(Date);

    const detail = (await get(null, `/api/v1/messages/${id}`)).json();
    expect(detail).toMatchObject({ status: 'replied', publicStatus: 'done', replyCount: 2, lastReplyAt: expect.any(String) });
    const replies = detail.timeline.filter((e: { kind: string }) => e.kind === 'reply');
    expect(replies).toEqual([
      expect.objectContaining({ final: false, body: '已转交南昌市城管局核实，将于近期答复。', unit: expect.objectContaining({ name: '江西省委民声通道工作室' }) }),
      expect.objectContaining({ final: true, body: '经现场勘查，已将该路段纳入雨污分流改造计划，明年汛期前完工。', unit: expect.objectContaining({ name: '江西省委民声通道工作室' }) }),
    ]);
    expect((await get(author.session, `/api/v1/messages/${id}`)).json().abilities).toMatchObject({ rate: true, followUp: true, withdraw: false });
  });

  it('makes the reply text searchable', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'accepted');
    const search = async () => (await get(null, `/api/v1/messages?q=${encodeURIComponent('雨污分流')}`)).json().items.map((m: { id: number }) => m.id);
    expect(await search()).not.toContain(id);
    await replyTo(t.app, staff.coordinator!, id, '该片区已纳入雨污分流改造计划。', false);
    expect(await search()).toContain(id);
  });

  it('lets unit staff reply on a board their unit handles', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'accepted', { board: dhBoard });
    await assignToOwnUnit(t.app, staff.unitadmin!, id, staff.coordinator!);
    const res = await post(staff.unitadmin!, `/api/v1/messages/${id}/replies`, { body: '东湖区委已责成区民政局办理。', final: false });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().unit).toMatchObject({ name: '中共东湖区委' });
  });

  it('refuses a reply to a message not yet accepted (409), after the final reply (409), out of scope (404), from a leader, a citizen (403) or anonymously (401)', async () => {
    const author = await citizen();
    const submitted = await messageIn(author, 'submitted');
    const replied = await messageIn(author, 'replied');
    const accepted = await messageIn(author, 'accepted');
    const reply = (session: Session | null, id: number, final = false) => post(session, `/api/v1/messages/${id}/replies`, { body: '答复内容', final });

    expect((await reply(staff.coordinator!, submitted)).statusCode).toBe(409);
    expect((await reply(staff.coordinator!, replied)).statusCode).toBe(409);
    expect((await reply(staff.coordinator!, replied, true)).statusCode).toBe(409);
    expect((await reply(staff.handler!, accepted)).statusCode).toBe(404);
    expect((await reply(staff.leader!, accepted)).statusCode).toBe(403);
    expect((await reply(author.session, accepted)).statusCode).toBe(403);
    expect((await reply(null, accepted)).statusCode).toBe(401);
    const blank = await post(staff.coordinator!, `/api/v1/messages/${accepted}/replies`, { body: '  ', final: false });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ field: 'body' });
    expect(await messageRow(accepted)).toMatchObject({ status: 'accepted', reply_count: 0 });
    expect(await messageRow(submitted)).toMatchObject({ status: 'submitted', reply_count: 0 });
  });
});

describe('rating', () => {
  const rate = (session: Session | null, id: number, scores: Record<string, unknown>) => post(session, `/api/v1/messages/${id}/rating`, scores);
  const ratingRow = (id: number) => t.db.selectFrom('message_ratings').selectAll().where('message_id', '=', String(id)).executeTakeFirst();

  it('answers 409 before any final reply, also after an interim one', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'accepted');
    expect((await get(author.session, `/api/v1/messages/${id}`)).json().abilities.rate).toBe(false);
    expect((await rate(author.session, id, { resolution: 5, attitude: 5, speed: 5 })).statusCode).toBe(409);
    await replyTo(t.app, staff.coordinator!, id, '正在办理。', false);
    const res = await rate(author.session, id, { resolution: 5, attitude: 5, speed: 5 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('message_state');
    expect(await ratingRow(id)).toBeUndefined();
  });

  it('lets only the author rate: others 403, anonymous 401', async () => {
    const author = await citizen();
    const other = await citizen();
    const id = await messageIn(author, 'replied');
    const privateOne = await messageIn(author, 'replied', { isPublic: false });
    expect((await rate(other.session, id, { resolution: 5, attitude: 5, speed: 5 })).statusCode).toBe(403);
    expect((await rate(staff.coordinator!, id, { resolution: 5, attitude: 5, speed: 5 })).statusCode).toBe(403);
    expect((await rate(other.session, privateOne, { resolution: 5, attitude: 5, speed: 5 })).statusCode).toBe(404);
    expect((await rate(null, id, { resolution: 5, attitude: 5, speed: 5 })).statusCode).toBe(401);
    expect(await ratingRow(id)).toBeUndefined();
    expect(await ratingRow(privateOne)).toBeUndefined();
  });

  it.each([
    ['a score of 0', { resolution: 0, attitude: 3, speed: 3 }, 'resolution'],
    ['a score of 6', { resolution: 3, attitude: 6, speed: 3 }, 'attitude'],
    ['a fractional score', { resolution: 3, attitude: 3, speed: 2.5 }, 'speed'],
    ['a missing score', { resolution: 3, attitude: 3 }, 'speed'],
  ])('refuses %s with 400 naming the score', async (_name, scores, field) => {
    const author = await citizen();
    const id = await messageIn(author, 'replied');
    const res = await rate(author.session, id, scores);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', field });
    expect(await ratingRow(id)).toBeUndefined();
  });

  it('grades 5, 5, 4 very satisfied and closes the message', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'replied');
    const res = await rate(author.session, id, { resolution: 5, attitude: 5, speed: 4, comment: '  处理及时，非常感谢！ ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', publicStatus: 'done', rating: { resolution: 5, attitude: 5, speed: 4, grade: 'very_satisfied', comment: '处理及时，非常感谢！', changedAt: null, canChange: true } });
    expect(await messageRow(id)).toMatchObject({ status: 'closed', public_status: 'done', listed: true });
    expect(await ratingRow(id)).toMatchObject({ resolution: 5, attitude: 5, speed: 4, grade: 'very_satisfied', comment: '处理及时，非常感谢！', change_count: 0, changed_at: null });
    expect(await eventKinds(id)).toEqual(['submitted', 'accepted', 'assigned', 'signed', 'reply', 'rated', 'closed']);
    // The public sees the rating, but cannot change it.
    expect((await get(null, `/api/v1/messages/${id}`)).json().rating).toMatchObject({ grade: 'very_satisfied', canChange: false });
  });

  it.each([
    [{ resolution: 4, attitude: 4, speed: 3 }, 'satisfied', 'closed'],
    [{ resolution: 3, attitude: 3, speed: 2 }, 'basically_satisfied', 'closed'],
    [{ resolution: 2, attitude: 2, speed: 2 }, 'dissatisfied', 'dissatisfied'],
    [{ resolution: 1, attitude: 2, speed: 1 }, 'very_dissatisfied', 'dissatisfied'],
  ])('grades %o as %s, moving the message to %s', async (scores, grade, status) => {
    const author = await citizen();
    const id = await messageIn(author, 'replied');
    const res = await rate(author.session, id, scores);
    expect(res.json()).toMatchObject({ status, publicStatus: 'done', rating: { grade } });
    expect(await messageRow(id)).toMatchObject({ status });
    expect((await ratingRow(id))?.grade).toBe(grade);
  });

  it('lets the author change the rating once within 7 days; a third rating is 409 rating_locked', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'replied');
    expect((await rate(author.session, id, { resolution: 2, attitude: 2, speed: 2, comment: '没有解决' })).json()).toMatchObject({ status: 'dissatisfied', rating: { grade: 'dissatisfied', changedAt: null, canChange: true } });

    const changed = await rate(author.session, id, { resolution: 4, attitude: 5, speed: 4, comment: '后来解决了' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ rating: { grade: 'satisfied', comment: '后来解决了', changedAt: expect.any(String), canChange: false }, abilities: { rate: false } });
    expect(await ratingRow(id)).toMatchObject({ grade: 'satisfied', change_count: 1 });

    const third = await rate(author.session, id, { resolution: 1, attitude: 1, speed: 1 });
    expect(third.statusCode).toBe(409);
    expect(third.json()).toMatchObject({ code: 'rating_locked', title: '评价已修改过或已超过7天，不能再修改' });
    expect(await ratingRow(id)).toMatchObject({ grade: 'satisfied', change_count: 1 });
    expect((await eventKinds(id)).filter((k) => k.startsWith('rat'))).toEqual(['rated', 'rating_changed']);
  });

  it('closes a message whose dissatisfied rating is changed to satisfied', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'replied');
    await rate(author.session, id, { resolution: 1, attitude: 2, speed: 2 });
    expect((await messageRow(id)).status).toBe('dissatisfied');
    const changed = await rate(author.session, id, { resolution: 5, attitude: 5, speed: 5 });
    expect(changed.json()).toMatchObject({ status: 'closed', publicStatus: 'done', rating: { grade: 'very_satisfied' } });
    expect(await messageRow(id)).toMatchObject({ status: 'closed', public_status: 'done' });
  });

  it('refuses a change more than 7 days after the rating with 409 rating_locked', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'replied');
    await rate(author.session, id, { resolution: 3, attitude: 3, speed: 3 });
    await sql`UPDATE message_ratings SET rated_at = now() - interval '7 days 1 minute' WHERE message_id = ${String(id)}`.execute(t.db);
    expect((await get(author.session, `/api/v1/messages/${id}`)).json()).toMatchObject({ rating: { canChange: false }, abilities: { rate: false } });

    const res = await rate(author.session, id, { resolution: 5, attitude: 5, speed: 5 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('rating_locked');
    expect(await ratingRow(id)).toMatchObject({ grade: 'basically_satisfied', change_count: 0, changed_at: null });
  });

  it('still allows the change just within 7 days', async () => {
    const author = await citizen();
    const id = await messageIn(author, 'replied');
    await rate(author.session, id, { resolution: 3, attitude: 3, speed: 3 });
    await sql`UPDATE message_ratings SET rated_at = now() - interval '6 days 23 hours' WHERE message_id = ${String(id)}`.execute(t.db);
    expect((await rate(author.session, id, { resolution: 4, attitude: 4, speed: 4 })).statusCode).toBe(200);
    expect(await ratingRow(id)).toMatchObject({ grade: 'satisfied', change_count: 1 });
  });
});
