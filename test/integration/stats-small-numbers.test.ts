/**
 * Statistics as an analyst reads them (issue 13 §3), on 海南 in the first half of 2020:
 * the county-level cities directly under the province (琼海, 文昌) ranked with the cities
 * (市县), a city with 3 messages listed apart as 样本不足 instead of topping the ranking
 * with 100%, growth over a tiny baseline given as 新增 / — instead of +3400%, the half-year
 * report of that past period made on demand (and by the catch-up), and a time series that
 * marks the period still running. Messages are made through the real services and
 * back-dated; every figure is read through the API.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMissingReports, catchUpPeriods, CATCH_UP_WEEKS } from '../../src/server/modules/reports/reports.service.js';
import { shanghaiDay } from '../../src/server/modules/calendar/working-days.js';
import { statsRankings } from '../../src/server/modules/stats/stats.service.js';
import { loadConfig } from '../../src/server/config.js';
import type { ReportDetail } from '../../src/shared/reports.js';
import type { StatRanking, StatSummary, StatTimeseries } from '../../src/shared/stats.js';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { screenMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { assignMessage, signAssignment } from '../../src/server/modules/handling/handling.assign.js';
import { submitReply } from '../../src/server/modules/handling/handling.work.js';
import { makeCitizen, makeUnit } from '../support/factories.js';
import { actorOf, makeMessage, receivedOn } from '../support/messages.js';

let t: TestApp;
let analyst: Session;
let author: string;


/** `count` messages to `board` placed in `region`, the first `replied` of them answered (final reply) by a unit there, received on `day`. */
async function batch(board: string, region: string, day: string, count: number, replied: number): Promise<void> {
  const admin = await actorOf(t.db, 'admin');
  const unit = await makeUnit(t.db, { regionCode: region });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await makeMessage(t.db, { author, board, regionCode: region, state: 'submitted', title: `椰林路段路灯不亮${i}` });
    await screenMessage(t.db, admin, id, { decision: 'accept' });
    if (i < replied) {
      await assignMessage(t.db, admin, id, { leadUnitId: Number(unit.id), handlingClass: 'timely' });
      const a = await t.db.selectFrom('assignments').select('id').where('message_id', '=', id).where('status', '=', 'pending').executeTakeFirstOrThrow();
      await signAssignment(t.db, admin, a.id);
      await submitReply(t.db, admin, id, { body: '已安排维修人员更换路灯，现已恢复照明。', final: true });
    }
    ids.push(id);
  }
  await receivedOn(t.db, ids, day);
}

async function get<T>(session: Session | null, url: string): Promise<T> {
  const res = await as(t.app, session, { method: 'GET', url });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const H1 = 'from=2020-01-01&to=2020-06-30';

beforeAll(async () => {
  t = await buildTestApp();
  analyst = await login(t.app, 'admin');
  author = (await makeCitizen(t.db, { nickname: '海南网友' })).mobile!;
  // 2020 H1: 海口 40 (30 replied), 琼海 35 (20 replied) — a county-level city under the province —
  // and 文昌 3 (all replied): too few to rank. The province's own board: 32, in 万宁 (also under the province).
  await batch('海口市委书记', '460106', '2020-03-02', 40, 30);
  await batch('琼海市委书记', '469002', '2020-04-13', 35, 20);
  await batch('文昌市委书记', '469005', '2020-05-18', 3, 3);
  await batch('海南省委书记', '469006', '2020-06-08', 32, 16);
  // 2019 H1, the baseline: 琼海 1 message; nothing anywhere else.
  await batch('琼海市委书记', '469002', '2019-04-15', 1, 1);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('the ranking of 海南 2020H1', () => {
  it('ranks the cities with the county-level cities directly under the province (市县), so every message is in a row', async () => {
    const r = await get<StatRanking>(null, `/api/v1/stats/rankings?region=460000&${H1}&metric=received`);
    expect(r.peers).toBe('city');
    expect(r.minReceived).toBe(30);
    expect(r.items.map((i) => [i.rank, i.region.name, i.region.level, i.figures.received])).toEqual([
      [1, '海口市', 'city', 40],
      [2, '琼海市', 'county', 35],
      [3, '万宁市', 'county', 32],
    ]);
    const listed = [...r.items, ...r.insufficient].reduce((sum, i) => sum + i.figures.received, 0);
    const province = await get<StatSummary>(null, `/api/v1/stats/summary?region=460000&${H1}`);
    expect(province.figures.received).toBe(110);
    expect(listed).toBe(110);
  });

  it('lists 文昌 (3 messages, 3 replies) apart as 样本不足 instead of first by reply rate, and keeps it out of 总热度', async () => {
    const byRate = await get<StatRanking>(null, `/api/v1/stats/rankings?region=460000&${H1}&metric=replyRate`);
    expect(byRate.items[0]!.region.name).toBe('海口市');
    expect(byRate.items.map((i) => i.region.name)).not.toContain('文昌市');
    expect(byRate.insufficient).toEqual([expect.objectContaining({ region: { code: '469005', name: '文昌市', level: 'county' } })]);
    expect(byRate.insufficient[0]!.figures).toMatchObject({ received: 3, replied: 3, replyRate: 1 });
    expect(byRate.insufficient[0]).not.toHaveProperty('rank');
    const byHeat = await get<StatRanking>(null, `/api/v1/stats/rankings?region=460000&${H1}`);
    // Scaled among the three ranked only: the best scores 100 in every part it leads.
    expect(Math.max(...byHeat.items.map((i) => i.heat.heat))).toBeGreaterThan(50);
    expect(byHeat.items).toHaveLength(3);
  });

  it('ranks a unit of 3 messages once the minimum is configured lower (STATS_MIN_RANKED)', async () => {
    const thresholds = loadConfig({ DEMO: 'true', STATS_MIN_RANKED: '3' }).statThresholds;
    expect(thresholds).toEqual({ minReceived: 3, growthMinBase: 30 });
    const r = await statsRankings(t.db, { region: '460000', from: '2020-01-01', to: '2020-06-30', view: 'public', metric: 'replyRate', order: 'desc', limit: 50, thresholds });
    expect(r.minReceived).toBe(3);
    expect(r.insufficient).toEqual([]);
    expect(r.items[0]!.region.name).toBe('文昌市');
  });

  it('ranks the counties of the province as before when asked for counties', async () => {
    const r = await get<StatRanking>(null, `/api/v1/stats/rankings?region=460000&${H1}&peers=county&metric=received`);
    expect(r.items.map((i) => [i.region.name, i.figures.received])).toEqual([
      ['龙华区', 40],
      ['琼海市', 35],
      ['万宁市', 32],
    ]);
  });
});

describe('growth against a tiny baseline', () => {
  it('gives no 同比 for 海南 over 1 message a year before (small_base) and says 新增 for 海口, which had none', async () => {
    const hainan = await get<StatSummary>(null, `/api/v1/stats/summary?region=460000&${H1}`);
    expect(hainan.previousYear.received).toBe(1);
    expect(hainan.growth.receivedYoY).toBeNull(); // not +10900%
    expect(hainan.growthReasons.receivedYoY).toBe('small_base');
    expect(hainan.growthMinBase).toBe(30);
    const haikou = await get<StatSummary>(null, `/api/v1/stats/summary?region=460100&${H1}`);
    expect(haikou.growth.receivedYoY).toBeNull();
    expect(haikou.growthReasons.receivedYoY).toBe('new');
  });

  it('computes growth once the baseline is large enough: H1 2020 against the 110 of itself shifted', async () => {
    // The half after (2020 H2) has nothing: against 110 that is −100%, a real figure.
    const h2 = await get<StatSummary>(null, '/api/v1/stats/summary?region=460000&from=2020-07-01&to=2020-12-31');
    expect(h2.previousPeriod.received).toBe(110);
    expect(h2.growth.receivedMoM).toBe(-1);
    expect(h2.growthReasons.receivedMoM).toBeNull();
  });
});

describe('the half-year report of 海南 2020H1, a finished period long past', () => {
  let report: ReportDetail;

  beforeAll(async () => {
    const res = await as(t.app, analyst, { method: 'POST', url: '/api/v1/reports', payload: { kind: 'half_year', region: '460000', period: '2020-H1' } });
    expect(res.statusCode, res.body).toBe(201);
    report = res.json();
  });

  it('is complete, ranks 市县 with 文昌 apart as 样本不足, and writes no growth over the one message before', () => {
    const c = report.content;
    expect(report.complete).toBe(true);
    expect(c.period).toMatchObject({ from: '2020-01-01', to: '2020-06-30', asOf: '2020-06-30', complete: true });
    expect(c.rankings!.peers).toBe('city');
    expect(c.rankings!.items.map((r) => r.region.name).sort()).toEqual(['万宁市', '海口市', '琼海市'].sort());
    expect(c.rankings!.insufficient!.map((r) => [r.region.name, r.received, r.replyRate])).toEqual([['文昌市', 3, 1]]);
    expect(c.headline).toBe('2020年上半年，海南省网民通过民声平台留言110件；各级干部回复69件，回复率62.7%；办结0件，办结率0%；暂无网民评价。');
    expect(c.growthReasons).toEqual({ received: 'small_base', replied: 'small_base' });
    expect(c.trend.every((p) => p.partial === false)).toBe(true);
  });

  it('writes — in the XLSX and the PDF where the change would rest on one message', async () => {
    const xlsx = await as(t.app, null, { method: 'GET', url: `/api/v1/reports/${report.id}/xlsx` });
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const changes = new Map<string, unknown>();
    book.getWorksheet('概况')!.eachRow((row) => changes.set(String(row.getCell(1).value), row.getCell(4).value));
    expect(changes.get('留言量（件）')).toBe('—');
    expect(changes.get('回复率')).toBe('—');
    const ranking = book.getWorksheet('排名')!;
    const last = ranking.getRow(ranking.rowCount);
    expect([last.getCell(1).value, last.getCell(2).value, last.getCell(5).value]).toEqual(['样本不足', '文昌市', 3]);

    const pdf = await as(t.app, null, { method: 'GET', url: `/api/v1/reports/${report.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'small-numbers-'));
    try {
      const file = path.join(dir, 'report.pdf');
      writeFileSync(file, pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain('样本不足（留言不足30件，不参与排名）');
      expect(text).toContain('文昌市');
      expect(text).not.toMatch(/同比增长\d/);
      expect(text).toContain('对比期留言不足30件时不计增长率与变化');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reports of finished periods without asking', () => {
  it('lists the half-years since the first message and the last weeks, never one still running', () => {
    expect(catchUpPeriods('half_year', '2019-04-15', '2020-08-01')).toEqual([
      { from: '2019-01-01', to: '2019-06-30' },
      { from: '2019-07-01', to: '2019-12-31' },
      { from: '2020-01-01', to: '2020-06-30' },
    ]);
    const weeks = catchUpPeriods('weekly', '2019-04-15', '2020-08-05');
    expect(weeks).toHaveLength(CATCH_UP_WEEKS);
    expect(weeks.at(-1)).toEqual({ from: '2020-07-27', to: '2020-08-02' });
    expect(catchUpPeriods('weekly', '2020-07-30', '2020-08-05')).toEqual([{ from: '2020-07-27', to: '2020-08-02' }]);
    expect(catchUpPeriods('half_year', null, '2020-08-01')).toEqual([]);
  });

  it('makes the missing half-year reports of the country and every province once, and keeps the one made on demand', async () => {
    const now = new Date('2020-07-08T12:00:00+08:00');
    const first = await generateMissingReports(t.db, now);
    const provinces = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM regions WHERE level IN ('national', 'province')`.execute(t.db)).rows[0]!.n);
    // 2019 H1, 2019 H2, 2020 H1 for every region but 海南 2020 H1 (made on demand above); 8 weeks each.
    expect(first.stored).toBe(provinces * 3 - 1 + provinces * CATCH_UP_WEEKS);
    const hainan = await sql<{ period: string; complete: boolean; version: number }>`
      SELECT period_from::text AS period, complete, version FROM stat_reports WHERE region_code = '460000' AND kind = 'half_year' ORDER BY period_from`.execute(t.db);
    expect(hainan.rows.map((r) => [r.period, r.complete, r.version])).toEqual([
      ['2019-01-01', true, 1],
      ['2019-07-01', true, 1],
      ['2020-01-01', true, 1],
    ]);
    const again = await generateMissingReports(t.db, now);
    expect(again.stored).toBe(0);
  }, 300_000);
});

describe('a period still running', () => {
  it('marks the month of today partial in a time series, and the months before it not', async () => {
    const today = shanghaiDay(new Date());
    const from = `${today.slice(0, 7)}-01`;
    const previous = new Date(`${from}T00:00:00Z`);
    previous.setUTCMonth(previous.getUTCMonth() - 1);
    const series = await get<StatTimeseries>(null, `/api/v1/stats/timeseries?region=460000&from=${previous.toISOString().slice(0, 10)}&to=${today}&interval=month`);
    expect(series.points.map((p) => p.partial)).toEqual([false, true]);
    const past = await get<StatTimeseries>(null, `/api/v1/stats/timeseries?region=460000&${H1}&interval=month`);
    expect(past.points.every((p) => !p.partial)).toBe(true);
  });
});
