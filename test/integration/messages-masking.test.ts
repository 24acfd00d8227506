/**
 * No personal data leaves a public route unmasked: titles, texts,
 * follow-ups, replies and rating comments are masked in the public list, the
 * public detail and search; the author and the coordinator see them as
 * written; the author appears by nickname only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { lastSmsCode, loginFrom, registerCitizen, uniqueIp, uniqueMobile } from '../support/factories.js';
import { boardIdOf, loggedInCitizen, messageBody, replyTo, screen, writeMessage, type CitizenLogin } from '../support/messages.js';

/** Each raw value and what the public sees instead. */
const PERSONAL = {
  mobile: ['13812345678', '138****5678'],
  idCard: ['11010119900307123X', '110101********123X'],
  bankCard: ['6222021234567890123', '6222****0123'],
  email: ['zhangsan@example.com', 'z***@example.com'],
  plate: ['赣A12345', '赣A***45'],
} as const;
const RAW = Object.values(PERSONAL).map(([raw]) => raw);
const MASKED = Object.values(PERSONAL).map(([, masked]) => masked);
/** Any 11-digit mainland mobile number, however it got there. */
const ANY_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

let t: TestApp;
let coordinator: Session;
let author: CitizenLogin;
let id: number;
let jxBoard: string;

const TITLE = '车牌赣A12345占道，车主电话13812345678';
const BODY =
  '小区消防通道长期被车牌赣A12345的车辆占用，车主电话13812345678，多次沟通无果。' +
  '我的身份证号11010119900307123X，物业退款请打到银行卡6222021234567890123，也可发邮件到zhangsan@example.com联系我。';
const FOLLOW_UP = '补充：车主又换了号码13812345678，车还停在原处（赣A12345）。';
const INTERIM = '已联系车主（电话13812345678），请其在三日内挪车；身份证11010119900307123X的业主的退款已受理。';
const FINAL = '经查，赣A12345车辆已被拖离，退款已转入银行卡6222021234567890123，回执已发至zhangsan@example.com。';
const COMMENT = '满意，联系电话13812345678的车主已经挪车，赣A12345不会再占道了。';

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await loginFrom(t.app, uniqueIp(), 'coordinator');
  jxBoard = await boardIdOf(t.db, '江西省委书记');
  author = await loggedInCitizen(t.app, t.db, { nickname: '东湖区热心居民' });

  id = (await writeMessage(t.app, author.session, messageBody(jxBoard, { title: TITLE, body: BODY, fieldCode: 'transport', type: 'complain' }))).id;
  await screen(t.app, coordinator, id);
  const followUp = await as(t.app, author.session, { method: 'POST', url: `/api/v1/messages/${id}/follow-ups`, payload: { body: FOLLOW_UP } });
  expect(followUp.statusCode).toBe(201);
  await replyTo(t.app, coordinator, id, INTERIM, false);
  await replyTo(t.app, coordinator, id, FINAL, true);
  const rated = await as(t.app, author.session, { method: 'POST', url: `/api/v1/messages/${id}/rating`, payload: { resolution: 5, attitude: 5, speed: 5, comment: COMMENT } });
  expect(rated.statusCode).toBe(200);
});
afterAll(async () => t.close());

const get = (session: Session | null, url: string) => as(t.app, session, { method: 'GET', url });

/** The whole answer, as text: nothing raw anywhere, not even in fields a test does not name. */
function expectNothingRaw(body: string, authorMobile = author.mobile) {
  for (const raw of RAW) expect(body, raw).not.toContain(raw);
  expect(body).not.toContain(authorMobile);
  expect(body).not.toMatch(ANY_MOBILE);
}

describe('what the public sees', () => {
  it('the public detail masks title, text, follow-up, replies and rating comment, and names the author by nickname', async () => {
    const res = await get(null, `/api/v1/messages/${id}`);
    expect(res.statusCode).toBe(200);
    expectNothingRaw(res.body);
    for (const masked of MASKED) expect(res.body).toContain(masked);

    const detail = res.json();
    expect(detail.title).toBe('车牌赣A***45占道，车主电话138****5678');
    expect(detail.body).toContain('身份证号110101********123X');
    expect(detail.body).toContain('银行卡6222****0123');
    expect(detail.body).toContain('z***@example.com');
    expect(detail.author).toEqual({ nickname: '东湖区热心居民' });
    const byKind = (kind: string) => detail.timeline.filter((e: { kind: string }) => e.kind === kind).map((e: { body: string }) => e.body);
    expect(byKind('follow_up')).toEqual(['补充：车主又换了号码138****5678，车还停在原处（赣A***45）。']);
    expect(byKind('reply')).toEqual([
      '已联系车主（电话138****5678），请其在三日内挪车；身份证110101********123X的业主的退款已受理。',
      '经查，赣A***45车辆已被拖离，退款已转入银行卡6222****0123，回执已发至z***@example.com。',
    ]);
    expect(byKind('rated')).toEqual(['满意，联系电话138****5678的车主已经挪车，赣A***45不会再占道了。']);
    expect(detail.rating.comment).toBe('满意，联系电话138****5678的车主已经挪车，赣A***45不会再占道了。');
  });

  it('the public list masks title and excerpt', async () => {
    for (const query of [`board=${jxBoard}`, 'region=360102', 'status=done', 'sort=activity']) {
      const res = await get(null, `/api/v1/messages?${query}&limit=100`);
      const item = res.json().items.find((m: { id: number }) => m.id === id);
      expect(item, query).toMatchObject({ title: '车牌赣A***45占道，车主电话138****5678' });
      expect(item.excerpt).toContain('赣A***45');
      expect(item.excerpt).toContain('138****5678');
      expectNothingRaw(res.body);
    }
  });

  it('search results are masked, and a raw number finds nothing', async () => {
    for (const q of ['消防通道', '挪车', '占道']) {
      const res = await get(null, `/api/v1/messages?q=${encodeURIComponent(q)}`);
      expect(res.json().items.map((m: { id: number }) => m.id), q).toContain(id);
      expectNothingRaw(res.body);
    }
    for (const raw of RAW) {
      const res = await get(null, `/api/v1/messages?q=${encodeURIComponent(raw)}`);
      expect(res.json().items.map((m: { id: number }) => m.id), raw).not.toContain(id);
    }
  });

  it('another citizen and staff outside the board’s scope get the public, masked view', async () => {
    const other = await loggedInCitizen(t.app, t.db);
    const handler = await loginFrom(t.app, uniqueIp(), 'handler');
    for (const viewer of [other.session, handler]) {
      const res = await get(viewer, `/api/v1/messages/${id}`);
      expect(res.statusCode).toBe(200);
      expectNothingRaw(res.body);
      expect(res.json().title).toBe('车牌赣A***45占道，车主电话138****5678');
    }
  });

  it('refuses a nickname with a spaced or full-width mobile number at registration', async () => {
    for (const nickname of ['王先生 139 8765 4321', '李女士１３７１１１１２２２２']) {
      const mobile = uniqueMobile();
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { mobile, purpose: 'register' }, remoteAddress: uniqueIp() });
      const code = await lastSmsCode(t.db, mobile);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { mobile, code, password: 'Citizen-Pass-1', nickname }, remoteAddress: uniqueIp() });
      expect(res.statusCode, nickname).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'nickname' });
    }
  });

  it('still masks a mobile number in a nickname stored before the stricter check', async () => {
    const spaced = await registerCitizen(t.app, t.db, { nickname: '王先生' });
    const wide = await registerCitizen(t.app, t.db, { nickname: '李女士' });
    // Accounts from before the nickname check caught these forms.
    await t.db.updateTable('accounts').set({ nickname: '王先生 139 8765 4321' }).where('mobile', '=', spaced.mobile).execute();
    await t.db.updateTable('accounts').set({ nickname: '李女士１３７１１１１２２２２' }).where('mobile', '=', wide.mobile).execute();
    for (const [who, masked] of [[spaced, '王先生 139****4321'], [wide, '李女士１３７****２２２２']] as const) {
      const written = await writeMessage(t.app, who.session, messageBody(jxBoard));
      await screen(t.app, coordinator, written.id);
      const res = await get(null, `/api/v1/messages/${written.id}`);
      expect(res.json().author).toEqual({ nickname: masked });
      expectNothingRaw(res.body, who.mobile);
      expect(res.body).not.toContain('139 8765 4321');
      expect(res.body).not.toContain('１３７１１１１２２２２');
      // The author sees their own nickname as chosen.
      expect((await get(who.session, `/api/v1/messages/${written.id}`)).json().author.nickname).toBe(who === spaced ? '王先生 139 8765 4321' : '李女士１３７１１１１２２２２');
    }
  });
});

describe('who sees the text as written', () => {
  it('the author sees title, text, follow-up, replies and comment unmasked', async () => {
    const detail = (await get(author.session, `/api/v1/messages/${id}`)).json();
    expect(detail).toMatchObject({ title: TITLE, body: BODY });
    expect(detail.timeline.map((e: { body: string | null }) => e.body)).toEqual(expect.arrayContaining([FOLLOW_UP, INTERIM, FINAL, COMMENT]));
    expect(detail.rating.comment).toBe(COMMENT);
    const mine = (await get(author.session, '/api/v1/me/messages')).json().items.find((m: { id: number }) => m.id === id);
    expect(mine.title).toBe(TITLE);
    expect(mine.excerpt).toContain('13812345678');
  });

  it('the coordinator in scope sees everything unmasked', async () => {
    const detail = (await get(coordinator, `/api/v1/messages/${id}`)).json();
    expect(detail).toMatchObject({ title: TITLE, body: BODY, flags: expect.arrayContaining(['personal_data:mobile', 'personal_data:id_card', 'personal_data:bank_card', 'personal_data:email', 'personal_data:plate']) });
    expect(detail.timeline.map((e: { body: string | null }) => e.body)).toEqual(expect.arrayContaining([FOLLOW_UP, INTERIM, FINAL, COMMENT]));
  });

  it('the database keeps the text as written', async () => {
    const row = await t.db.selectFrom('messages').select(['title', 'body']).where('id', '=', String(id)).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: TITLE, body: BODY });
    const events = await t.db.selectFrom('message_events').select('body').where('message_id', '=', String(id)).where('body', 'is not', null).orderBy('id').execute();
    expect(events.map((e) => e.body)).toEqual([FOLLOW_UP, INTERIM, FINAL, COMMENT]);
  });
});
