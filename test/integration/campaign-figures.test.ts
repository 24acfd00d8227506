/**
 * The platform's campaign figures (GET /stats/campaigns) and a campaign's
 * questionnaire responses by day (GET /campaigns/{id}/stats), through the API
 * on the real database: campaigns in two provinces, entries over three Beijing
 * days (one on each edge of a day), adoptions, a support, questionnaire
 * responses; exact totals, days, provinces and campaigns, the region filter,
 * window edges, a draft and an ended campaign left out, and bad input.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDetail, CampaignFigures, CampaignStats, QuestionnaireDetail } from '../../src/shared/campaigns.js';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { makeStaff, uniqueIp, unitIdByKey } from '../support/factories.js';
import { boardIdOf, loggedInCitizen, screen, type CitizenLogin } from '../support/messages.js';

let t: TestApp;
let coordinator: Session;
let henanCoordinator: Session;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
/** The Beijing day `offset` days from today. */
const beijingDay = (offset: number) => new Date(Date.now() + 8 * HOUR + offset * DAY).toISOString().slice(0, 10);
const today = beijingDay(0);
const d1 = beijingDay(-1);
const d2 = beijingDay(-2);

async function createCampaign(session: Session, body: Record<string, unknown>): Promise<CampaignDetail> {
  const res = await as(t.app, session, {
    method: 'POST',
    url: '/api/v1/campaigns',
    payload: { description: '面向社会公开征集意见建议。', topics: [], regionCodes: [], startsAt: at(-10 * DAY), endsAt: at(7 * DAY), hasPrizes: false, entriesPublic: true, ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function publish(session: Session, id: number): Promise<void> {
  const res = await as(t.app, session, { method: 'POST', url: `/api/v1/campaigns/${id}/publish` });
  if (res.statusCode !== 200) throw new Error(`publish failed: ${res.statusCode} ${res.body}`);
}

let n = 0;
async function enter(citizen: CitizenLogin, campaignId: number, regionCode: string): Promise<number> {
  n += 1;
  const res = await as(t.app, citizen.session, {
    method: 'POST',
    url: `/api/v1/campaigns/${campaignId}/entries`,
    payload: { kind: 'suggestion', title: `节约粮食建议${n}`, body: `建议机关食堂推行小份菜、半份菜，减少浪费。第${n}条`, regionCode },
  });
  if (res.statusCode !== 201) throw new Error(`entry failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Screening accepts the entry if it waits (only accepted entries can be adopted), then the organiser adopts it. */
async function adopt(session: Session, campaignId: number, entryId: number): Promise<void> {
  const { status } = await t.db.selectFrom('messages').select('status').where('id', '=', String(entryId)).executeTakeFirstOrThrow();
  if (status === 'submitted') await screen(t.app, session, entryId);
  const res = await as(t.app, session, { method: 'POST', url: `/api/v1/campaigns/${campaignId}/entries/${entryId}/adoption`, payload: { note: '已吸收进实施方案。' } });
  if (res.statusCode !== 200) throw new Error(`adoption failed: ${res.statusCode} ${res.body}`);
}

/** As if the entry had been submitted at `instant` (the only time the figures read). */
async function backdateEntry(entryId: number, instant: string): Promise<void> {
  await sql`UPDATE campaign_entries SET created_at = ${instant}::timestamptz WHERE message_id = ${entryId}`.execute(t.db);
}

async function questionnaire(organiserUnitId: number, campaignId: number | null): Promise<QuestionnaireDetail> {
  const created = await as(t.app, coordinator, {
    method: 'POST',
    url: '/api/v1/questionnaires',
    payload: {
      title: '餐饮节约问卷',
      description: '请如实填写。',
      campaignId,
      organiserUnitId,
      audience: 'citizens',
      opensAt: at(-10 * DAY),
      closesAt: at(7 * DAY),
      questions: [{ kind: 'single', text: '您是否在单位食堂就餐？', required: true, options: [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }] }],
    },
  });
  if (created.statusCode !== 201) throw new Error(`questionnaire failed: ${created.statusCode} ${created.body}`);
  const res = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/questionnaires/${created.json().id}/publish` });
  if (res.statusCode !== 200) throw new Error(`questionnaire publish failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function answer(q: QuestionnaireDetail, citizen: CitizenLogin, regionCode: string): Promise<void> {
  const res = await as(t.app, citizen.session, {
    method: 'POST',
    url: `/api/v1/questionnaires/${q.id}/responses`,
    payload: { answers: { [String(q.questions[0]!.id)]: 'yes' }, regionCode },
    remoteAddress: uniqueIp(),
  });
  if (res.statusCode !== 201) throw new Error(`response failed: ${res.statusCode} ${res.body}`);
}

function figures(query: string) {
  return as(t.app, null, { method: 'GET', url: `/api/v1/stats/campaigns${query}` });
}

async function figuresOk(query: string): Promise<CampaignFigures> {
  const res = await figures(query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

let jx: CampaignDetail;
let ha: CampaignDetail;
let draft: CampaignDetail;
let ended: CampaignDetail;

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await login(t.app, 'coordinator');
  const henan = await makeStaff(t.db, { unitId: await unitIdByKey(t.db, 'ha-cac'), roles: ['coordinator'] });
  henanCoordinator = await login(t.app, henan.login!);
  const jxOrganiser = Number(await unitIdByKey(t.db, 'jx-gov-office'));
  const jxBoard = Number(await boardIdOf(t.db, '江西省委书记'));
  const haBoard = Number(await boardIdOf(t.db, '河南省委书记'));
  const alice = await loggedInCitizen(t.app, t.db);
  const bob = await loggedInCitizen(t.app, t.db);
  const carol = await loggedInCitizen(t.app, t.db);
  const dave = await loggedInCitizen(t.app, t.db);
  const erin = await loggedInCitizen(t.app, t.db);

  jx = await createCampaign(coordinator, { title: '公共机构反食品浪费金点子征集', organiserUnitId: jxOrganiser, boardId: jxBoard });
  await publish(coordinator, jx.id);
  ha = await createCampaign(henanCoordinator, { title: '河南省营商环境意见征集', organiserUnitId: Number(await unitIdByKey(t.db, 'ha-gov-office')), boardId: haBoard });
  await publish(henanCoordinator, ha.id);
  draft = await createCampaign(coordinator, { title: '尚未发布的征集', organiserUnitId: jxOrganiser, boardId: jxBoard });
  ended = await createCampaign(coordinator, { title: '上月已结束的征集', organiserUnitId: jxOrganiser, boardId: jxBoard, startsAt: at(-40 * DAY), endsAt: at(-30 * DAY) });
  await publish(coordinator, ended.id);

  // 江西: two today in 南昌 (one adopted, supported), one on the last instant of d2 (adopted, 景德镇), one on the first of d1 (南昌).
  const a1 = await enter(alice, jx.id, '360102');
  await enter(alice, jx.id, '360103');
  const b1 = await enter(bob, jx.id, '360202');
  const c1 = await enter(carol, jx.id, '360102');
  await backdateEntry(b1, `${d2}T23:59:59.999+08:00`);
  await backdateEntry(c1, `${d1}T00:00:00+08:00`);
  await adopt(coordinator, jx.id, a1);
  await adopt(coordinator, jx.id, b1);
  const support = await as(t.app, bob.session, { method: 'POST', url: `/api/v1/campaigns/${jx.id}/entries/${a1}/support` });
  expect(support.statusCode, support.body).toBe(200);
  // 河南: two today, one adopted.
  const d = await enter(dave, ha.id, '410102');
  await enter(erin, ha.id, '410103');
  await adopt(henanCoordinator, ha.id, d);

  // The 江西 campaign's questionnaire: alice (南昌) today, bob (郑州) yesterday; one on its own: carol (南昌) today.
  const jxQ = await questionnaire(jxOrganiser, jx.id);
  await answer(jxQ, alice, '360102');
  await answer(jxQ, bob, '410102');
  await sql`UPDATE questionnaire_responses SET submitted_at = ${`${d1}T12:00:00+08:00`}::timestamptz WHERE questionnaire_id = ${jxQ.id} AND region_code = '410102'`.execute(t.db);
  await answer(await questionnaire(jxOrganiser, null), carol, '360103');
});
afterAll(async () => t.close());

describe('GET /stats/campaigns', () => {
  it('counts published campaigns running in the window, their entries, adoptions, supports and responses', async () => {
    const f = await figuresOk(`?from=${d2}&to=${today}`);
    expect(f).toMatchObject({ region: { code: '000000', level: 'national' }, from: d2, to: today });
    expect(f.totals).toEqual({ campaigns: 2, entries: 6, adopted: 3, adoptionRate: 0.5, supports: 1, responses: 3 });
  });

  it('gives entries and adoptions by Beijing day, oldest first', async () => {
    const f = await figuresOk(`?from=${d2}&to=${today}`);
    expect(f.byDay).toEqual([
      { day: d2, entries: 1, adopted: 1 },
      { day: d1, entries: 1, adopted: 0 },
      { day: today, entries: 4, adopted: 2 },
    ]);
  });

  it('gives entries by province, most first', async () => {
    const f = await figuresOk(`?from=${d2}&to=${today}`);
    expect(f.byProvince).toEqual([
      { code: '360000', name: '江西省', entries: 4, adopted: 2 },
      { code: '410000', name: '河南省', entries: 2, adopted: 1 },
    ]);
  });

  it('lists each running campaign with its figures, most entries first; no draft, nothing ended before the window', async () => {
    const f = await figuresOk(`?from=${d2}&to=${today}`);
    expect(f.campaigns).toEqual([
      {
        id: jx.id,
        title: '公共机构反食品浪费金点子征集',
        organiser: { id: jx.organiser.id, name: '江西省人民政府办公厅' },
        status: 'published',
        phase: 'open',
        startsAt: jx.startsAt,
        endsAt: jx.endsAt,
        entries: 4,
        adopted: 2,
        adoptionRate: 0.5,
        supports: 1,
        responses: 2,
      },
      expect.objectContaining({ id: ha.id, entries: 2, adopted: 1, adoptionRate: 0.5, supports: 0, responses: 0 }),
    ]);
    expect(f.campaigns.map((c) => c.id)).not.toContain(draft.id);
    expect(f.campaigns.map((c) => c.id)).not.toContain(ended.id);
  });

  it('counts an ended campaign in a window it ran in, but never a draft', async () => {
    const f = await figuresOk(`?from=${beijingDay(-45)}&to=${beijingDay(-31)}`);
    expect(f.totals).toEqual({ campaigns: 1, entries: 0, adopted: 0, adoptionRate: null, supports: 0, responses: 0 });
    expect(f.campaigns).toEqual([expect.objectContaining({ id: ended.id, phase: 'ended', entries: 0, adoptionRate: null })]);
    expect(f.byDay).toEqual([]);
  });

  it('keeps each Beijing day whole: the last instant of a day and the first of the next fall on their own days', async () => {
    expect((await figuresOk(`?from=${d2}&to=${d2}`)).totals).toMatchObject({ entries: 1, adopted: 1 });
    expect((await figuresOk(`?from=${d1}&to=${d1}`)).totals).toMatchObject({ entries: 1, adopted: 0, responses: 1 });
    const todayOnly = await figuresOk(`?from=${today}&to=${today}`);
    expect(todayOnly.totals).toEqual({ campaigns: 2, entries: 4, adopted: 2, adoptionRate: 0.5, supports: 1, responses: 2 });
    expect(todayOnly.byDay).toEqual([{ day: today, entries: 4, adopted: 2 }]);
  });

  it('counts only entries and responses from the region subtree, and the campaigns concerning it', async () => {
    const province = await figuresOk(`?from=${d2}&to=${today}&region=360000`);
    expect(province.region).toEqual({ code: '360000', name: '江西省', level: 'province' });
    expect(province.totals).toEqual({ campaigns: 1, entries: 4, adopted: 2, adoptionRate: 0.5, supports: 1, responses: 2 });
    expect(province.campaigns).toEqual([expect.objectContaining({ id: jx.id, entries: 4, responses: 1 })]);
    expect(province.byProvince).toEqual([{ code: '360000', name: '江西省', entries: 4, adopted: 2 }]);

    const city = await figuresOk(`?from=${d2}&to=${today}&region=360100`);
    expect(city.totals).toEqual({ campaigns: 1, entries: 3, adopted: 1, adoptionRate: 1 / 3, supports: 1, responses: 2 });
    expect(city.byDay).toEqual([
      { day: d1, entries: 1, adopted: 0 },
      { day: today, entries: 2, adopted: 1 },
    ]);

    const henan = await figuresOk(`?from=${d2}&to=${today}&region=410000`);
    expect(henan.totals).toEqual({ campaigns: 1, entries: 2, adopted: 1, adoptionRate: 0.5, supports: 0, responses: 1 });
    expect(henan.campaigns).toEqual([expect.objectContaining({ id: ha.id, entries: 2, responses: 0 })]);
  });

  it('defaults to this Beijing year so far', async () => {
    const f = await figuresOk('');
    expect(f.from).toBe(`${today.slice(0, 4)}-01-01`);
    expect(f.to).toBe(today);
  });

  it('refuses from after to with 400 naming from', async () => {
    const res = await figures(`?from=${today}&to=${d1}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'from' });
  });

  it('refuses a date that does not exist with 400 naming it', async () => {
    const res = await figures('?from=2026-02-30&to=2026-03-01');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'from' });
  });

  it('refuses a malformed region with 400 and an unknown one with 422 naming region', async () => {
    expect((await figures('?region=36')).statusCode).toBe(400);
    const res = await figures('?region=990000');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'region_not_found', field: 'region' });
  });
});

describe('GET /campaigns/{id}/stats', () => {
  it('adds the responses to the campaign’s questionnaires, by Beijing day', async () => {
    const stats: CampaignStats = (await as(t.app, null, { method: 'GET', url: `/api/v1/campaigns/${jx.id}/stats` })).json();
    expect(stats).toMatchObject({ entries: 4, adopted: 2, responses: 2 });
    expect(stats.responsesByDay).toEqual([
      { day: d1, responses: 1 },
      { day: today, responses: 1 },
    ]);
  });

  it('answers no responses for a campaign without questionnaires', async () => {
    const stats: CampaignStats = (await as(t.app, null, { method: 'GET', url: `/api/v1/campaigns/${ha.id}/stats` })).json();
    expect(stats).toMatchObject({ entries: 2, responses: 0, responsesByDay: [] });
  });
});
