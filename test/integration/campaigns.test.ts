/**
 * Campaigns (征集活动) through the API on the real database: the lifecycle
 * (create, publish, enter, support, adopt, results), the bad input of the
 * issue (entries to unpublished, unstarted or ended campaigns; an end before
 * the start; a second support), the organiser's scope, the export and the figures.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { countRows, makeStaff, unitIdByKey } from '../support/factories.js';
import { boardIdOf, loggedInCitizen, screen, uploadTestPhoto, type CitizenLogin } from '../support/messages.js';
import { pruneOrphanPhotos } from '../../src/server/modules/photos/photos.repository.js';
import type { CampaignDetail, CampaignEntry, CampaignStats } from '../../src/shared/campaigns.js';

let t: TestApp;
let coordinator: Session;
let unitAdmin: Session;
let henanCoordinator: Session;
let jxBoard: number;
let dhBoard: number;
let organiserUnit: number;
let alice: CitizenLogin;
let bob: CitizenLogin;

const HOUR = 3600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

function campaignBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '公共机构反食品浪费金点子征集',
    description: '国家机关事务管理局面向社会公开征集公共机构食堂反食品浪费的意见建议。',
    organiserUnitId: organiserUnit,
    boardId: jxBoard,
    topics: ['食堂管理', '宣传教育'],
    regionCodes: ['360100'],
    startsAt: at(-HOUR),
    endsAt: at(7 * 24 * HOUR),
    hasPrizes: true,
    entriesPublic: true,
    ...overrides,
  };
}

async function createCampaign(session: Session, overrides: Record<string, unknown> = {}): Promise<CampaignDetail> {
  const res = await as(t.app, session, { method: 'POST', url: '/api/v1/campaigns', payload: campaignBody(overrides) });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function publish(session: Session, id: number): Promise<CampaignDetail> {
  const res = await as(t.app, session, { method: 'POST', url: `/api/v1/campaigns/${id}/publish` });
  if (res.statusCode !== 200) throw new Error(`publish failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

let entries = 0;
function entryBody(overrides: Record<string, unknown> = {}) {
  const n = ++entries;
  return {
    kind: 'suggestion',
    topic: '食堂管理',
    title: `推行小份菜半份菜${n}`,
    body: `建议机关食堂推行小份菜、半份菜，按需取餐，减少剩菜剩饭。第${n}条`,
    regionCode: '360102',
    ...overrides,
  };
}

function enter(session: Session | null, campaignId: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return as(t.app, session, { method: 'POST', url: `/api/v1/campaigns/${campaignId}/entries`, payload: body, headers });
}

async function get(session: Session | null, url: string) {
  return as(t.app, session, { method: 'GET', url });
}

beforeAll(async () => {
  t = await buildTestApp();
  coordinator = await login(t.app, 'coordinator');
  unitAdmin = await login(t.app, 'unitadmin');
  const henan = await makeStaff(t.db, { unitId: await unitIdByKey(t.db, 'ha-cac'), roles: ['coordinator'] });
  henanCoordinator = await login(t.app, henan.login!);
  jxBoard = Number(await boardIdOf(t.db, '江西省委书记'));
  dhBoard = Number(await boardIdOf(t.db, '东湖区委书记'));
  organiserUnit = Number(await unitIdByKey(t.db, 'jx-gov-office'));
  alice = await loggedInCitizen(t.app, t.db, { nickname: '节约达人' });
  bob = await loggedInCitizen(t.app, t.db, { nickname: '光盘行动' });
});
afterAll(async () => t.close());

describe('the campaign lifecycle', () => {
  let campaign: CampaignDetail;
  let retriedBody: ReturnType<typeof entryBody>;
  let aliceEntry: number;
  let bobEntry: number;

  it('creates a draft only its managers see', async () => {
    campaign = await createCampaign(coordinator);
    expect(campaign).toMatchObject({ status: 'draft', phase: 'open', entryCount: 0, adoptedCount: 0, organiser: { id: organiserUnit, name: '江西省人民政府办公厅' }, board: { id: jxBoard, name: '江西省委书记' }, abilities: { manage: true, enter: false } });
    expect((await get(null, `/api/v1/campaigns/${campaign.id}`)).statusCode).toBe(404);
    expect((await get(alice.session, `/api/v1/campaigns/${campaign.id}`)).statusCode).toBe(404);
    const publicList = (await get(null, '/api/v1/campaigns')).json();
    expect(publicList.items.map((c: { id: number }) => c.id)).not.toContain(campaign.id);
    const managed = (await get(coordinator, '/api/v1/campaigns?manage=true')).json();
    expect(managed.items.map((c: { id: number }) => c.id)).toContain(campaign.id);
  });

  it('refuses an entry to an unpublished campaign with 409 campaign_not_open and creates nothing', async () => {
    const before = await countRows(t.db, 'messages');
    const res = await enter(alice.session, campaign.id, entryBody());
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('campaign_not_open');
    expect(await countRows(t.db, 'messages')).toBe(before);
  });

  it('publishes the campaign once; publishing again is 409 campaign_state', async () => {
    campaign = await publish(coordinator, campaign.id);
    expect(campaign.status).toBe('published');
    const again = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/campaigns/${campaign.id}/publish` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('campaign_state');
    const shown = (await get(alice.session, `/api/v1/campaigns/${campaign.id}`)).json();
    expect(shown).toMatchObject({ status: 'published', phase: 'open', abilities: { enter: true, manage: false } });
    const open = (await get(null, '/api/v1/campaigns?phase=open')).json();
    expect(open.items.map((c: { id: number }) => c.id)).toContain(campaign.id);
    expect((await get(null, '/api/v1/campaigns?phase=upcoming')).json().items.map((c: { id: number }) => c.id)).not.toContain(campaign.id);
  });

  it('files entries as messages of the campaign board (suggest / complain), counted on the campaign', async () => {
    const a = await enter(alice.session, campaign.id, entryBody({ body: '建议推行小份菜、半份菜，有问题请联系我13812345678，按需取餐。' }));
    expect(a.statusCode, a.body).toBe(201);
    aliceEntry = a.json().id;
    const b = await enter(bob.session, campaign.id, entryBody({ kind: 'lead', topic: null, title: '某单位食堂浪费严重', body: '某单位食堂每天倒掉大量剩饭剩菜，希望有关部门督促整改。', regionCode: '360103' }));
    expect(b.statusCode, b.body).toBe(201);
    bobEntry = b.json().id;
    const rows = await t.db.selectFrom('messages').select(['id', 'campaign_id', 'type', 'board_id', 'is_public', 'status']).where('id', 'in', [String(aliceEntry), String(bobEntry)]).orderBy('id').execute();
    expect(rows).toEqual([
      { id: String(aliceEntry), campaign_id: String(campaign.id), type: 'suggest', board_id: String(jxBoard), is_public: true, status: 'submitted' },
      { id: String(bobEntry), campaign_id: String(campaign.id), type: 'complain', board_id: String(jxBoard), is_public: true, status: 'submitted' },
    ]);
    expect((await get(null, `/api/v1/campaigns/${campaign.id}`)).json().entryCount).toBe(2);
  });

  it('answers a retry with the same Idempotency-Key with the first entry, counted once', async () => {
    const body = (retriedBody = entryBody());
    const first = await enter(alice.session, campaign.id, body, { 'idempotency-key': 'entry-retry-1' });
    const again = await enter(alice.session, campaign.id, body, { 'idempotency-key': 'entry-retry-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await enter(alice.session, campaign.id, { ...body, topic: '宣传教育' }, { 'idempotency-key': 'entry-retry-1' });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect((await get(null, `/api/v1/campaigns/${campaign.id}`)).json().entryCount).toBe(3);
    // Withdrawn by its author: it stays counted as received, and leaves the public lists.
    const withdrawn = await as(t.app, alice.session, { method: 'POST', url: `/api/v1/messages/${first.json().id}/withdrawal` });
    expect(withdrawn.statusCode).toBe(200);
  });

  it('shows the public only screened, public entries, masked; the organiser sees all, masked too', async () => {
    expect((await get(null, `/api/v1/campaigns/${campaign.id}/entries`)).json().items).toEqual([]);
    await screen(t.app, coordinator, aliceEntry);
    await screen(t.app, coordinator, bobEntry);
    const shown = (await get(null, `/api/v1/campaigns/${campaign.id}/entries`)).json();
    expect(shown.items.map((e: CampaignEntry) => e.id)).toEqual([bobEntry, aliceEntry]);
    const mine = shown.items.find((e: CampaignEntry) => e.id === aliceEntry);
    expect(mine).toMatchObject({ kind: 'suggestion', topic: '食堂管理', regionCode: '360102', regionName: '东湖区', authorNickname: '节约达人', supportCount: 0, supportedByMe: false, adopted: null });
    expect(mine.body).toContain('138****5678');
    expect(mine.body).not.toContain('13812345678');
    const organiser = (await get(coordinator, `/api/v1/campaigns/${campaign.id}/entries`)).json();
    expect(organiser.items).toHaveLength(3);
    expect(JSON.stringify(organiser)).not.toContain('13812345678');
    // The organiser follows each entry's screening; the public never sees a status here.
    expect(organiser.items.map((e: CampaignEntry) => e.status).sort()).toEqual(['accepted', 'accepted', 'withdrawn']);
    expect(shown.items.every((e: CampaignEntry) => !('status' in e))).toBe(true);
    const leads = (await get(null, `/api/v1/campaigns/${campaign.id}/entries?kind=lead`)).json();
    expect(leads.items.map((e: CampaignEntry) => e.id)).toEqual([bobEntry]);
    const topic = (await get(null, `/api/v1/campaigns/${campaign.id}/entries?topic=${encodeURIComponent('食堂管理')}`)).json();
    expect(topic.items.map((e: CampaignEntry) => e.id)).toEqual([aliceEntry]);
    const region = (await get(null, `/api/v1/campaigns/${campaign.id}/entries?region=360103`)).json();
    expect(region.items.map((e: CampaignEntry) => e.id)).toEqual([bobEntry]);
    const byRegion = (await get(null, `/api/v1/campaigns/${campaign.id}/entries?sort=region`)).json();
    expect(byRegion.items.map((e: CampaignEntry) => e.regionCode)).toEqual(['360102', '360103']);
  });

  it('pages entries with a keyset cursor', async () => {
    const first = (await get(coordinator, `/api/v1/campaigns/${campaign.id}/entries?limit=2`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (await get(coordinator, `/api/v1/campaigns/${campaign.id}/entries?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((e: CampaignEntry) => e.id)).size).toBe(3);
    const bad = await get(null, `/api/v1/campaigns/${campaign.id}/entries?cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('cursor');
  });

  it('counts one support per account: a second is 409 already_supported and changes nothing; taking it back is idempotent', async () => {
    const url = `/api/v1/campaigns/${campaign.id}/entries/${aliceEntry}/support`;
    const first = await as(t.app, bob.session, { method: 'POST', url });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ id: aliceEntry, supportCount: 1, supportedByMe: true });
    const second = await as(t.app, bob.session, { method: 'POST', url });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json().code).toBe('already_supported');
    const row = await t.db.selectFrom('campaign_entries').select('support_count').where('message_id', '=', String(aliceEntry)).executeTakeFirstOrThrow();
    expect(row.support_count).toBe(1);
    expect(await t.db.selectFrom('campaign_supports').select(sql<number>`count(*)::int`.as('n')).where('message_id', '=', String(aliceEntry)).executeTakeFirstOrThrow()).toEqual({ n: 1 });
    expect((await get(bob.session, `/api/v1/campaigns/${campaign.id}/entries`)).json().items.find((e: CampaignEntry) => e.id === aliceEntry).supportedByMe).toBe(true);
    const staff = await as(t.app, coordinator, { method: 'POST', url });
    expect(staff.statusCode).toBe(403);
    expect((await as(t.app, null, { method: 'POST', url })).statusCode).toBe(401);
    // By support: the supported entry first.
    const bySupport = (await get(null, `/api/v1/campaigns/${campaign.id}/entries?sort=support`)).json();
    expect(bySupport.items.map((e: CampaignEntry) => e.id)).toEqual([aliceEntry, bobEntry]);
    const back = await as(t.app, bob.session, { method: 'DELETE', url });
    expect(back.json()).toMatchObject({ supportCount: 0, supportedByMe: false });
    const backAgain = await as(t.app, bob.session, { method: 'DELETE', url });
    expect(backAgain.statusCode).toBe(200);
    expect(backAgain.json().supportCount).toBe(0);
    expect((await as(t.app, bob.session, { method: 'POST', url })).json().supportCount).toBe(1);
  });

  it('adopts an entry with a public note and a prize, and notifies its author once', async () => {
    const url = `/api/v1/campaigns/${campaign.id}/entries/${aliceEntry}/adoption`;
    const res = await as(t.app, coordinator, { method: 'POST', url, payload: { note: '写入《公共机构反食品浪费工作指引》', prize: '一等奖' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().adopted).toMatchObject({ note: '写入《公共机构反食品浪费工作指引》', prize: '一等奖' });
    const notes = (await get(alice.session, '/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'campaign_adopted');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ messageId: aliceEntry, link: `/campaigns/${campaign.id}` });
    expect(notes[0].title['zh-CN']).toBe('您的建议已被采纳');
    expect(notes[0].body['zh-CN']).toContain('写入《公共机构反食品浪费工作指引》');
    // Editing the note does not notify again.
    const edit = await as(t.app, coordinator, { method: 'POST', url, payload: { note: '写入《公共机构反食品浪费工作指引》第三条' } });
    expect(edit.json().adopted).toMatchObject({ note: '写入《公共机构反食品浪费工作指引》第三条', prize: null });
    expect((await get(alice.session, '/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'campaign_adopted')).toHaveLength(1);
    await as(t.app, coordinator, { method: 'POST', url, payload: { note: '写入《公共机构反食品浪费工作指引》', prize: '一等奖' } });
    expect((await get(null, `/api/v1/campaigns/${campaign.id}`)).json().adoptedCount).toBe(1);
    // Someone else's adoption: citizens and staff outside the organiser's scope may not.
    expect((await as(t.app, alice.session, { method: 'POST', url, payload: { note: '自己采纳' } })).statusCode).toBe(403);
    expect((await as(t.app, henanCoordinator, { method: 'POST', url, payload: { note: '越权采纳' } })).statusCode).toBe(403);
  });

  it('takes an adoption back and gives it again', async () => {
    const url = `/api/v1/campaigns/${campaign.id}/entries/${bobEntry}/adoption`;
    expect((await as(t.app, coordinator, { method: 'POST', url, payload: { note: '已转有关部门整改' } })).statusCode).toBe(200);
    const back = await as(t.app, coordinator, { method: 'DELETE', url });
    expect(back.statusCode).toBe(200);
    expect(back.json().adopted).toBeNull();
    expect((await get(null, `/api/v1/campaigns/${campaign.id}`)).json().adoptedCount).toBe(1);
  });

  it('refuses results before the end with 409 campaign_not_ended', async () => {
    const res = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/campaigns/${campaign.id}/results`, payload: { summary: '共收到建议3条，采纳1条。' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('campaign_not_ended');
    expect((await get(null, `/api/v1/campaigns/${campaign.id}`)).json().status).toBe('published');
  });

  it('keeps the start of a published campaign: 409 campaign_field_locked naming startsAt, unchanged', async () => {
    const res = await as(t.app, coordinator, { method: 'PATCH', url: `/api/v1/campaigns/${campaign.id}`, payload: { startsAt: at(-2 * HOUR) } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'campaign_field_locked', field: 'startsAt' });
    expect((await get(null, `/api/v1/campaigns/${campaign.id}`)).json().startsAt).toBe(campaign.startsAt);
  });

  it('closes early (a new end), then refuses entries with 409 campaign_closed and creates nothing', async () => {
    const closed = await as(t.app, coordinator, { method: 'PATCH', url: `/api/v1/campaigns/${campaign.id}`, payload: { endsAt: at(-60_000) } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().phase).toBe('ended');
    const before = { messages: await countRows(t.db, 'messages'), entries: await countRows(t.db, 'campaign_entries') };
    const res = await enter(bob.session, campaign.id, entryBody());
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('campaign_closed');
    expect({ messages: await countRows(t.db, 'messages'), entries: await countRows(t.db, 'campaign_entries') }).toEqual(before);
    expect((await get(null, `/api/v1/campaigns/${campaign.id}`)).json().entryCount).toBe(3);
    // A retry of an entry that got in before the end is answered as the first time, not refused.
    const retry = await enter(alice.session, campaign.id, retriedBody, { 'idempotency-key': 'entry-retry-1' });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await countRows(t.db, 'messages')).toBe(before.messages);
  });

  it('publishes the results after the end', async () => {
    const res = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/campaigns/${campaign.id}/results`, payload: { summary: '共收到建议3条，采纳1条，评出一等奖1名。' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'results_published', phase: 'ended', resultSummary: '共收到建议3条，采纳1条，评出一等奖1名。' });
    expect(res.json().resultsPublishedAt).not.toBeNull();
    expect((await get(null, '/api/v1/campaigns?phase=ended')).json().items.map((c: { id: number }) => c.id)).toContain(campaign.id);
  });

  it('shows the adopted suggestion on the public page of adopted suggestions', async () => {
    const res = await get(null, '/api/v1/adopted-suggestions');
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((e: { id: number }) => e.id === aliceEntry);
    expect(item).toMatchObject({ adopted: { note: '写入《公共机构反食品浪费工作指引》', prize: '一等奖' }, campaign: { id: campaign.id, title: '公共机构反食品浪费金点子征集', organiser: { name: '江西省人民政府办公厅' } } });
    expect(item.body).not.toContain('13812345678');
    expect(res.json().items.map((e: { id: number }) => e.id)).not.toContain(bobEntry);
  });

  it('exports every entry as XLSX with personal data masked', async () => {
    const res = await as(t.app, coordinator, { method: 'GET', url: `/api/v1/campaigns/${campaign.id}/entries.xlsx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['编号', '提交时间（北京时间）', '类型', '主题', '地区', '标题', '内容', '点赞数', '是否采纳', '采纳说明', '奖项']);
    expect(rows).toHaveLength(4);
    const alicesRow = rows.find((r) => String(r[6]).includes('小份菜、半份菜，有问题'))!;
    expect(alicesRow).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}-\d{6}$/), expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), '建议', '食堂管理', '东湖区', expect.any(String), expect.stringContaining('138****5678'), 1, '是', '写入《公共机构反食品浪费工作指引》', '一等奖']);
    expect(JSON.stringify(rows)).not.toContain('13812345678');
    expect(rows.find((r) => r[2] === '问题线索')).toBeDefined();
    // Only the organiser's managers export.
    expect((await as(t.app, unitAdmin, { method: 'GET', url: `/api/v1/campaigns/${campaign.id}/entries.xlsx` })).statusCode).toBe(403);
    expect((await as(t.app, alice.session, { method: 'GET', url: `/api/v1/campaigns/${campaign.id}/entries.xlsx` })).statusCode).toBe(403);
  });

  it('counts entries by day, province, topic and kind, with the adoption rate', async () => {
    const stats: CampaignStats = (await get(null, `/api/v1/campaigns/${campaign.id}/stats`)).json();
    expect(stats).toMatchObject({ campaignId: campaign.id, entries: 3, adopted: 1, supports: 1 });
    expect(stats.adoptionRate).toBeCloseTo(1 / 3);
    expect(stats.byRegion).toEqual([{ code: '360000', name: '江西省', entries: 3, adopted: 1 }]);
    expect(stats.byDay).toHaveLength(1);
    expect(stats.byDay[0]).toMatchObject({ entries: 3, adopted: 1 });
    expect(stats.byTopic).toEqual(
      expect.arrayContaining([
        { topic: '食堂管理', entries: 2, adopted: 1 },
        { topic: null, entries: 1, adopted: 0 },
      ]),
    );
    expect(stats.byKind).toEqual([
      { kind: 'suggestion', entries: 2, adopted: 1 },
      { kind: 'lead', entries: 1, adopted: 0 },
    ]);
  });

  it('counts the entries as messages of type 建言 / 投诉 in the platform figures', async () => {
    const types = await t.db.selectFrom('messages').select(['type', sql<number>`count(*)::int`.as('n')]).where('campaign_id', '=', String(campaign.id)).groupBy('type').orderBy('type').execute();
    expect(types).toEqual([
      { type: 'complain', n: 1 },
      { type: 'suggest', n: 2 },
    ]);
  });
});

describe('bad input changes nothing', () => {
  it('refuses an end before (or at) the start with 400 naming endsAt', async () => {
    const before = await countRows(t.db, 'campaigns');
    for (const [startsAt, endsAt] of [
      [at(2 * HOUR), at(HOUR)],
      [at(HOUR), at(HOUR)],
    ]) {
      const res = await as(t.app, coordinator, { method: 'POST', url: '/api/v1/campaigns', payload: campaignBody({ startsAt, endsAt }) });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().field).toBe('endsAt');
      expect(res.json().errors[0].field).toBe('endsAt');
    }
    expect(await countRows(t.db, 'campaigns')).toBe(before);
  });

  it('refuses an edit moving the end before the start with 400 naming endsAt', async () => {
    const draft = await createCampaign(coordinator);
    const res = await as(t.app, coordinator, { method: 'PATCH', url: `/api/v1/campaigns/${draft.id}`, payload: { endsAt: at(-3 * HOUR), title: '改了标题' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('endsAt');
    const after = (await get(coordinator, `/api/v1/campaigns/${draft.id}`)).json();
    expect(after).toMatchObject({ title: draft.title, endsAt: draft.endsAt });
  });

  it('refuses an entry to a campaign not started yet with 409 campaign_not_open', async () => {
    const upcoming = await publish(coordinator, (await createCampaign(coordinator, { startsAt: at(24 * HOUR), endsAt: at(48 * HOUR) })).id);
    expect(upcoming.phase).toBe('upcoming');
    const res = await enter(alice.session, upcoming.id, entryBody());
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('campaign_not_open');
    expect((await get(null, `/api/v1/campaigns/${upcoming.id}`)).json()).toMatchObject({ entryCount: 0, abilities: { enter: false } });
  });

  it('refuses an entry to a campaign that has ended with 409 campaign_closed', async () => {
    const ended = await publish(coordinator, (await createCampaign(coordinator, { startsAt: at(-48 * HOUR), endsAt: at(-24 * HOUR) })).id);
    const before = await countRows(t.db, 'messages');
    const res = await enter(alice.session, ended.id, entryBody());
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('campaign_closed');
    expect(await countRows(t.db, 'messages')).toBe(before);
  });

  it('refuses a region outside the campaign with 422 naming regionCode, and a topic it does not have (topic)', async () => {
    const open = await publish(coordinator, (await createCampaign(coordinator)).id);
    const before = await countRows(t.db, 'messages');
    const outside = await enter(alice.session, open.id, entryBody({ regionCode: '361023' }));
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ code: 'region_outside_campaign', field: 'regionCode' });
    const unknown = await enter(alice.session, open.id, entryBody({ regionCode: '369999' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'region_not_found', field: 'regionCode' });
    const topic = await enter(alice.session, open.id, entryBody({ topic: '交通出行' }));
    expect(topic.statusCode).toBe(422);
    expect(topic.json()).toMatchObject({ code: 'campaign_topic_unknown', field: 'topic' });
    expect(await countRows(t.db, 'messages')).toBe(before);
    expect((await get(null, `/api/v1/campaigns/${open.id}`)).json().entryCount).toBe(0);
  });

  it('refuses an entry from staff (403) and from nobody (401)', async () => {
    const open = await publish(coordinator, (await createCampaign(coordinator)).id);
    expect((await enter(coordinator, open.id, entryBody())).statusCode).toBe(403);
    expect((await enter(null, open.id, entryBody())).statusCode).toBe(401);
  });

  it('limits entries like messages (the same hourly budget per account): 429', async () => {
    const open = await publish(coordinator, (await createCampaign(coordinator)).id);
    const citizen = await loggedInCitizen(t.app, t.db);
    await sql`INSERT INTO rate_limits (key, window_start, hits) VALUES (${`message:account:${citizen.id}`}, to_timestamp(floor(extract(epoch FROM now()) / 3600) * 3600), 20)`.execute(t.db);
    const res = await enter(citizen.session, open.id, entryBody());
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('rate_limited');
  });

  it('refuses a prize when the campaign has none (422 naming prize)', async () => {
    const open = await publish(coordinator, (await createCampaign(coordinator, { hasPrizes: false })).id);
    const entry = (await enter(alice.session, open.id, entryBody())).json();
    await screen(t.app, coordinator, entry.id);
    const res = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/campaigns/${open.id}/entries/${entry.id}/adoption`, payload: { note: '采纳', prize: '一等奖' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'campaign_no_prizes', field: 'prize' });
    expect((await get(coordinator, `/api/v1/campaigns/${open.id}`)).json().adoptedCount).toBe(0);
  });

  it('refuses regions outside the board, naming regionCodes[i]', async () => {
    const res = await as(t.app, coordinator, { method: 'POST', url: '/api/v1/campaigns', payload: campaignBody({ regionCodes: ['360100', '410100'] }) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'region_outside_board', field: 'regionCodes[1]' });
  });
});

describe('a campaign page', () => {
  it('shows the cover to everyone once published, and never prunes it as an orphan photo', async () => {
    const cover = await uploadTestPhoto(t.app, coordinator);
    const draft = await createCampaign(coordinator, { coverPhotoId: cover.id });
    expect(draft.coverUrl).toBe(`/api/v1/photos/${cover.id}`);
    expect((await get(null, cover.url)).statusCode).toBe(404);
    await publish(coordinator, draft.id);
    expect((await get(null, cover.url)).statusCode).toBe(200);
    expect((await get(alice.session, cover.thumbUrl)).statusCode).toBe(200);
    await t.db.updateTable('photos').set({ created_at: new Date(Date.now() - 48 * HOUR) }).where('id', '=', cover.id).execute();
    await pruneOrphanPhotos(t.db);
    expect((await get(null, cover.url)).statusCode).toBe(200);
    // Someone else's photo is no cover.
    const hers = await uploadTestPhoto(t.app, alice.session);
    const refused = await as(t.app, coordinator, { method: 'POST', url: '/api/v1/campaigns', payload: campaignBody({ coverPhotoId: hers.id }) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'photo_not_found', field: 'coverPhotoId' });
  });

  it('edits a draft in everything, and lists the campaign’s published questionnaires', async () => {
    const draft = await createCampaign(coordinator);
    const res = await as(t.app, coordinator, {
      method: 'PATCH',
      url: `/api/v1/campaigns/${draft.id}`,
      payload: { title: '对口驰援 抗击疫情建言征集', startsAt: at(-2 * HOUR), topics: ['复工复产'], regionCodes: [], hasPrizes: false, entriesPublic: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: '对口驰援 抗击疫情建言征集', topics: ['复工复产'], regionCodes: [], hasPrizes: false, entriesPublic: false, status: 'draft' });
    // A row of the questionnaires module's table, as its service would store it.
    const creator = (await t.db.selectFrom('accounts').select('id').where('login', '=', 'coordinator').executeTakeFirstOrThrow()).id;
    const questionnaire = (status: 'draft' | 'published') => sql<{ id: string }>`
      INSERT INTO questionnaires (title, campaign_id, organiser_unit_id, audience, opens_at, closes_at, status, published_at, created_by)
      VALUES ('小微企业开复工情况', ${draft.id}, ${organiserUnit}, 'citizens', now(), now() + interval '7 days', ${status}, ${status === 'published' ? sql`now()` : sql`null`}, ${creator})
      RETURNING id`.execute(t.db).then((r) => Number(r.rows[0]!.id));
    const published = await questionnaire('published');
    const unpublished = await questionnaire('draft');
    expect((await get(coordinator, `/api/v1/campaigns/${draft.id}`)).json().questionnaireIds).toEqual([published, unpublished]);
    await publish(coordinator, draft.id);
    expect((await get(null, `/api/v1/campaigns/${draft.id}`)).json().questionnaireIds).toEqual([published]);
  });

  it('pages the public list newest start first', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await publish(coordinator, (await createCampaign(coordinator, { startsAt: at(-(10 + i) * 24 * HOUR), endsAt: at(-(9 + i) * 24 * HOUR + 1000) })).id)).id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = (await get(null, `/api/v1/campaigns?phase=ended&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((c: { id: number }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('entries kept private', () => {
  it('files them as non-public messages and shows them to the organiser only', async () => {
    const closedDoor = await publish(coordinator, (await createCampaign(coordinator, { entriesPublic: false, title: '问题线索征集' })).id);
    const res = await enter(alice.session, closedDoor.id, entryBody({ kind: 'lead', topic: null, isPublic: true }));
    expect(res.statusCode).toBe(201);
    const message = await t.db.selectFrom('messages').select('is_public').where('id', '=', String(res.json().id)).executeTakeFirstOrThrow();
    expect(message.is_public).toBe(false);
    const refused = await get(null, `/api/v1/campaigns/${closedDoor.id}/entries`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('entries_not_public');
    expect((await get(coordinator, `/api/v1/campaigns/${closedDoor.id}/entries`)).json().items).toHaveLength(1);
  });
});

describe('scope', () => {
  it('lets a unit admin organise for the own unit subtree with its own board', async () => {
    const own = await as(t.app, unitAdmin, {
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: campaignBody({ organiserUnitId: Number(await unitIdByKey(t.db, 'dh-pc-office')), boardId: dhBoard, regionCodes: [] }),
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().abilities.manage).toBe(true);
  });

  it('refuses an organiser outside the actor’s scope (422 naming organiserUnitId) and a board outside it (boardId)', async () => {
    const organiser = await as(t.app, unitAdmin, { method: 'POST', url: '/api/v1/campaigns', payload: campaignBody({ boardId: dhBoard, regionCodes: [] }) });
    expect(organiser.statusCode).toBe(422);
    expect(organiser.json()).toMatchObject({ code: 'unit_not_found', field: 'organiserUnitId' });
    const board = await as(t.app, unitAdmin, { method: 'POST', url: '/api/v1/campaigns', payload: campaignBody({ organiserUnitId: Number(await unitIdByKey(t.db, 'dh-pc-office')), regionCodes: [] }) });
    expect(board.statusCode).toBe(422);
    expect(board.json()).toMatchObject({ code: 'board_not_found', field: 'boardId' });
  });

  it('refuses a closed board for a new campaign or a moved one (409 naming boardId), and keeps a campaign whose board closed later editable', async () => {
    const source = await t.db.selectFrom('boards').selectAll().where('id', '=', String(jxBoard)).executeTakeFirstOrThrow();
    const closed = await t.db
      .insertInto('boards')
      .values({ kind: source.kind, title: '已关闭的征集测试板', name: '已关闭的征集测试板', region_code: source.region_code, unit_id: source.unit_id, retired_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refused = await as(t.app, coordinator, { method: 'POST', url: '/api/v1/campaigns', payload: campaignBody({ boardId: Number(closed.id) }) });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'board_retired', field: 'boardId' });
    const draft = await createCampaign(coordinator);
    const moved = await as(t.app, coordinator, { method: 'PATCH', url: `/api/v1/campaigns/${draft.id}`, payload: { boardId: Number(closed.id) } });
    expect(moved.statusCode).toBe(409);
    expect((await get(coordinator, `/api/v1/campaigns/${draft.id}`)).json().board.id).toBe(jxBoard);
    // The campaign's own board closes: it can still be edited.
    await t.db.updateTable('boards').set({ retired_at: new Date() }).where('id', '=', String(jxBoard)).execute();
    try {
      const edited = await as(t.app, coordinator, { method: 'PATCH', url: `/api/v1/campaigns/${draft.id}`, payload: { title: '关闭后仍可修改' } });
      expect(edited.statusCode, edited.body).toBe(200);
    } finally {
      await t.db.updateTable('boards').set({ retired_at: null }).where('id', '=', String(jxBoard)).execute();
    }
  });

  it('keeps an organiser of another unit from managing: a published campaign 403, a draft 404', async () => {
    const draft = await createCampaign(coordinator);
    const published = await publish(coordinator, (await createCampaign(coordinator)).id);
    for (const session of [unitAdmin, henanCoordinator]) {
      expect((await as(t.app, session, { method: 'PATCH', url: `/api/v1/campaigns/${published.id}`, payload: { title: '越权修改' } })).statusCode).toBe(403);
      expect((await as(t.app, session, { method: 'PATCH', url: `/api/v1/campaigns/${draft.id}`, payload: { title: '越权修改' } })).statusCode).toBe(404);
      expect((await as(t.app, session, { method: 'POST', url: `/api/v1/campaigns/${draft.id}/publish` })).statusCode).toBe(404);
      expect((await get(session, `/api/v1/campaigns/${published.id}`)).json().abilities.manage).toBe(false);
      const managed = (await get(session, '/api/v1/campaigns?manage=true')).json();
      expect(managed.items.map((c: { id: number }) => c.id)).not.toContain(published.id);
    }
    expect((await get(coordinator, `/api/v1/campaigns/${draft.id}`)).json().title).toBe(draft.title);
    // A role without campaign.manage: 403 whatever the campaign.
    const handler = await login(t.app, 'handler');
    expect((await as(t.app, handler, { method: 'POST', url: `/api/v1/campaigns/${draft.id}/publish` })).statusCode).toBe(403);
  });
});

describe('rules found in review', () => {
  let campaign: CampaignDetail;
  let carol: CitizenLogin;

  beforeAll(async () => {
    carol = await loggedInCitizen(t.app, t.db, { nickname: '勤俭持家' });
    campaign = await publish(coordinator, (await createCampaign(coordinator, { topics: ['食堂管理', '宣传教育', '技术手段'] })).id);
  });

  it('adopts only an entry screening has accepted: waiting for screening is 409 entry_not_adoptable, nothing changed, nobody notified', async () => {
    const waiting = (await enter(carol.session, campaign.id, entryBody())).json().id as number;
    const notificationsBefore = await countRows(t.db, 'notifications');
    const res = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/campaigns/${campaign.id}/entries/${waiting}/adoption`, payload: { note: '纳入实施方案' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('entry_not_adoptable');
    expect(await countRows(t.db, 'notifications')).toBe(notificationsBefore);
    const row = await t.db.selectFrom('campaign_entries').select('adopted_at').where('message_id', '=', String(waiting)).executeTakeFirstOrThrow();
    expect(row.adopted_at).toBeNull();
    await screen(t.app, coordinator, waiting);
    const accepted = await as(t.app, coordinator, { method: 'POST', url: `/api/v1/campaigns/${campaign.id}/entries/${waiting}/adoption`, payload: { note: '纳入实施方案' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('keeps whether entries are public once published: 409 campaign_field_locked naming entriesPublic, unchanged', async () => {
    const res = await as(t.app, coordinator, { method: 'PATCH', url: `/api/v1/campaigns/${campaign.id}`, payload: { entriesPublic: false } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'campaign_field_locked', field: 'entriesPublic' });
    expect((await get(null, `/api/v1/campaigns/${campaign.id}`)).json().entriesPublic).toBe(true);
    // The same value is no change.
    const same = await as(t.app, coordinator, { method: 'PATCH', url: `/api/v1/campaigns/${campaign.id}`, payload: { entriesPublic: true } });
    expect(same.statusCode, same.body).toBe(200);
  });

  it('answers a retry of a stored entry with its first answer even after its topic was removed; another request with the key is 422', async () => {
    const body = entryBody({ topic: '技术手段' });
    const first = await enter(carol.session, campaign.id, body, { 'idempotency-key': 'review-retry-1' });
    expect(first.statusCode).toBe(201);
    const edited = await as(t.app, coordinator, { method: 'PATCH', url: `/api/v1/campaigns/${campaign.id}`, payload: { topics: ['食堂管理', '宣传教育'] } });
    expect(edited.statusCode, edited.body).toBe(200);
    const before = await countRows(t.db, 'messages');
    const retry = await enter(carol.session, campaign.id, body, { 'idempotency-key': 'review-retry-1' });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toMatchObject({ id: first.json().id, number: first.json().number });
    const other = await enter(carol.session, campaign.id, { ...body, title: '另一条建议的标题' }, { 'idempotency-key': 'review-retry-1' });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(await countRows(t.db, 'messages')).toBe(before);
  });

  it('filters entries by the whole country as no filter, and refuses a forged support cursor with 400', async () => {
    const all = (await get(coordinator, `/api/v1/campaigns/${campaign.id}/entries`)).json().items.length;
    expect(all).toBeGreaterThan(0);
    expect((await get(coordinator, `/api/v1/campaigns/${campaign.id}/entries?region=000000`)).json().items).toHaveLength(all);
    const forged = Buffer.from(JSON.stringify({ id: '1', s: 1e12 })).toString('base64url');
    const res = await get(null, `/api/v1/campaigns/${campaign.id}/entries?sort=support&cursor=${forged}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the public list follows screening through the entry’s copy of listed', () => {
  it('lists an entry once screening accepts it and drops it when it is unlisted, whatever the backlog', async () => {
    const dan = await loggedInCitizen(t.app, t.db, { nickname: '爱惜粮食' });
    const campaign = await publish(coordinator, (await createCampaign(coordinator)).id);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await enter(dan.session, campaign.id, entryBody())).json().id as number);
    const publicIds = async () => (await get(null, `/api/v1/campaigns/${campaign.id}/entries?limit=2`)).json().items.map((e: CampaignEntry) => e.id);
    expect(await publicIds()).toEqual([]);
    await screen(t.app, coordinator, ids[0]!);
    await screen(t.app, coordinator, ids[3]!);
    expect(await publicIds()).toEqual([ids[3], ids[0]]);
    const copies = await t.db.selectFrom('campaign_entries as e').innerJoin('messages as m', 'm.id', 'e.message_id').select(['e.listed', 'm.listed as messageListed']).where('e.campaign_id', '=', String(campaign.id)).execute();
    expect(copies.every((c) => c.listed === c.messageListed)).toBe(true);
    // Unlisted by any path (here directly, as hiding a message does): gone from the public list.
    await sql`UPDATE messages SET listed = false WHERE id = ${ids[3]!}`.execute(t.db);
    expect(await publicIds()).toEqual([ids[0]]);
  });
});
