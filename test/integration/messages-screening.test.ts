/**
 * Screening (受理审核): the coordinator's queue, accepting and rejecting, who
 * may screen what, and the flags that draw the coordinator's attention.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { loginFrom, uniqueIp } from '../support/factories.js';
import { boardIdOf, loggedInCitizen, messageBody, screen, writeMessage, type CitizenLogin } from '../support/messages.js';

let t: TestApp;
const staff: Record<string, Session> = {};
let jxBoard: string;
let haBoard: string;
let dhBoard: string;

beforeAll(async () => {
  t = await buildTestApp();
  for (const login of ['admin', 'coordinator', 'handler', 'unitadmin', 'leader']) staff[login] = await loginFrom(t.app, uniqueIp(), login);
  jxBoard = await boardIdOf(t.db, '江西省委书记');
  haBoard = await boardIdOf(t.db, '河南省委书记');
  dhBoard = await boardIdOf(t.db, '东湖区委书记');
});
afterAll(async () => t.close());

const citizen = () => loggedInCitizen(t.app, t.db);
const get = (session: Session | null, url: string) => as(t.app, session, { method: 'GET', url });
const post = (session: Session | null, url: string, payload: Record<string, unknown>) => as(t.app, session, { method: 'POST', url, payload });
const messageRow = (id: number) => t.db.selectFrom('messages').selectAll().where('id', '=', String(id)).executeTakeFirstOrThrow();
const eventsOf = (id: number) => t.db.selectFrom('message_events').select(['kind', 'visibility', 'body', 'data']).where('message_id', '=', String(id)).orderBy('id').execute();

/** Every item of the coordinator's queue, page by page. */
async function wholeQueue(session: Session): Promise<{ id: number; flags: string[]; privateNote: string | null; status: string }[]> {
  const items = [];
  let cursor: string | null = null;
  do {
    const res = await get(session, `/api/v1/screening?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function write(author: CitizenLogin, board: string, overrides: Parameters<typeof messageBody>[1] = {}) {
  return (await writeMessage(t.app, author.session, messageBody(board, overrides))).id;
}

describe('the screening queue', () => {
  it('shows the 江西 coordinator the new messages of its region, oldest first, with flags and private note', async () => {
    const author = await citizen();
    const first = await write(author, jxBoard, { privateNote: '请联系我本人', body: '家里老人住院需要报销，我的电话13812345678，请工作人员联系。' });
    const second = await write(author, dhBoard);
    const henan = await write(author, haBoard, { regionCode: '411003' });

    const queue = await wholeQueue(staff.coordinator!);
    const ids = queue.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).toEqual(expect.arrayContaining([first, second]));
    expect(ids).not.toContain(henan);
    expect(queue.find((m) => m.id === first)).toMatchObject({ status: 'submitted', privateNote: '请联系我本人', flags: ['personal_data:mobile'] });
    expect(queue.find((m) => m.id === second)).toMatchObject({ privateNote: null, flags: [] });
    // The staff see the text as written.
    expect(JSON.stringify(queue.find((m) => m.id === first))).toContain('13812345678');

    // The platform admin sees every region.
    expect((await wholeQueue(staff.admin!)).map((m) => m.id)).toEqual(expect.arrayContaining([first, second, henan]));
  });

  it('refuses the queue to citizens and staff who cannot screen (403), and to anonymous visitors (401)', async () => {
    expect((await get((await citizen()).session, '/api/v1/screening')).statusCode).toBe(403);
    for (const login of ['handler', 'unitadmin', 'leader']) expect((await get(staff[login]!, '/api/v1/screening')).statusCode).toBe(403);
    expect((await get(null, '/api/v1/screening')).statusCode).toBe(401);
  });
});

describe('accepting', () => {
  it('makes the message accepted, listed and pending: on the public board, in search, out of the queue', async () => {
    const author = await citizen();
    const id = await write(author, jxBoard, { title: '请求修缮青山湖畔的木栈道', body: '青山湖边的木栈道多处腐朽断裂，晨练的市民容易摔倒，请尽快修缮木栈道。' });

    const res = await post(staff.coordinator!, `/api/v1/messages/${id}/screening`, { decision: 'accept' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'accepted', publicStatus: 'pending', abilities: { screen: false, reply: false }, handling: { abilities: { assign: true } } });

    const row = await messageRow(id);
    expect(row).toMatchObject({ status: 'accepted', listed: true, public_status: 'pending', reject_reason: null });
    expect(row.accepted_at).toBeInstanceOf(Date);
    expect((await eventsOf(id)).map((e) => [e.kind, e.visibility])).toEqual([
      ['submitted', 'public'],
      ['accepted', 'public'],
    ]);

    expect((await get(null, `/api/v1/messages/${id}`)).json()).toMatchObject({ id, status: 'accepted', publicStatus: 'pending' });
    const board = (await get(null, `/api/v1/messages?board=${jxBoard}&status=pending&limit=100`)).json();
    expect(board.items.map((m: { id: number }) => m.id)).toContain(id);
    const found = (await get(null, `/api/v1/messages?q=${encodeURIComponent('木栈道')}`)).json();
    expect(found.items.map((m: { id: number }) => m.id)).toEqual([id]);
    expect((await wholeQueue(staff.coordinator!)).map((m) => m.id)).not.toContain(id);
    expect((await get(author.session, '/api/v1/me/messages')).json().items[0]).toMatchObject({ id, status: 'accepted' });
  });

  it('lists an accepted private message nowhere in public, yet shows it to its author', async () => {
    const author = await citizen();
    const id = await write(author, jxBoard, { isPublic: false, title: '私下反映单位拖欠社保', body: '单位连续半年未缴纳社保，我不希望公开此事，请有关部门核查处理。' });
    await screen(t.app, staff.coordinator!, id);

    expect(await messageRow(id)).toMatchObject({ status: 'accepted', listed: false, public_status: null });
    expect((await get(null, `/api/v1/messages/${id}`)).statusCode).toBe(404);
    expect((await get(null, `/api/v1/messages?board=${jxBoard}&limit=100`)).json().items.map((m: { id: number }) => m.id)).not.toContain(id);
    expect((await get(author.session, `/api/v1/messages/${id}`)).json()).toMatchObject({ status: 'accepted', publicStatus: null, isPublic: false });
  });
});

describe('rejecting', () => {
  it('needs a reason: 400 without one, and the message stays submitted', async () => {
    const author = await citizen();
    const id = await write(author, jxBoard);
    const res = await post(staff.coordinator!, `/api/v1/messages/${id}/screening`, { decision: 'reject' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed' });
    expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'reason', code: 'required' }));
    const unknownReason = await post(staff.coordinator!, `/api/v1/messages/${id}/screening`, { decision: 'reject', reason: 'boring' });
    expect(unknownReason.statusCode).toBe(400);
    expect(await messageRow(id)).toMatchObject({ status: 'submitted', reject_reason: null });
    expect(await eventsOf(id)).toHaveLength(1);
  });

  it('shows the author status rejected with the reason and note, and the public a 404', async () => {
    const author = await citizen();
    const other = await citizen();
    const id = await write(author, jxBoard);
    const res = await post(staff.coordinator!, `/api/v1/messages/${id}/screening`, { decision: 'reject', reason: 'litigation', note: '该事项已进入诉讼程序，请依法通过司法途径解决。' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', publicStatus: null, rejectReason: 'litigation' });
    expect(await messageRow(id)).toMatchObject({ status: 'rejected', listed: false, public_status: null, reject_reason: 'litigation' });

    const own = (await get(author.session, `/api/v1/messages/${id}`)).json();
    expect(own).toMatchObject({ status: 'rejected', rejectReason: 'litigation', abilities: { withdraw: false, followUp: false, rate: false } });
    expect(own.timeline.at(-1)).toMatchObject({ kind: 'rejected', body: '该事项已进入诉讼程序，请依法通过司法途径解决。', data: { reason: 'litigation' } });
    expect((await get(author.session, '/api/v1/me/messages')).json().items[0]).toMatchObject({ id, status: 'rejected' });

    expect((await get(null, `/api/v1/messages/${id}`)).statusCode).toBe(404);
    expect((await get(other.session, `/api/v1/messages/${id}`)).statusCode).toBe(404);
    expect((await get(null, `/api/v1/messages?board=${jxBoard}&limit=100`)).json().items.map((m: { id: number }) => m.id)).not.toContain(id);
    expect((await wholeQueue(staff.coordinator!)).map((m) => m.id)).not.toContain(id);
  });

  it('notifies the author once, with the reason and the note, in the inbox and by SMS', async () => {
    const author = await citizen();
    const id = await write(author, jxBoard, { title: '小区门口道路破损请求修缮' });
    const res = await post(staff.coordinator!, `/api/v1/messages/${id}/screening`, { decision: 'reject', reason: 'duplicate', note: '与您此前的留言内容相同，将在原留言中办理。' });
    expect(res.statusCode, res.body).toBe(200);
    // A second decision is refused (409) and tells nobody anything more.
    expect((await post(staff.coordinator!, `/api/v1/messages/${id}/screening`, { decision: 'reject', reason: 'other' })).statusCode).toBe(409);

    const inbox = await get(author.session, '/api/v1/notifications');
    expect(inbox.statusCode).toBe(200);
    const mine = inbox.json().items.filter((n: { messageId: number | null }) => n.messageId === id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'rejected',
        title: { 'zh-CN': '您的留言「小区门口道路破损请求修缮」未予受理', 'zh-TW': '您的留言「小区门口道路破损请求修缮」未予受理', en: 'Your message "小区门口道路破损请求修缮" was not accepted' },
        body: {
          'zh-CN': '原因：重复留言。说明：与您此前的留言内容相同，将在原留言中办理。',
          'zh-TW': '原因：重複留言。說明：与您此前的留言内容相同，将在原留言中办理。',
          en: 'Reason: Duplicate message. Note: 与您此前的留言内容相同，将在原留言中办理。',
        },
        link: `/messages/${id}`,
        readAt: null,
      }),
    ]);
    expect((await get(author.session, '/api/v1/notifications/unread-count')).json().count).toBe(1);
    // The link leads the author to the message with the reason on it.
    expect((await get(author.session, `/api/v1/messages/${id}`)).json()).toMatchObject({ status: 'rejected', rejectReason: 'duplicate' });
    const sms = await t.db.selectFrom('outbox').select(['channel', 'recipient', 'body']).where('notification_id', '=', String(mine[0].id)).execute();
    expect(sms).toEqual([{ channel: 'sms', recipient: author.mobile, body: '【民声】您的留言「小区门口道路破损请求修缮」未予受理：原因：重复留言。说明：与您此前的留言内容相同，将在原留言中办理。' }]);
  });

  it('tells the author the reason alone when the screener adds no note', async () => {
    const author = await citizen();
    const id = await write(author, jxBoard);
    expect((await post(staff.coordinator!, `/api/v1/messages/${id}/screening`, { decision: 'reject', reason: 'out_of_scope' })).statusCode).toBe(200);
    const [notice] = (await get(author.session, '/api/v1/notifications')).json().items;
    expect(notice).toMatchObject({ kind: 'rejected', messageId: id, body: { 'zh-CN': '原因：不属于受理范围', 'zh-TW': '原因：不屬於受理範圍', en: 'Reason: Outside the scope of this service' } });
  });

  it('notifies nobody when a message is accepted', async () => {
    const author = await citizen();
    const id = await write(author, jxBoard);
    await screen(t.app, staff.coordinator!, id);
    expect((await get(author.session, '/api/v1/notifications')).json().items).toEqual([]);
  });
});

describe('who may screen', () => {
  it('refuses a handler, a unit admin and a leader with 403, even on a board they see', async () => {
    const author = await citizen();
    const id = await write(author, dhBoard);
    for (const login of ['handler', 'unitadmin', 'leader']) {
      for (const decision of [{ decision: 'accept' }, { decision: 'reject', reason: 'other' }]) {
        const res = await post(staff[login]!, `/api/v1/messages/${id}/screening`, decision);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('forbidden');
      }
    }
    expect((await get(staff.unitadmin!, `/api/v1/messages/${id}`)).json().abilities.screen).toBe(false);
    expect(await messageRow(id)).toMatchObject({ status: 'submitted' });
  });

  it('refuses the author and anonymous visitors', async () => {
    const author = await citizen();
    const id = await write(author, jxBoard);
    expect((await post(author.session, `/api/v1/messages/${id}/screening`, { decision: 'accept' })).statusCode).toBe(403);
    expect((await post(null, `/api/v1/messages/${id}/screening`, { decision: 'accept' })).statusCode).toBe(401);
    expect(await messageRow(id)).toMatchObject({ status: 'submitted' });
  });

  it('answers 404 when the 江西 coordinator screens a message of a 河南 board', async () => {
    const author = await citizen();
    const id = await write(author, haBoard, { regionCode: '411003' });
    const res = await post(staff.coordinator!, `/api/v1/messages/${id}/screening`, { decision: 'accept' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect((await get(staff.coordinator!, `/api/v1/messages/${id}`)).statusCode).toBe(404);
    expect(await messageRow(id)).toMatchObject({ status: 'submitted', listed: false });

    // The platform admin may.
    expect((await post(staff.admin!, `/api/v1/messages/${id}/screening`, { decision: 'accept' })).statusCode).toBe(200);
  });

  it('answers 404 for a message that does not exist', async () => {
    expect((await post(staff.coordinator!, '/api/v1/messages/987654321/screening', { decision: 'accept' })).statusCode).toBe(404);
  });

  it('answers 409 message_state when a message is screened a second time', async () => {
    const author = await citizen();
    const accepted = await write(author, jxBoard);
    const rejected = await write(author, jxBoard);
    await screen(t.app, staff.coordinator!, accepted);
    await screen(t.app, staff.coordinator!, rejected, { decision: 'reject', reason: 'duplicate' });

    for (const [id, decision] of [
      [accepted, { decision: 'accept' }],
      [accepted, { decision: 'reject', reason: 'other' }],
      [rejected, { decision: 'accept' }],
      [rejected, { decision: 'reject', reason: 'other' }],
    ] as const) {
      const res = await post(staff.coordinator!, `/api/v1/messages/${id}/screening`, decision);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'message_state', title: '留言当前状态不允许此操作' });
    }
    expect(await messageRow(accepted)).toMatchObject({ status: 'accepted', reject_reason: null });
    expect(await messageRow(rejected)).toMatchObject({ status: 'rejected', reject_reason: 'duplicate' });
    expect((await eventsOf(accepted)).map((e) => e.kind)).toEqual(['submitted', 'accepted']);
  });

  it('answers 409 message_state for a withdrawn message', async () => {
    const author = await citizen();
    const id = await write(author, jxBoard);
    expect((await post(author.session, `/api/v1/messages/${id}/withdrawal`, {})).statusCode).toBe(200);
    expect((await post(staff.coordinator!, `/api/v1/messages/${id}/screening`, { decision: 'accept' })).statusCode).toBe(409);
    expect(await messageRow(id)).toMatchObject({ status: 'withdrawn', listed: false });
  });
});

describe('flags', () => {
  async function flagsOf(id: number) {
    return (await messageRow(id)).flags;
  }

  it('flags a mobile number as personal_data:mobile and an ID number as personal_data:id_card', async () => {
    const author = await citizen();
    const mobile = await write(author, jxBoard, { body: '物业一直不处理漏水问题，业主群里都在转，联系人电话 138-1234-5678。' });
    const idCard = await write(author, jxBoard, { title: '身份证11010119900307123X补办', body: '补办身份证需要回户籍地吗？在南昌工作多年，往返很不方便。' });
    const both = await write(author, jxBoard, { body: '我叫李某，身份证号110101199003071234，手机15912345678，社保卡一直没有寄到。' });

    expect(await flagsOf(mobile)).toEqual(['personal_data:mobile']);
    expect(await flagsOf(idCard)).toEqual(['personal_data:id_card']);
    expect(await flagsOf(both)).toEqual(['personal_data:mobile', 'personal_data:id_card']);
    expect((await get(staff.coordinator!, `/api/v1/messages/${both}`)).json().flags).toEqual(['personal_data:mobile', 'personal_data:id_card']);
    const flagged = (await eventsOf(both)).find((e) => e.kind === 'flagged');
    expect(flagged).toMatchObject({ visibility: 'internal', data: { flags: ['personal_data:mobile', 'personal_data:id_card'] } });
    expect((await eventsOf(both)).map((e) => e.kind)).toEqual(['submitted', 'flagged']);

    // Flags are for staff: neither the author nor, once accepted, the public sees them.
    await screen(t.app, staff.coordinator!, both);
    for (const viewer of [author.session, null]) {
      const detail = (await get(viewer, `/api/v1/messages/${both}`)).json();
      expect(detail).not.toHaveProperty('flags');
      expect(detail.timeline.map((e: { kind: string }) => e.kind)).not.toContain('flagged');
    }
  });

  it('flags a word of the sensitive_words table as sensitive_word, also written in Traditional characters or spaced out', async () => {
    const author = await citizen();
    await t.db.insertInto('sensitive_words').values({ word: '高额回扣' }).execute();
    const added = await write(author, jxBoard, { body: '某采购项目中有人索要高额回扣，请纪检部门调查处理此事。' });
    const seeded = await write(author, jxBoard, { title: '举报一个網絡賭博群', body: '小区里有人拉群组织网上下注，金额很大，希望公安部门查处。' });
    const spaced = await write(author, jxBoard, { body: '最近收到很多短信推广 赌-博 网 站，屏蔽不了，请有关部门治理。' });

    expect(await flagsOf(added)).toEqual(['sensitive_word']);
    expect(await flagsOf(seeded)).toEqual(['sensitive_word']);
    expect(await flagsOf(spaced)).toEqual(['sensitive_word']);
    expect((await wholeQueue(staff.coordinator!)).find((m) => m.id === added)?.flags).toEqual(['sensitive_word']);
  });

  it('gives an ordinary message no flags and no flagged event', async () => {
    const author = await citizen();
    const id = await write(author, jxBoard);
    expect(await flagsOf(id)).toEqual([]);
    expect((await eventsOf(id)).map((e) => e.kind)).toEqual(['submitted']);
  });
});
