/**
 * Questionnaires through the API on the real database: building and
 * publishing, answering (one per citizen account; anyone, rate-limited),
 * every bad input of the issue (nothing stored), skip logic, edits after
 * responses (additive only), results and the cross-tabulation by province
 * against a hand count, and the XLSX export read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { QuestionInput, QuestionnaireDetail, QuestionnaireInput, QuestionnaireResults, QuestionnaireSummary } from '../../src/shared/campaigns.js';
import { RESULT_TEXTS_SHOWN } from '../../src/shared/campaigns.js';
import { latestTextsQuery } from '../../src/server/modules/questionnaires/questionnaires.queries.js';
import { ANONYMOUS_RESPONSES_PER_HOUR, foldTallies } from '../../src/server/modules/questionnaires/questionnaires.service.js';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { countRows, uniqueIp, unitIdByKey } from '../support/factories.js';
import { loggedInCitizen } from '../support/messages.js';

let t: TestApp;
let coordinator: Session;
let unitAdmin: Session;
let handler: Session;
let dhMzj: number;

const HOUR = 3600_000;
const yesNo = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
];

/** 公共机构餐饮浪费 questionnaire: Q1 no → on at Q4. */
const QUESTIONS: QuestionInput[] = [
  { kind: 'single', text: '您是否在单位食堂就餐？', required: true, options: yesNo, skip: [{ whenValue: 'no', toPosition: 4 }] },
  {
    kind: 'multiple',
    text: '您在食堂见过哪些浪费现象？',
    required: true,
    options: [
      { value: 'leftover', label: '剩饭剩菜' },
      { value: 'oversize', label: '份量过大' },
      { value: 'buffet', label: '自助餐多取' },
    ],
  },
  { kind: 'scale', text: '您对食堂节约工作的满意度', required: true, scaleMin: 1, scaleMax: 5 },
  { kind: 'short', text: '您所在的城市', required: false },
  { kind: 'long', text: '您对制止餐饮浪费的建议', required: true },
];

function body(overrides: Partial<QuestionnaireInput> = {}): QuestionnaireInput {
  return {
    title: '公共机构餐饮浪费情况问卷',
    description: '国家机关事务管理局面向社会征集制止餐饮浪费的意见，请如实填写。',
    organiserUnitId: dhMzj,
    audience: 'citizens',
    opensAt: new Date(Date.now() - HOUR).toISOString(),
    closesAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
    questions: QUESTIONS,
    ...overrides,
  };
}

async function create(overrides: Partial<QuestionnaireInput> = {}, session = coordinator): Promise<QuestionnaireDetail> {
  const res = await as(t.app, session, { method: 'POST', url: '/api/v1/questionnaires', payload: body(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function published(overrides: Partial<QuestionnaireInput> = {}): Promise<QuestionnaireDetail> {
  const q = await create(overrides);
  const res = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/questionnaires/${q.id}/publish` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The ids of the questions by position (1-based), for answers. */
const ids = (q: QuestionnaireDetail) => (position: number) => String(q.questions[position - 1]!.id);

function respond(q: { id: number }, session: Session | null, payload: unknown, options: { ip?: string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  return as(t.app, session, { method: 'POST', url: `/api/v1/questionnaires/${q.id}/responses`, payload: payload as object, remoteAddress: options.ip ?? uniqueIp(), headers: options.headers });
}

function fullAnswers(q: QuestionnaireDetail, overrides: Record<string, unknown> = {}) {
  const id = ids(q);
  return { answers: { [id(1)]: 'yes', [id(2)]: ['leftover', 'buffet'], [id(3)]: 4, [id(4)]: '南昌', [id(5)]: '建议推行小份菜、半份菜。', ...overrides } };
}

async function responseCount(q: { id: number }): Promise<number> {
  const row = await t.db.selectFrom('questionnaire_responses').select(sql<number>`count(*)::int`.as('n')).where('questionnaire_id', '=', String(q.id)).executeTakeFirstOrThrow();
  return row.n;
}

async function detail(q: { id: number }, session: Session | null = coordinator): Promise<QuestionnaireDetail> {
  const res = await as(t.app, session, { method: 'GET', url: `/api/v1/questionnaires/${q.id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

function patch(q: { id: number }, payload: object, session = coordinator) {
  return as(t.app, session, { method: 'PATCH', url: `/api/v1/questionnaires/${q.id}`, payload });
}

function problem(res: LightMyRequestResponse) {
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json() as { code: string; field?: string; errors?: { field: string; code: string; message: string }[] };
}

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await login(t.app, 'coordinator');
  unitAdmin = await login(t.app, 'unitadmin');
  handler = await login(t.app, 'handler');
  dhMzj = Number(await unitIdByKey(t.db, 'dh-mzj'));
});
afterAll(async () => t.close());

describe('building and publishing', () => {
  it('creates a draft only its managers see, and publishes it for everyone', async () => {
    const q = await create();
    expect(q).toMatchObject({ status: 'draft', phase: 'open', editable: 'any', questionCount: 5, responseCount: 0, organiser: { id: dhMzj, name: '东湖区民政局' }, publishedAt: null });
    expect(q.questions.map((x) => [x.position, x.kind])).toEqual([
      [1, 'single'],
      [2, 'multiple'],
      [3, 'scale'],
      [4, 'short'],
      [5, 'long'],
    ]);
    expect(q.questions[0]!.skip).toEqual([{ whenValue: 'no', toPosition: 4 }]);
    expect(q.questions[2]).toMatchObject({ scaleMin: 1, scaleMax: 5 });
    expect(q.questions[3]!.options).toBeUndefined();
    expect(q.abilities.manage).toBe(true);

    expect((await as(t.app, null, { method: 'GET', url: `/api/v1/questionnaires/${q.id}` })).statusCode).toBe(404);
    const publicList = (await as(t.app, null, { method: 'GET', url: '/api/v1/questionnaires?limit=100' })).json() as { items: QuestionnaireSummary[] };
    expect(publicList.items.map((i) => i.id)).not.toContain(q.id);
    const managed = (await as(t.app, unitAdmin, { method: 'GET', url: '/api/v1/questionnaires?scope=manage&limit=100' })).json() as { items: QuestionnaireSummary[] };
    expect(managed.items.map((i) => i.id)).toContain(q.id);
    expect((await as(t.app, handler, { method: 'GET', url: '/api/v1/questionnaires?scope=manage' })).statusCode).toBe(403);

    const res = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/questionnaires/${q.id}/publish` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published' });
    const seen = await detail(q, null);
    expect(seen).toMatchObject({ status: 'published', abilities: { respond: false, manage: false }, respondedAt: null });
    expect(seen.questions).toHaveLength(5);
    const listed = (await as(t.app, null, { method: 'GET', url: '/api/v1/questionnaires?limit=100' })).json() as { items: QuestionnaireSummary[] };
    expect(listed.items.find((i) => i.id === q.id)).toMatchObject({ status: 'published', questionCount: 5, responseCount: 0 });
    // Publishing again changes nothing.
    expect((await as(t.app, coordinator, { method: 'POST', url: `/api/v1/questionnaires/${q.id}/publish` })).json().publishedAt).toBe(seen.publishedAt);
  });

  it('lists a campaign’s questionnaires with campaign=, pages by cursor', async () => {
    const campaignId = await campaign();
    const a = await published({ campaignId });
    const b = await published({ campaignId, title: '第二份问卷' });
    await published();
    const first = (await as(t.app, null, { method: 'GET', url: `/api/v1/questionnaires?campaign=${campaignId}&limit=1` })).json() as { items: QuestionnaireSummary[]; nextCursor: string };
    expect(first.items.map((i) => i.id)).toEqual([b.id]);
    expect(first.items[0]!.campaignId).toBe(campaignId);
    const second = (await as(t.app, null, { method: 'GET', url: `/api/v1/questionnaires?campaign=${campaignId}&limit=1&cursor=${first.nextCursor}` })).json() as { items: QuestionnaireSummary[]; nextCursor: string | null };
    expect(second.items.map((i) => i.id)).toEqual([a.id]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a closing date before the opening, naming closesAt, and stores nothing', async () => {
    const before = await countRows(t.db, 'questionnaires');
    const res = await as(t.app, coordinator, { method: 'POST', url: '/api/v1/questionnaires', payload: body({ opensAt: '2026-12-10T00:00:00+08:00', closesAt: '2026-12-01T00:00:00+08:00' }) });
    expect(res.statusCode).toBe(400);
    expect(problem(res)).toMatchObject({ code: 'validation_failed', field: 'closesAt' });
    expect(await countRows(t.db, 'questionnaires')).toBe(before);
  });

  it('refuses inconsistent questions, naming each, and stores nothing', async () => {
    const before = await countRows(t.db, 'questionnaire_questions');
    const res = await as(t.app, coordinator, {
      method: 'POST',
      url: '/api/v1/questionnaires',
      payload: body({
        questions: [
          { kind: 'short', text: '姓名', required: false, options: yesNo },
          { kind: 'single', text: '是否', required: true, options: yesNo, skip: [{ whenValue: 'maybe', toPosition: 3 }] },
          { kind: 'scale', text: '满意度', required: true },
        ],
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors!.map((e) => e.field)).toEqual(['questions.0.options', 'questions.1.skip.0.whenValue', 'questions.2.scaleMin']);
    expect(await countRows(t.db, 'questionnaire_questions')).toBe(before);
    const noQuestions = await as(t.app, coordinator, { method: 'POST', url: '/api/v1/questionnaires', payload: body({ questions: [] }) });
    expect(problem(noQuestions)).toMatchObject({ code: 'validation_failed', field: 'questions' });
  });

  it('refuses an organiser outside the actor’s scope, and a campaign that does not exist', async () => {
    const henan = Number(await unitIdByKey(t.db, 'ha-gov'));
    const jiangxiGov = Number(await unitIdByKey(t.db, 'jx-gov'));
    expect(problem(await as(t.app, coordinator, { method: 'POST', url: '/api/v1/questionnaires', payload: body({ organiserUnitId: henan }) }))).toMatchObject({ code: 'unit_not_found', field: 'organiserUnitId' });
    // The unit admin of 东湖区委 manages its own subtree only; the coordinator all of 江西.
    expect(problem(await as(t.app, unitAdmin, { method: 'POST', url: '/api/v1/questionnaires', payload: body({ organiserUnitId: jiangxiGov }) }))).toMatchObject({ code: 'unit_not_found' });
    expect((await as(t.app, coordinator, { method: 'POST', url: '/api/v1/questionnaires', payload: body({ organiserUnitId: jiangxiGov }) })).statusCode).toBe(201);
    expect(problem(await as(t.app, coordinator, { method: 'POST', url: '/api/v1/questionnaires', payload: body({ campaignId: 987654 }) }))).toMatchObject({ code: 'campaign_not_found', field: 'campaignId' });
    expect((await as(t.app, handler, { method: 'POST', url: '/api/v1/questionnaires', payload: body() })).statusCode).toBe(403);
  });

  it('refuses publishing while the linked campaign is a draft (409 campaign_not_published), and publishes once the campaign is', async () => {
    const draftCampaign = await campaign('draft');
    const q = await create({ campaignId: draftCampaign, audience: 'anyone' });
    const res = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/questionnaires/${q.id}/publish` });
    expect(res.statusCode).toBe(409);
    expect(problem(res)).toMatchObject({ code: 'campaign_not_published', field: 'campaignId' });
    expect(res.json().title).toBe('所属征集活动尚未发布：请先发布征集活动，问卷才能公开');
    expect((await detail(q)).status).toBe('draft');

    // Moving a published questionnaire into a draft campaign would reveal the campaign just the same.
    const elsewhere = await published();
    const moved = await patch(elsewhere, { campaignId: draftCampaign });
    expect(moved.statusCode).toBe(409);
    expect(problem(moved)).toMatchObject({ code: 'campaign_not_published', field: 'campaignId' });
    expect((await detail(elsewhere)).campaignId).toBeNull();

    await t.db.updateTable('campaigns').set({ status: 'published' }).where('id', '=', String(draftCampaign)).execute();
    const again = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/questionnaires/${q.id}/publish` });
    expect(again.statusCode, again.body).toBe(200);
    expect((await detail(q, null)).status).toBe('published');
  });

  it('keeps a published questionnaire of a draft campaign off every public path (list, campaign=, detail, answering)', async () => {
    // Published before publishing checked the campaign: written straight to the table.
    const draftCampaign = await campaign('draft');
    const q = await create({ campaignId: draftCampaign, audience: 'anyone' });
    await t.db.updateTable('questionnaires').set({ status: 'published', published_at: new Date() }).where('id', '=', String(q.id)).execute();

    const listed = (await as(t.app, null, { method: 'GET', url: '/api/v1/questionnaires?limit=100' })).json() as { items: QuestionnaireSummary[] };
    expect(listed.items.map((i) => i.id)).not.toContain(q.id);
    const ofCampaign = (await as(t.app, null, { method: 'GET', url: `/api/v1/questionnaires?campaign=${draftCampaign}` })).json() as { items: QuestionnaireSummary[] };
    expect(ofCampaign.items).toEqual([]);
    expect((await as(t.app, null, { method: 'GET', url: `/api/v1/questionnaires/${q.id}` })).statusCode).toBe(404);
    const citizen = await loggedInCitizen(t.app, t.db);
    expect((await as(t.app, citizen.session, { method: 'GET', url: `/api/v1/questionnaires/${q.id}` })).statusCode).toBe(404);
    expect((await respond(q, null, fullAnswers(q))).statusCode).toBe(404);
    expect((await respond(q, citizen.session, fullAnswers(q))).statusCode).toBe(404);
    expect(await responseCount(q)).toBe(0);

    // Its managers still see it, as they see a draft, and cannot answer it.
    expect((await detail(q)).abilities).toEqual({ respond: false, manage: true });
    const managed = (await as(t.app, coordinator, { method: 'GET', url: '/api/v1/questionnaires?scope=manage&limit=100' })).json() as { items: QuestionnaireSummary[] };
    expect(managed.items.map((i) => i.id)).toContain(q.id);
  });

  it('refuses publishing a questionnaire whose closing time has passed', async () => {
    const q = await create({ opensAt: new Date(Date.now() - 48 * HOUR).toISOString(), closesAt: new Date(Date.now() - HOUR).toISOString() });
    const res = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/questionnaires/${q.id}/publish` });
    expect(res.statusCode).toBe(409);
    expect(problem(res)).toMatchObject({ code: 'questionnaire_closed', field: 'closesAt' });
    expect((await detail(q)).status).toBe('draft');
  });
});

/** A campaign of 东湖区民政局, written straight to the table (the campaigns module is tested on its own). */
async function campaign(status: 'draft' | 'published' = 'published'): Promise<number> {
  const board = await t.db.selectFrom('boards').select('id').where('name', '=', '江西省委书记').executeTakeFirstOrThrow();
  const admin = await t.db.selectFrom('accounts').select('id').where('login', '=', 'admin').executeTakeFirstOrThrow();
  const row = await sql<{ id: string }>`
    INSERT INTO campaigns (title, description, organiser_unit_id, board_id, starts_at, ends_at, status, created_by)
    VALUES ('制止餐饮浪费金点子征集', '征集制止餐饮浪费的好建议', ${dhMzj}, ${board.id}, now() - interval '1 day', now() + interval '30 days', ${status}, ${admin.id})
    RETURNING id`.execute(t.db);
  return Number(row.rows[0]!.id);
}

describe('answering (logged-in citizens, one response each)', () => {
  it('stores a complete response once per account; a second is 409 already_responded and changes nothing', async () => {
    const q = await published();
    const citizen = await loggedInCitizen(t.app, t.db);
    const first = await respond(q, citizen.session, { ...fullAnswers(q), regionCode: '360102' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ questionnaireId: q.id });
    const seen = await detail(q, citizen.session);
    expect(seen.respondedAt).toBe(first.json().submittedAt);
    expect(seen.abilities.respond).toBe(false);
    expect(seen.responseCount).toBe(1);
    const row = await t.db.selectFrom('questionnaire_responses').selectAll().where('questionnaire_id', '=', String(q.id)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ account_id: citizen.id, region_code: '360102', province_code: '360000' });

    const second = await respond(q, citizen.session, fullAnswers(q, { [ids(q)(3)]: 1 }));
    expect(second.statusCode).toBe(409);
    expect(problem(second).code).toBe('already_responded');
    expect(await responseCount(q)).toBe(1);
  });

  it('refuses a response missing a required answer, naming answers.<questionId>, and stores nothing', async () => {
    const q = await published();
    const citizen = await loggedInCitizen(t.app, t.db);
    const id = ids(q);
    const { [id(5)]: _suggestion, ...answers } = fullAnswers(q).answers;
    const res = await respond(q, citizen.session, { answers });
    expect(res.statusCode).toBe(400);
    expect(problem(res)).toMatchObject({ code: 'validation_failed', field: `answers.${id(5)}`, errors: [{ field: `answers.${id(5)}`, code: 'required' }] });
    expect(await responseCount(q)).toBe(0);
    // Nothing was stored, so the account may still answer.
    expect((await respond(q, citizen.session, fullAnswers(q))).statusCode).toBe(201);
  });

  it('refuses an answer not among the options, naming answers.<questionId>', async () => {
    const q = await published();
    const citizen = await loggedInCitizen(t.app, t.db);
    const id = ids(q);
    const single = await respond(q, citizen.session, fullAnswers(q, { [id(1)]: 'sometimes' }));
    expect(single.statusCode).toBe(400);
    expect(problem(single)).toMatchObject({ field: `answers.${id(1)}`, errors: [{ code: 'not_an_option', message: '答案不在本题的选项之中' }] });
    const multiple = await respond(q, citizen.session, fullAnswers(q, { [id(2)]: ['leftover', 'takeaway'] }));
    expect(problem(multiple)).toMatchObject({ field: `answers.${id(2)}`, errors: [{ code: 'not_an_option' }] });
    const scale = await respond(q, citizen.session, fullAnswers(q, { [id(3)]: 6 }));
    expect(problem(scale)).toMatchObject({ field: `answers.${id(3)}`, errors: [{ code: 'out_of_range' }] });
    const short = await respond(q, citizen.session, fullAnswers(q, { [id(4)]: '南'.repeat(201) }));
    expect(problem(short)).toMatchObject({ field: `answers.${id(4)}`, errors: [{ code: 'maxLength' }] });
    const unknown = await respond(q, citizen.session, { answers: { ...fullAnswers(q).answers, '999999': 'yes' } });
    expect(problem(unknown)).toMatchObject({ field: 'answers.999999', errors: [{ code: 'unknown_question' }] });
    const notAnId = await respond(q, citizen.session, { answers: { ...fullAnswers(q).answers, abc: 'yes' } });
    expect(notAnId.statusCode).toBe(400);
    expect(problem(notAnId).field).toBe('answers.abc');
    const english = await as(t.app, citizen.session, { method: 'POST', url: `/api/v1/questionnaires/${q.id}/responses`, payload: fullAnswers(q, { [id(1)]: 'x' }), headers: { 'accept-language': 'en' } });
    expect(english.json().detail).toBe(`answers.${id(1)}: The answer is not one of the question’s options`);
    expect(await responseCount(q)).toBe(0);
  });

  it('wants a logged-in citizen: 401 anonymous, 403 staff', async () => {
    const q = await published();
    expect(problem(await respond(q, null, fullAnswers(q))).code).toBe('unauthenticated');
    const staff = await respond(q, coordinator, fullAnswers(q));
    expect(staff.statusCode).toBe(403);
    expect(problem(staff).code).toBe('citizens_only');
    expect(await responseCount(q)).toBe(0);
  });

  it('refuses answers before the opening and after the closing (409), and to a draft (404)', async () => {
    const citizen = await loggedInCitizen(t.app, t.db);
    const upcoming = await published({ opensAt: new Date(Date.now() + 24 * HOUR).toISOString(), closesAt: new Date(Date.now() + 48 * HOUR).toISOString() });
    expect((await detail(upcoming, citizen.session)).phase).toBe('upcoming');
    const early = await respond(upcoming, citizen.session, fullAnswers(upcoming));
    expect(early.statusCode).toBe(409);
    expect(problem(early).code).toBe('questionnaire_closed');

    const ended = await published();
    await t.db.updateTable('questionnaires').set({ opens_at: new Date(Date.now() - 48 * HOUR), closes_at: new Date(Date.now() - HOUR) }).where('id', '=', String(ended.id)).execute();
    const late = await respond(ended, citizen.session, fullAnswers(ended));
    expect(late.statusCode).toBe(409);
    expect(problem(late).code).toBe('questionnaire_closed');
    expect((await detail(ended, citizen.session)).phase).toBe('ended');

    const draft = await create();
    expect((await respond(draft, citizen.session, fullAnswers(draft))).statusCode).toBe(404);
    expect((await responseCount(upcoming)) + (await responseCount(ended)) + (await responseCount(draft))).toBe(0);
  });

  it('refuses a region that does not exist', async () => {
    const q = await published();
    const citizen = await loggedInCitizen(t.app, t.db);
    const res = await respond(q, citizen.session, { ...fullAnswers(q), regionCode: '369999' });
    expect(res.statusCode).toBe(422);
    expect(problem(res)).toMatchObject({ code: 'region_not_found', field: 'regionCode' });
    expect(await responseCount(q)).toBe(0);
  });

  it('stores a retried submission once (Idempotency-Key), and refuses the key for other answers', async () => {
    const q = await published({ audience: 'anyone' });
    const ip = uniqueIp();
    const headers = { 'idempotency-key': 'form-4f1c2a' };
    const first = await respond(q, null, fullAnswers(q), { ip, headers });
    const retry = await respond(q, null, fullAnswers(q), { ip, headers });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await responseCount(q)).toBe(1);
    const other = await respond(q, null, fullAnswers(q, { [ids(q)(3)]: 2 }), { ip, headers });
    expect(other.statusCode).toBe(422);
    expect(problem(other).code).toBe('idempotency_key_reused');
    expect(await responseCount(q)).toBe(1);
  });

  it('replays the first receipt to a concurrent retry with the same Idempotency-Key, storing one response', async () => {
    const q = await published({ audience: 'anyone' });
    const citizens = [await loggedInCitizen(t.app, t.db), await loggedInCitizen(t.app, t.db)];
    // Logged in (keyed by account) and anonymous (keyed by address): a few pairs at once, so the race is run for sure.
    const pairs = Array.from({ length: 5 }, (_, i) => ({ session: citizens[i]?.session ?? null, ip: uniqueIp(), headers: { 'idempotency-key': `form-race-${i}` } }));
    const results = await Promise.all(pairs.map((p) => Promise.all([respond(q, p.session, fullAnswers(q), p), respond(q, p.session, fullAnswers(q), p)])));
    for (const [a, b] of results) {
      expect([a.statusCode, b.statusCode], b.body).toEqual([201, 201]);
      expect(b.json()).toEqual(a.json());
      expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].filter((h) => h === 'true')).toHaveLength(1);
    }
    expect(await responseCount(q)).toBe(pairs.length);
  });

  it('refuses a concurrent submission with the same Idempotency-Key and other answers (422), storing one', async () => {
    const q = await published({ audience: 'anyone' });
    const ip = uniqueIp();
    const headers = { 'idempotency-key': 'form-race-other' };
    const [a, b] = await Promise.all([respond(q, null, fullAnswers(q), { ip, headers }), respond(q, null, fullAnswers(q, { [ids(q)(3)]: 1 }), { ip, headers })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 422]);
    expect(problem(a.statusCode === 422 ? a : b).code).toBe('idempotency_key_reused');
    expect(await responseCount(q)).toBe(1);
  });
});

describe('skip logic', () => {
  it('lets “no” on Q1 skip the required Q2 and Q3, and refuses answers to them', async () => {
    const q = await published();
    const id = ids(q);
    const skipper = await loggedInCitizen(t.app, t.db);
    const answered = await respond(q, skipper.session, { answers: { [id(1)]: 'no', [id(2)]: ['leftover'], [id(5)]: '建议推广光盘行动。' } });
    expect(answered.statusCode).toBe(400);
    expect(problem(answered)).toMatchObject({ field: `answers.${id(2)}`, errors: [{ field: `answers.${id(2)}`, code: 'skipped' }] });
    expect((await respond(q, skipper.session, { answers: { [id(1)]: 'no', [id(5)]: '建议推广光盘行动。' } })).statusCode).toBe(201);

    // "yes" walks on: Q2 and Q3 are required again.
    const walker = await loggedInCitizen(t.app, t.db);
    const missing = await respond(q, walker.session, { answers: { [id(1)]: 'yes', [id(5)]: '建议推广光盘行动。' } });
    expect(problem(missing).errors!.map((e) => `${e.field}:${e.code}`)).toEqual([`answers.${id(2)}:required`, `answers.${id(3)}:required`]);
    expect(await responseCount(q)).toBe(1);
  });
});

describe('edits', () => {
  it('allows anything before the first response', async () => {
    const q = await create();
    const reordered = [QUESTIONS[4]!, { ...QUESTIONS[3]!, kind: 'long' as const, required: true }, QUESTIONS[0]!, QUESTIONS[1]!, QUESTIONS[2]!];
    const res = await patch(q, { questions: reordered.map((x) => ({ ...x, skip: undefined })), audience: 'anyone', opensAt: new Date(Date.now() - 2 * HOUR).toISOString() });
    expect(res.statusCode, res.body).toBe(200);
    const changed = res.json() as QuestionnaireDetail;
    expect(changed.questions.map((x) => x.kind)).toEqual(['long', 'long', 'single', 'multiple', 'scale']);
    expect(changed.audience).toBe('anyone');
    // A question keeps its id where its position stays.
    expect(changed.questions.map((x) => x.id)).toEqual(q.questions.map((x) => x.id));
  });

  it('after responses, allows only additive changes, and says which other change is refused (409, nothing changed)', async () => {
    const q = await published();
    const citizen = await loggedInCitizen(t.app, t.db);
    expect((await respond(q, citizen.session, fullAnswers(q))).statusCode).toBe(201);
    const before = await detail(q);
    expect(before.editable).toBe('additive');

    const refusals: Array<[string, object, string]> = [
      ['removing a question', { questions: QUESTIONS.slice(0, 4) }, 'questions'],
      ['reordering', { questions: [QUESTIONS[1]!, QUESTIONS[0]!, ...QUESTIONS.slice(2)] }, 'questions.0.kind'],
      ['changing a kind', { questions: [...QUESTIONS.slice(0, 4), { ...QUESTIONS[4]!, kind: 'short' }] }, 'questions.4.kind'],
      ['making a question required', { questions: [...QUESTIONS.slice(0, 3), { ...QUESTIONS[3]!, required: true }, QUESTIONS[4]!] }, 'questions.3.required'],
      ['renaming an option value', { questions: [{ ...QUESTIONS[0]!, options: [yesNo[0]!, { value: 'nope', label: '否' }], skip: [{ whenValue: 'nope', toPosition: 4 }] }, ...QUESTIONS.slice(1)] }, 'questions.0.options'],
      ['changing skip rules', { questions: [{ ...QUESTIONS[0]!, skip: [{ whenValue: 'no', toPosition: 5 }] }, ...QUESTIONS.slice(1)] }, 'questions.0.skip'],
      ['appending a required question', { questions: [...QUESTIONS, { kind: 'short', text: '您的职业', required: true }] }, 'questions.5.required'],
      ['closing earlier', { closesAt: new Date(Date.now() + 24 * HOUR).toISOString() }, 'closesAt'],
      ['moving the opening', { opensAt: new Date(Date.now() - 2 * HOUR).toISOString() }, 'opensAt'],
      ['changing the audience', { audience: 'anyone' }, 'audience'],
    ];
    for (const [what, payload, field] of refusals) {
      const res = await patch(q, payload);
      expect(res.statusCode, what).toBe(409);
      expect(problem(res), what).toMatchObject({ code: 'questionnaire_has_responses', field });
    }
    expect(await detail(q)).toEqual(before);
    const message = (await patch(q, { questions: QUESTIONS.slice(0, 4) })).json();
    expect(message.title).toBe('问卷已有答卷，只能追加修改：修改标题和说明、推迟截止时间、在末尾追加选填题、为选择题追加选项');
    expect(message.detail).toBe('questions: 已有答卷，不能删除题目（原有5题）');

    const closesAt = new Date(Date.now() + 14 * 24 * HOUR).toISOString();
    const additive = await patch(q, {
      title: '公共机构食堂餐饮浪费情况问卷',
      description: '问卷匿名统计。',
      closesAt,
      questions: [
        QUESTIONS[0]!,
        { ...QUESTIONS[1]!, options: [...QUESTIONS[1]!.options!, { value: 'takeaway', label: '打包不及时' }] },
        ...QUESTIONS.slice(2),
        { kind: 'short', text: '您的职业', required: false },
      ],
    });
    expect(additive.statusCode, additive.body).toBe(200);
    const after = additive.json() as QuestionnaireDetail;
    expect(after).toMatchObject({ title: '公共机构食堂餐饮浪费情况问卷', description: '问卷匿名统计。', closesAt, questionCount: 6 });
    expect(after.questions.slice(0, 5).map((x) => x.id)).toEqual(before.questions.map((x) => x.id));
    expect(after.questions[1]!.options!.map((o) => o.value)).toEqual(['leftover', 'oversize', 'buffet', 'takeaway']);
    // The closing time may also stay as it is.
    expect((await patch(q, { closesAt })).statusCode).toBe(200);
  });

  it('after responses, keeps a skip rule to the end pointing at the end when optional questions are appended', async () => {
    // Q1 "no" → the end (one past the 5th question).
    const toEnd = [{ ...QUESTIONS[0]!, skip: [{ whenValue: 'no', toPosition: 6 }] }, ...QUESTIONS.slice(1)];
    const q = await published({ audience: 'anyone', questions: toEnd });
    const id = ids(q);
    expect((await respond(q, null, { answers: { [id(1)]: 'no' } })).statusCode).toBe(201);

    // A client that only appends sends the rule as it read it (6): it still means the end.
    const job: QuestionInput = { kind: 'short', text: '您的职业', required: false };
    const appended = await patch(q, { questions: [...toEnd, job] });
    expect(appended.statusCode, appended.body).toBe(200);
    const six = appended.json() as QuestionnaireDetail;
    expect(six.questions[0]!.skip).toEqual([{ whenValue: 'no', toPosition: 7 }]);
    // "no" still ends the questionnaire: the new question is skipped like the others.
    expect((await respond(q, null, { answers: { [id(1)]: 'no' } })).statusCode).toBe(201);
    const skipped = await respond(q, null, { answers: { [id(1)]: 'no', [ids(six)(6)]: '教师' } });
    expect(problem(skipped)).toMatchObject({ code: 'validation_failed', field: `answers.${ids(six)(6)}`, errors: [{ code: 'skipped' }] });

    // The builder sends the end as one past the new last question (8 with 7 questions); that is the same rule.
    const seven = await patch(q, { questions: [{ ...toEnd[0]!, skip: [{ whenValue: 'no', toPosition: 8 }] }, ...toEnd.slice(1), job, { ...job, text: '您的年龄段' }] });
    expect(seven.statusCode, seven.body).toBe(200);
    expect((seven.json() as QuestionnaireDetail).questions[0]!.skip).toEqual([{ whenValue: 'no', toPosition: 8 }]);

    // Pointing the rule at an appended question changes where earlier answers went: refused.
    const redirected = await patch(q, { questions: [{ ...toEnd[0]!, skip: [{ whenValue: 'no', toPosition: 7 }] }, ...toEnd.slice(1), job, { ...job, text: '您的年龄段' }] });
    expect(redirected.statusCode).toBe(409);
    expect(problem(redirected)).toMatchObject({ code: 'questionnaire_has_responses', field: 'questions.0.skip' });
  });

  it('refuses a closing date before the opening on an edit too', async () => {
    const q = await create();
    const res = await patch(q, { closesAt: new Date(Date.now() - 2 * HOUR).toISOString() });
    expect(res.statusCode).toBe(400);
    expect(problem(res)).toMatchObject({ code: 'validation_failed', field: 'closesAt' });
  });

  it('keeps other units’ questionnaires from a unit admin: a draft does not exist (404), a published one is 403', async () => {
    const q = await create({ organiserUnitId: Number(await unitIdByKey(t.db, 'jx-gov')) });
    expect((await patch(q, { title: '改' }, unitAdmin)).statusCode).toBe(404);
    expect((await as(t.app, unitAdmin, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/results` })).statusCode).toBe(404);
    await as(t.app, coordinator, { method: 'POST', url: `/api/v1/questionnaires/${q.id}/publish` });
    expect(problem(await patch(q, { title: '改' }, unitAdmin)).code).toBe('forbidden');
    expect((await as(t.app, unitAdmin, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/responses.xlsx` })).statusCode).toBe(403);
  });
});

describe('anyone may answer (rate-limited per address)', () => {
  it(`takes ${ANONYMOUS_RESPONSES_PER_HOUR} anonymous responses an hour from one address, then 429; other addresses go on`, async () => {
    const q = await published({ audience: 'anyone' });
    const ip = uniqueIp();
    for (let i = 0; i < ANONYMOUS_RESPONSES_PER_HOUR; i++) {
      const res = await respond(q, null, fullAnswers(q), { ip });
      expect(res.statusCode, res.body).toBe(201);
    }
    const limited = await respond(q, null, fullAnswers(q), { ip });
    expect(limited.statusCode).toBe(429);
    expect(problem(limited).code).toBe('rate_limited');
    expect((await respond(q, null, fullAnswers(q), { ip: uniqueIp() })).statusCode).toBe(201);
    expect(await responseCount(q)).toBe(ANONYMOUS_RESPONSES_PER_HOUR + 1);
    const anonymous = await t.db.selectFrom('questionnaire_responses').select('account_id').where('questionnaire_id', '=', String(q.id)).execute();
    expect(anonymous.every((r) => r.account_id === null)).toBe(true);
    // An invalid response stores nothing and costs nothing.
    expect((await respond(q, null, fullAnswers(q, { [ids(q)(1)]: 'x' }), { ip: uniqueIp() })).statusCode).toBe(400);
  });

  it('still takes one response per logged-in account', async () => {
    const q = await published({ audience: 'anyone' });
    const citizen = await loggedInCitizen(t.app, t.db);
    expect((await respond(q, citizen.session, fullAnswers(q))).statusCode).toBe(201);
    expect((await respond(q, citizen.session, fullAnswers(q))).statusCode).toBe(409);
    expect((await detail(q, null)).abilities.respond).toBe(true);
  });
});

describe('results', () => {
  /**
   * Seven responses, counted by hand:
   *   #  region            Q1   Q2                     Q3  Q4      Q5
   *   1  360102 (江西)     yes  leftover, buffet       4   南昌     text with a mobile number
   *   2  360102 (江西)     yes  leftover               5   –       text
   *   3  361023 (江西)     no   (skipped)              –   南丰     text
   *   4  410181 (河南)     yes  oversize, leftover     2   巩义     text
   *   5  410181 (河南)     no   (skipped)              –   –       text
   *   6  –                 yes  buffet                 4   –       text
   *   7  –                 no   (skipped)              –   –       text (newest)
   */
  let q: QuestionnaireDetail;
  const texts = ['请联系我 13812345678，我有具体方案', '推行小份菜', '开展光盘行动', '食堂按需备餐', '设立节约监督员', '公示浪费数据', '剩菜打包'];

  beforeAll(async () => {
    q = await published({ audience: 'anyone' });
    const id = ids(q);
    const rows: Array<[string | undefined, Record<string, unknown>]> = [
      ['360102', { [id(1)]: 'yes', [id(2)]: ['leftover', 'buffet'], [id(3)]: 4, [id(4)]: '南昌' }],
      ['360102', { [id(1)]: 'yes', [id(2)]: ['leftover'], [id(3)]: 5 }],
      ['361023', { [id(1)]: 'no', [id(4)]: '南丰' }],
      ['410181', { [id(1)]: 'yes', [id(2)]: ['oversize', 'leftover'], [id(3)]: 2, [id(4)]: '巩义' }],
      ['410181', { [id(1)]: 'no' }],
      [undefined, { [id(1)]: 'yes', [id(2)]: ['buffet'], [id(3)]: 4 }],
      [undefined, { [id(1)]: 'no' }],
    ];
    for (const [i, [regionCode, answers]] of rows.entries()) {
      const res = await respond(q, null, { answers: { ...answers, [id(5)]: texts[i] }, ...(regionCode ? { regionCode } : {}) });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('counts each option, the scale and the text answers as counted by hand', async () => {
    const res = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/results` });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as QuestionnaireResults;
    expect(r).toMatchObject({ questionnaireId: q.id, totalResponses: 7, crossBy: null });
    expect(r.regions).toBeUndefined();
    const [q1, q2, q3, q4, q5] = r.questions;
    expect(q1).toMatchObject({ answered: 7, options: [{ value: 'yes', label: '是', count: 4 }, { value: 'no', label: '否', count: 3 }] });
    expect(q2!.answered).toBe(4);
    expect(q2!.options!.map((o) => [o.value, o.count])).toEqual([
      ['leftover', 3],
      ['oversize', 1],
      ['buffet', 2],
    ]);
    expect(q3!.answered).toBe(4);
    expect(q3!.scale).toEqual({ min: 1, max: 5, mean: 3.75, counts: [1, 2, 3, 4, 5].map((value) => ({ value, count: { 2: 1, 4: 2, 5: 1 }[value] ?? 0 })) });
    expect(q4!.answered).toBe(3);
    expect(q4!.texts!.map((x) => x.text)).toEqual(['巩义', '南丰', '南昌']);
    expect(q5!.answered).toBe(7);
    expect(q5!.texts!.map((x) => x.text)).toEqual([...texts].reverse().map((x) => x.replace('13812345678', '138****5678')));
    expect(q5!.byRegion).toBeUndefined();
  });

  it('cross-tabulates by province (?crossBy=region) as counted by hand', async () => {
    const r = (await as(t.app, coordinator, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/results?crossBy=region` })).json() as QuestionnaireResults;
    expect(r.crossBy).toBe('region');
    expect(r.regions).toEqual([
      { region: { code: '360000', name: '江西省' }, responses: 3 },
      { region: { code: '410000', name: '河南省' }, responses: 2 },
      { region: null, responses: 2 },
    ]);
    const byRegion = (position: number) => r.questions[position - 1]!.byRegion!.map((x) => [x.region?.code ?? null, x.answered, x.counts]);
    expect(byRegion(1)).toEqual([
      ['360000', 3, [2, 1]],
      ['410000', 2, [1, 1]],
      [null, 2, [1, 1]],
    ]);
    expect(byRegion(2)).toEqual([
      ['360000', 2, [2, 0, 1]],
      ['410000', 1, [1, 1, 0]],
      [null, 1, [0, 0, 1]],
    ]);
    expect(byRegion(3)).toEqual([
      ['360000', 2, [0, 0, 0, 1, 1]],
      ['410000', 1, [0, 1, 0, 0, 0]],
      [null, 1, [0, 0, 0, 1, 0]],
    ]);
    expect(r.questions[3]!.byRegion).toBeUndefined();
  });

  it('counts the same from a folded tally plus the responses since', async () => {
    const fresh = (await as(t.app, coordinator, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/results?crossBy=region` })).json() as QuestionnaireResults;
    expect(await foldTallies(t.db, 1)).toBeGreaterThanOrEqual(1);
    const tally = await t.db.selectFrom('questionnaire_tallies').selectAll().where('questionnaire_id', '=', String(q.id)).executeTakeFirstOrThrow();
    expect(tally.responses).toBe(7);
    const folded = (await as(t.app, coordinator, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/results?crossBy=region` })).json() as QuestionnaireResults;
    expect({ ...folded, generatedAt: null }).toEqual({ ...fresh, generatedAt: null });
    expect((await detail(q)).responseCount).toBe(7);
  });

  it('is for the organiser only: 403 without the role, 401 anonymous', async () => {
    expect((await as(t.app, handler, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/results` })).statusCode).toBe(403);
    expect((await as(t.app, null, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/results` })).statusCode).toBe(401);
  });

  it('exports one row per response and one column per question, texts masked (XLSX read back with exceljs)', async () => {
    const res = await as(t.app, unitAdmin, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/responses.xlsx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('公共机构餐饮浪费情况问卷-答卷.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['答卷', '题目']);
    const sheet = book.getWorksheet('答卷')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '答卷编号', '提交时间（北京时间）', '答卷人', '地区', ...QUESTIONS.map((x, i) => `${i + 1}. ${x.text}`)]);
    expect(sheet.rowCount).toBe(8);
    const row = (n: number) => (sheet.getRow(n + 1).values as unknown[]).slice(3);
    expect(row(1)).toEqual(['匿名', '东湖区', '是', '剩饭剩菜；自助餐多取', 4, '南昌', '请联系我 138****5678，我有具体方案']);
    expect(row(3)).toEqual(['匿名', '南丰县', '否', undefined, undefined, '南丰', '开展光盘行动']);
    expect(row(6)).toEqual(['匿名', undefined, '是', '自助餐多取', 4, undefined, '公示浪费数据']);
    expect(String(sheet.getRow(2).getCell(2).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const list = book.getWorksheet('题目')!;
    expect(list.getRow(2).values).toEqual([undefined, 1, '单选题', '您是否在单位食堂就餐？', '是', '是；否']);
    expect(list.getRow(4).getCell(5).value).toBe('1–5');
  });
});

describe('text answers on the results page', () => {
  it('finds the newest answers of a rarely answered text question without reading every response', async () => {
    const q = await published({ audience: 'anyone', questions: [{ ...QUESTIONS[0]!, skip: [] }, { kind: 'short', text: '您所在的城市', required: false }] });
    const [choice, city] = [ids(q)(1), ids(q)(2)];
    // 5,000 responses that left the text question blank (written straight to the table), then two that answered it.
    await sql`
      INSERT INTO questionnaire_responses (questionnaire_id, answers)
      SELECT ${q.id}, jsonb_build_object(${choice}::text, 'yes') FROM generate_series(1, 5000)`.execute(t.db);
    for (const town of ['南昌', '九江']) expect((await respond(q, null, { answers: { [choice]: 'yes', [city]: town } })).statusCode).toBe(201);
    await sql`
      INSERT INTO questionnaire_responses (questionnaire_id, answers)
      SELECT ${q.id}, jsonb_build_object(${choice}::text, 'no') FROM generate_series(1, 5000)`.execute(t.db);
    await sql`ANALYZE questionnaire_responses`.execute(t.db);

    const r = (await as(t.app, coordinator, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/results` })).json() as QuestionnaireResults;
    expect(r.totalResponses).toBe(10_002);
    expect(r.questions[1]!.texts!.map((x) => x.text)).toEqual(['九江', '南昌']);

    // The plan touches the answered rows, not the 10,000 that left the question blank.
    const plan = await sql<{ 'QUERY PLAN': unknown }>`EXPLAIN (ANALYZE, FORMAT JSON) ${latestTextsQuery(String(q.id), [city], RESULT_TEXTS_SHOWN)}`.execute(t.db);
    expect(rowsTouched(plan.rows[0]!['QUERY PLAN'])).toBeLessThan(100);
  });
});

/** Rows every node of an EXPLAIN (ANALYZE, FORMAT JSON) plan produced or filtered away, over all its loops. */
function rowsTouched(plan: unknown): number {
  let n = 0;
  const walk = (node: Record<string, unknown>) => {
    const loops = Number(node['Actual Loops'] ?? 1);
    n += (Number(node['Actual Rows'] ?? 0) + Number(node['Rows Removed by Filter'] ?? 0) + Number(node['Rows Removed by Index Recheck'] ?? 0)) * loops;
    for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  for (const top of plan as Array<{ Plan: Record<string, unknown> }>) walk(top.Plan);
  return n;
}

describe('results while responses keep arriving', () => {
  it('counts every response exactly once while tallies fold between concurrent responses', async () => {
    const q = await published({ audience: 'anyone' });
    const id = ids(q);
    const answersOf = (i: number) => ({ answers: { [id(1)]: i % 3 === 0 ? 'no' : 'yes', ...(i % 3 === 0 ? {} : { [id(2)]: i % 2 ? ['leftover'] : ['buffet', 'oversize'], [id(3)]: 1 + (i % 5) }), [id(5)]: `建议${i}` }, regionCode: i % 2 ? '360102' : '410181' });
    let folding = true;
    const folds = (async () => {
      let n = 0;
      while (folding) n += await foldTallies(t.db, 1);
      return n;
    })();
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => respond(q, null, answersOf(i)).then((r) => r.statusCode)));
    folding = false;
    expect(await folds).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 201)).toBe(true);

    const r = (await as(t.app, coordinator, { method: 'GET', url: `/api/v1/questionnaires/${q.id}/results?crossBy=region` })).json() as QuestionnaireResults;
    expect(r.totalResponses).toBe(60);
    expect(r.questions[0]!.options!.map((o) => o.count)).toEqual([40, 20]);
    expect(r.questions[1]!.options!.map((o) => o.count)).toEqual([20, 20, 20]);
    expect(r.questions[2]!.scale!.counts.map((c) => c.count)).toEqual([8, 8, 8, 8, 8]);
    expect(r.regions!.map((x) => [x.region!.code, x.responses])).toEqual([
      ['360000', 30],
      ['410000', 30],
    ]);
    expect(r.questions[4]!.answered).toBe(60);
  });
});
