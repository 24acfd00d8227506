/**
 * The demo campaigns and questionnaires (src/server/seed/demo-campaigns.ts) on
 * a fresh database with the demo data, seen through the public API: one
 * campaign per phase, public entries masked, adopted suggestions, the
 * questionnaires with their responses; and a second run adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/server/db/schema.js';
import { DEMO_CAMPAIGN_TITLES, DEMO_QUESTIONNAIRE_TITLES, seedDemoCampaigns } from '../../src/server/seed/demo-campaigns.js';
import type { AdoptedSuggestion, CampaignDetail, CampaignEntry, CampaignSummary, QuestionnaireDetail, QuestionnaireResults, QuestionnaireSummary } from '../../src/shared/campaigns.js';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { countRows, loginFrom, uniqueIp } from '../support/factories.js';

let t: TestApp;
let admin: Session;
let coordinator: Session;
let zheng: Session;
const firstLog: string[] = [];
let firstRunMs = 0;

async function get<T>(session: Session | null, url: string): Promise<T> {
  const res = await as(t.app, session, { method: 'GET', url: `/api/v1${url}` });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as T;
}

async function campaignIn(phase: 'open' | 'ended' | 'upcoming', title: string): Promise<CampaignSummary> {
  const list = await get<{ items: CampaignSummary[] }>(null, `/campaigns?phase=${phase}`);
  const found = list.items.find((c) => c.title === title);
  expect(found, `${title} among the ${phase} campaigns`).toBeDefined();
  return found!;
}

async function questionnaireTitled(title: string): Promise<QuestionnaireSummary> {
  const list = await get<{ items: QuestionnaireSummary[] }>(null, '/questionnaires?limit=50');
  const found = list.items.find((q) => q.title === title);
  expect(found, title).toBeDefined();
  return found!;
}

beforeAll(async () => {
  t = await buildTestApp();
  const started = Date.now();
  await seedDemoCampaigns(t.db, { demo: true, adminLogin: 'admin' }, (m) => firstLog.push(m));
  firstRunMs = Date.now() - started;
  admin = await login(t.app, 'admin');
  coordinator = await login(t.app, 'coordinator');
  zheng = await loginFrom(t.app, uniqueIp(), '13907910001');
});
afterAll(async () => t.close());

describe('the demo campaigns', () => {
  it('loads once, logging what it made', () => {
    expect(firstLog).toHaveLength(1);
    expect(firstLog[0]).toMatch(/^demo campaigns: 3 campaigns and 2 questionnaires/);
    console.log(`demo campaigns seeded in ${firstRunMs} ms`);
  });

  it('has one campaign in each phase: open (the ministry, with prizes), ended with results, upcoming', async () => {
    const open = await campaignIn('open', DEMO_CAMPAIGN_TITLES.open);
    expect(open).toMatchObject({ status: 'published', organiser: { name: '国家机关事务管理局' }, hasPrizes: true, entriesPublic: true, topics: ['食堂管理', '宣传教育', '技术手段'], entryCount: 5 });
    expect(new Date(open.startsAt).getTime()).toBeLessThan(Date.now() - 6 * 86_400_000);
    expect(new Date(open.endsAt).getTime()).toBeGreaterThan(Date.now() + 20 * 86_400_000);

    const ended = await campaignIn('ended', DEMO_CAMPAIGN_TITLES.ended);
    expect(ended).toMatchObject({ status: 'results_published', organiser: { name: '江西省人民政府办公厅' }, entryCount: 4, adoptedCount: 2 });
    const endedDetail = await get<CampaignDetail>(null, `/campaigns/${ended.id}`);
    expect(endedDetail.resultSummary).toContain('采纳2条');
    expect(endedDetail.resultsPublishedAt).not.toBeNull();

    const upcoming = await campaignIn('upcoming', DEMO_CAMPAIGN_TITLES.upcoming);
    expect(upcoming).toMatchObject({ status: 'published', organiser: { name: '南昌市民政局' }, entryCount: 0 });
    expect(new Date(upcoming.startsAt).getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);

    // A demo citizen may take part in the open one; the coordinator manages the 江西 ones, not the ministry's.
    expect((await get<CampaignDetail>(zheng, `/campaigns/${open.id}`)).abilities).toEqual({ enter: true, manage: false });
    expect((await get<CampaignDetail>(admin, `/campaigns/${open.id}`)).abilities.manage).toBe(true);
    expect((await get<CampaignDetail>(coordinator, `/campaigns/${open.id}`)).abilities.manage).toBe(false);
    const managed = await get<{ items: CampaignSummary[] }>(coordinator, '/campaigns?manage=true');
    expect(managed.items.map((c) => c.title).sort()).toEqual([DEMO_CAMPAIGN_TITLES.ended, DEMO_CAMPAIGN_TITLES.upcoming].sort());
  });

  it('shows the public the screened entries with supports, personal data masked; the organiser sees the unscreened one too', async () => {
    const open = await campaignIn('open', DEMO_CAMPAIGN_TITLES.open);
    const shown = await get<{ items: CampaignEntry[] }>(null, `/campaigns/${open.id}/entries?limit=50`);
    expect(shown.items).toHaveLength(4);
    expect(new Set(shown.items.map((e) => e.authorNickname))).toEqual(new Set(['南昌老郑', '许昌暖冬', '郴州网友']));
    expect(shown.items.map((e) => e.kind).sort()).toEqual(['lead', 'suggestion', 'suggestion', 'suggestion']);
    expect(shown.items.reduce((n, e) => n + e.supportCount, 0)).toBe(5);
    const jiFen = shown.items.find((e) => e.title === '对光盘的人发放积分');
    expect(jiFen?.body).toContain('138****5678');
    expect(JSON.stringify(shown)).not.toContain('13812345678');

    const organiser = await get<{ items: CampaignEntry[] }>(admin, `/campaigns/${open.id}/entries?limit=50`);
    expect(organiser.items).toHaveLength(5);
    expect(JSON.stringify(organiser)).not.toContain('13812345678');
  });

  it('lists the two adoptions of the ended campaign on the page of adopted suggestions', async () => {
    const adopted = await get<{ items: AdoptedSuggestion[] }>(null, '/adopted-suggestions?limit=50');
    const ours = adopted.items.filter((a) => a.campaign.title === DEMO_CAMPAIGN_TITLES.ended);
    expect(ours).toHaveLength(2);
    const huZhu = ours.find((a) => a.title === '建议推行农村互助养老模式');
    expect(huZhu).toMatchObject({ authorNickname: '南昌老郑', adopted: { note: '写入“十四五”规划《建议》', prize: null }, campaign: { organiser: { name: '江西省人民政府办公厅' } } });
  });

  it('attaches the canteen questionnaire to the open campaign, with its skip rule and responses', async () => {
    const open = await campaignIn('open', DEMO_CAMPAIGN_TITLES.open);
    const summary = await questionnaireTitled(DEMO_QUESTIONNAIRE_TITLES.canteen);
    expect((await get<CampaignDetail>(null, `/campaigns/${open.id}`)).questionnaireIds).toEqual([summary.id]);
    const detail = await get<QuestionnaireDetail>(zheng, `/questionnaires/${summary.id}`);
    expect(detail).toMatchObject({ campaignId: open.id, status: 'published', phase: 'open', audience: 'anyone', questionCount: 5, responseCount: 10, respondedAt: null, abilities: { respond: true, manage: false } });
    expect(detail.questions.map((q) => q.kind)).toEqual(['single', 'multiple', 'scale', 'single', 'short']);
    expect(detail.questions[0]!.skip).toEqual([{ whenValue: 'never', toPosition: 5 }]);

    const results = await get<QuestionnaireResults>(admin, `/questionnaires/${summary.id}/results`);
    expect(results.totalResponses).toBe(10);
    // The one who never eats in a canteen skipped questions 2–4.
    expect(results.questions.map((q) => q.answered)).toEqual([10, 9, 9, 9, expect.any(Number)]);
    expect(results.questions[2]!.scale!.mean).toBeGreaterThan(1);
    expect(results.questions[4]!.texts!.length).toBeGreaterThan(0);
  });

  it('opens the small-business questionnaire to anyone, on its own, with responses its organiser can read', async () => {
    const summary = await questionnaireTitled(DEMO_QUESTIONNAIRE_TITLES.smallBusiness);
    expect(summary).toMatchObject({ campaignId: null, audience: 'anyone', phase: 'open', status: 'published', organiser: { name: '江西省人民政府办公厅' }, responseCount: 7 });
    expect((await get<QuestionnaireDetail>(null, `/questionnaires/${summary.id}`)).abilities.respond).toBe(true);
    const results = await get<QuestionnaireResults>(coordinator, `/questionnaires/${summary.id}/results?crossBy=region`);
    expect(results.totalResponses).toBe(7);
    expect(results.regions!.map((r) => r.region?.name)).toEqual(expect.arrayContaining(['江西省', '湖南省']));
  });

  it('adds nothing when it runs again', async () => {
    const tables: Array<keyof DB> = ['campaigns', 'campaign_entries', 'campaign_supports', 'messages', 'questionnaires', 'questionnaire_questions', 'questionnaire_responses', 'notifications', 'audit_log'];
    const count = async () => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await countRows(t.db, table)] as const)));
    const before = await count();
    expect(before.campaigns).toBe(3);
    expect(before.questionnaires).toBe(2);
    const log: string[] = [];
    await seedDemoCampaigns(t.db, { demo: true, adminLogin: 'admin' }, (m) => log.push(m));
    expect(await count()).toEqual(before);
    expect(log).toEqual([]);
  });

  it('does nothing outside demo mode', async () => {
    const log: string[] = [];
    await seedDemoCampaigns(t.db, { demo: false, adminLogin: 'admin' }, (m) => log.push(m));
    expect(log).toEqual([]);
  });
});
