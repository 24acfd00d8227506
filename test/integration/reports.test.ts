/**
 * Data reports through the API, on a small data set counted by hand: messages
 * made through the real services (test/support/messages.ts), some received in
 * the first half of 2026 and 2025 (back-dated, as if they had arrived then),
 * some this week. The half-year report, the weekly digest, their XLSX and PDF
 * files read back (exceljs; poppler's pdftotext and pdftoppm), the scheduled
 * jobs run twice, a subscriber's e-mail, and the requests that must change nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/server/jobs/jobs.js';
import { shanghaiDay } from '../../src/server/modules/calendar/working-days.js';
import { rateMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { reportJobs } from '../../src/server/modules/reports/reports.jobs.js';
import { generateReport } from '../../src/server/modules/reports/reports.service.js';
import { maskPersonalData } from '../../src/shared/mask.js';
import { addDays, lastCompletePeriod, mondayOf, type ReportDetail, type ReportSummary } from '../../src/shared/reports.js';
import { as, buildTestApp, login, type Session, type TestApp } from '../support/app.js';
import { countRows } from '../support/factories.js';
import { actorOf, makeMessage, receivedOn } from '../support/messages.js';

const CITIZEN = '13907910001';

let t: TestApp;
let analyst: Session;
let admin: Session;
let leader: Session;
let citizen: Session;
let dir: string;


async function messages(count: number, options: Parameters<typeof makeMessage>[1]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await makeMessage(t.db, options));
  return ids;
}

async function rate(id: string, score: number): Promise<void> {
  await rateMessage(t.db, await actorOf(t.db, CITIZEN), id, { resolution: score, attitude: score, speed: score });
}

function post(session: Session | null, url: string, payload: Record<string, unknown>) {
  return as(t.app, session, { method: 'POST', url, payload });
}

function get(session: Session | null, url: string) {
  return as(t.app, session, { method: 'GET', url });
}

function poppler(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${command} not found: install poppler-utils`, { cause: error });
    throw error;
  }
}

const squash = (text: string) => text.replace(/\s+/g, '');

const today = () => shanghaiDay(new Date());

beforeAll(async () => {
  t = await buildTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'reports-test-'));
  analyst = await login(t.app, 'analyst');
  admin = await login(t.app, 'admin');
  leader = await login(t.app, 'leader');
  citizen = await login(t.app, CITIZEN);

  // 2026 H1, 江西: 10 received, 5 replied (2 of them rated and so closed), in 南昌 and 抚州.
  const provinceBoard = [
    ...(await messages(2, { author: CITIZEN, state: 'accepted', regionCode: '360102', fieldCode: 'health', title: '社区卫生服务中心夜间无人值班' })),
    ...(await messages(4, { author: CITIZEN, state: 'replied', regionCode: '360102', fieldCode: 'health', title: '社区卫生服务中心夜间无人值班' })),
  ];
  await rate(provinceBoard[2]!, 5);
  await rate(provinceBoard[3]!, 4);
  await receivedOn(t.db, provinceBoard, '2026-03-10');
  const cityBoard = await messages(2, { author: CITIZEN, board: '南昌市委书记', state: 'accepted', regionCode: '360102', fieldCode: 'education', title: '学校周边道路拥堵接送困难' });
  const cityReplied = await messages(1, { author: CITIZEN, board: '南昌市委书记', state: 'replied', regionCode: '360102', fieldCode: 'education', title: '学校周边道路拥堵接送困难' });
  await receivedOn(t.db, [...cityBoard, ...cityReplied], '2026-05-20');
  const fuzhou = await messages(1, { author: CITIZEN, board: '抚州市委书记', state: 'accepted', regionCode: '361023', fieldCode: 'health', title: '乡镇卫生院缺少儿科医生' });
  await receivedOn(t.db, fuzhou, '2026-06-15');
  // 2025 H1, the year before: 2 received, 1 replied.
  const lastYear = [...(await messages(1, { author: CITIZEN, state: 'accepted', regionCode: '360102' })), ...(await messages(1, { author: CITIZEN, state: 'replied', regionCode: '360102' }))];
  await receivedOn(t.db, lastYear, '2025-04-01');
}, 240_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

describe('the half-year report', () => {
  let report: ReportDetail;

  beforeAll(async () => {
    const res = await post(analyst, '/api/v1/reports', { kind: 'half_year', region: '360000', period: '2026-H1' });
    expect(res.statusCode, res.body).toBe(201);
    report = res.json();
  });

  it('holds the figures counted by hand: 10 received, 5 replied, levels 60% / 40%, and no growth over a baseline of 2', () => {
    const c = report.content;
    expect(report.kind).toBe('half_year');
    expect(report.period).toMatchObject({ from: '2026-01-01', to: '2026-06-30', label: '2026年上半年' });
    expect(report.complete).toBe(true);
    expect(report.generatedBy?.displayName).toBe('民声通道数据分析员');
    expect(c.title).toBe('2026年上半年江西省网上群众工作数据报告');
    expect(c.figures.received).toBe(10);
    expect(c.figures.replied).toBe(5);
    expect(c.figures.replyRate).toBe(0.5);
    expect(c.figures.closed).toBe(2);
    expect(c.previous.received).toBe(2);
    expect(c.previous.replied).toBe(1);
    // 10 against 2 is no "+400%": the baseline is under the minimum (docs/metrics.md "Small numbers").
    expect(c.growth).toEqual({ received: null, replied: null });
    expect(c.growthReasons).toEqual({ received: 'small_base', replied: 'small_base' });
    expect(c.thresholds).toEqual({ minReceived: 30, growthMinBase: 30 });
    expect(c.figures.rated).toBe(2);
    expect(c.figures.satisfactionRate).toBe(1);
    expect(c.levels.filter((l) => l.received > 0).map((l) => [l.level, l.received, l.share])).toEqual([
      ['province', 6, 0.6],
      ['city', 4, 0.4],
    ]);
  });

  it('opens with a headline in the words of the published reports', () => {
    expect(report.content.headline).toBe(
      '2026年上半年，江西省网民通过民声平台留言10件；各级干部回复5件，回复率50%；办结2件，办结率20%；网民满意度100%。',
    );
  });

  it('ranks no city with fewer than 30 messages: 南昌 (9) and 抚州 (1) are listed apart as 样本不足, 抚州 among those without a reply', () => {
    const rankings = report.content.rankings!;
    expect(rankings.peers).toBe('city');
    expect(rankings.items).toEqual([]);
    expect(rankings.insufficient).toEqual([
      { region: { code: '360100', name: '南昌市', level: 'city' }, received: 9, replied: 5, replyRate: 5 / 9, satisfactionRate: 1 },
      { region: { code: '361000', name: '抚州市', level: 'city' }, received: 1, replied: 0, replyRate: 0, satisfactionRate: null },
    ]);
    expect(report.content.paragraphs).toContain('南昌市、抚州市留言不足30件，样本不足，未参与排名。');
    expect(report.content.zeroReply.map((r) => r.code)).toEqual(['361000']);
  });

  it('lists the fields, the monthly trend and the leader boards', () => {
    const c = report.content;
    expect(c.fields.map((f) => [f.code, f.count])).toEqual([
      ['health', 7],
      ['education', 3],
    ]);
    expect(c.trend.map((p) => [p.period, p.received])).toEqual([
      ['2026-01', 0],
      ['2026-02', 0],
      ['2026-03', 6],
      ['2026-04', 0],
      ['2026-05', 3],
      ['2026-06', 1],
    ]);
    expect(c.boards!.top).toEqual([{ name: '江西省委书记', received: 6, replied: 4, replyRate: 4 / 6, satisfactionRate: 1 }]);
    expect(c.boards!.bottom).toEqual([]);
    expect(c.notableCases).toBeNull();
    expect(c.overdueUnits).toBeNull();
  });

  it('is public: anyone reads it, and it is in the public list', async () => {
    const res = await get(null, `/api/v1/reports/${report.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().content.headline).toBe(report.content.headline);
    const list = (await get(citizen, '/api/v1/reports?kind=half_year&region=360000')).json() as { items: ReportSummary[] };
    expect(list.items.map((r) => r.id)).toEqual([report.id]);
  });

  it('exports an XLSX workbook with Chinese headers, numbers as numbers and rates as percentages', async () => {
    const res = await get(null, `/api/v1/reports/${report.id}/xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('2026年上半年江西省网上群众工作数据报告.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['概况', '层级', '排名', '领域', '热词', '走势', '留言板']);
    const overview = book.getWorksheet('概况')!;
    expect(overview.getCell('A1').value).toBe('2026年上半年江西省网上群众工作数据报告');
    const rows = new Map<string, ExcelJS.Row>();
    overview.eachRow((row) => rows.set(String(row.getCell(1).value), row));
    expect(rows.get('指标')!.values).toEqual([undefined, '指标', '本期', '去年同期', '同比']);
    const received = rows.get('留言量（件）')!;
    expect([received.getCell(2).value, received.getCell(3).value, received.getCell(4).value]).toEqual([10, 2, '—']);
    expect(rows.get('回复率')!.getCell(4).value).toBe('—'); // 5 of 10 against 1 of 2: no percentage points either
    const replyRate = rows.get('回复率')!;
    expect(replyRate.getCell(2).value).toBe(0.5);
    expect(replyRate.getCell(2).numFmt).toBe('0.0%');
    const ranking = book.getWorksheet('排名')!;
    expect(ranking.getRow(1).values).toEqual([undefined, '排名', '城市', '地区代码', '总热度', '留言量', '回复量', '回复率', '满意率', '零回复']);
    expect([1, 2, 4, 5].map((i) => ranking.getRow(2).getCell(i).value)).toEqual(['样本不足', '南昌市', '—', 9]);
    expect(ranking.getRow(2).getCell(7).numFmt).toBe('0.0%');
    const fields = book.getWorksheet('领域')!;
    expect([1, 2, 3].map((i) => fields.getRow(2).getCell(i).value)).toEqual(['医疗', 7, 0.7]);
    expect(fields.getRow(2).getCell(3).numFmt).toBe('0.0%');
  });

  it('exports a PDF whose text holds the Chinese headline, and whose first page renders to a picture', async () => {
    const res = await get(null, `/api/v1/reports/${report.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(dir, 'half-year.pdf');
    writeFileSync(file, res.rawPayload);
    const text = squash(poppler('pdftotext', ['-enc', 'UTF-8', file, '-']));
    expect(text).toContain(squash(report.content.headline));
    expect(text).toContain('2026年上半年江西省网上群众工作数据报告');
    expect(text).toContain('零回复地区：抚州市');
    expect(text).toContain('样本不足（留言不足30件，不参与排名）');
    poppler('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page1')]);
    const { data, info } = await sharp(readFileSync(path.join(dir, 'page1.png'))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(Math.round(info.width / 10)).toBe(60); // A4 at 72 dpi: about 595 × 842
    expect(Math.round(info.height / 10)).toBe(84);
    let ink = 0;
    for (let i = 0; i < data.length; i += info.channels) if (Math.min(data[i]!, data[i + 1]!, data[i + 2]!) < 160) ink++;
    // A page of text and tables inks a few per cent; a blank or tofu page far less.
    expect(ink / (info.width * info.height)).toBeGreaterThan(0.02);
  });

  it('replaces the report when generated again: the same id, version 2', async () => {
    const res = await post(admin, '/api/v1/reports', { kind: 'half_year', region: '360000', period: '2026-H1' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: report.id, version: 2, generatedBy: { displayName: '平台管理员' } });
    expect(await t.db.selectFrom('stat_reports').select('id').where('kind', '=', 'half_year').where('region_code', '=', '360000').execute()).toHaveLength(1);
  });
});

describe('the weekly digest', () => {
  let report: ReportDetail;
  let closedId: string;
  const phoneTitle = '小区路灯损坏请联系13800138000处理';

  beforeAll(async () => {
    // This week: 3 received, 2 replied, one of them closed 非常满意 (a notable case), one closed 满意 but not public.
    await messages(1, { author: CITIZEN, state: 'accepted', regionCode: '360102', fieldCode: 'health' });
    closedId = await makeMessage(t.db, { author: CITIZEN, state: 'replied', regionCode: '360102', fieldCode: 'health', title: phoneTitle });
    await rate(closedId, 5);
    const [hidden] = await messages(1, { author: CITIZEN, state: 'replied', regionCode: '360102', fieldCode: 'health', isPublic: false });
    await rate(hidden!, 4);
    const res = await post(analyst, '/api/v1/reports', { kind: 'weekly', region: '360000', period: today() });
    expect(res.statusCode, res.body).toBe(201);
    report = res.json();
  });

  it('covers this week up to today, with its figures, counted by hand', () => {
    const c = report.content;
    expect(report.period.from).toBe(mondayOf(today()));
    expect(report.period.to).toBe(addDays(mondayOf(today()), 6));
    expect(c.period.asOf).toBe(today());
    expect(report.complete).toBe(c.period.asOf === report.period.to);
    expect(c.figures.received).toBe(3);
    expect(c.figures.replied).toBe(2);
    expect(c.figures.closed).toBe(2);
    expect(c.trend.map((p) => p.received).reduce((a, b) => a + b, 0)).toBe(3);
    // Nothing on the same days of the week before: no growth, and the headline says so.
    expect(c.growthReasons).toEqual({ received: 'new', replied: 'new' });
    expect(c.headline).toMatch(/^本周（\d+月\d+日—\d+月\d+日），江西省网民留言3件，上周无留言；回复2件，上周无回复，回复率66\.7%；办结2件；网民满意度100%。$/);
  });

  it('names the public case closed to the author’s satisfaction, masked, with the unit that replied', () => {
    expect(report.content.notableCases).toEqual([
      expect.objectContaining({ id: Number(closedId), title: maskPersonalData(phoneTitle), unit: '江西省委民声通道工作室', grade: 'very_satisfied' }),
    ]);
    expect(report.content.notableCases![0]!.title).not.toContain('13800138000');
    expect(report.content.overdueUnits).toEqual([]);
  });

  it('is internal: staff with the statistics permission in scope read it, others are told it does not exist', async () => {
    expect((await get(leader, `/api/v1/reports/${report.id}`)).statusCode).toBe(200);
    for (const session of [null, citizen]) {
      const res = await get(session, `/api/v1/reports/${report.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect((await get(session, `/api/v1/reports/${report.id}/pdf`)).statusCode).toBe(404);
      const list = (await get(session, '/api/v1/reports?kind=weekly')).json() as { items: ReportSummary[] };
      expect(list.items).toEqual([]);
    }
    const staffList = (await get(leader, '/api/v1/reports')).json() as { items: ReportSummary[] };
    expect(staffList.items.map((r) => r.kind).sort()).toEqual(['half_year', 'weekly']);
  });

  it('prints the cases and the internal mark into the PDF', async () => {
    const res = await get(analyst, `/api/v1/reports/${report.id}/pdf`);
    expect(res.statusCode).toBe(200);
    const file = path.join(dir, 'weekly.pdf');
    writeFileSync(file, res.rawPayload);
    const text = squash(poppler('pdftotext', ['-enc', 'UTF-8', file, '-']));
    expect(text).toContain('内部资料');
    expect(text).toContain(squash(report.content.headline));
    expect(text).toContain(squash(maskPersonalData(phoneTitle)));
  });
});

describe('bad requests change nothing', () => {
  const nextYear = Number(today().slice(0, 4)) + 1;
  const cases: Array<[string, () => Session, Record<string, unknown>, number, string]> = [
    ['an unknown kind', () => analyst, { kind: 'monthly', region: '360000' }, 400, 'validation_failed'],
    ['a malformed region code', () => analyst, { kind: 'weekly', region: '36' }, 400, 'validation_failed'],
    ['a period that does not fit the kind', () => analyst, { kind: 'weekly', region: '360000', period: '2026-H1' }, 400, 'validation_failed'],
    ['a day that does not exist', () => analyst, { kind: 'weekly', region: '360000', period: '2026-02-30' }, 400, 'validation_failed'],
    ['an unknown region', () => analyst, { kind: 'weekly', region: '999999' }, 422, 'region_not_found'],
    ['a township', () => admin, { kind: 'weekly', region: '360102006' }, 400, 'validation_failed'],
    ['a region outside the analyst’s scope', () => analyst, { kind: 'half_year', region: '410000', period: '2026-H1' }, 403, 'region_out_of_scope'],
    ['a half in the future', () => analyst, { kind: 'half_year', region: '360000', period: `${nextYear}-H1` }, 422, 'report_period_future'],
    ['a week in the future', () => analyst, { kind: 'weekly', region: '360000', period: addDays(today(), 14) }, 422, 'report_period_future'],
    ['a role without report.manage', () => leader, { kind: 'weekly', region: '360000' }, 403, 'forbidden'],
  ];
  for (const [name, session, body, status, code] of cases) {
    it(`answers ${status} ${code} for ${name}`, async () => {
      const before = await countRows(t.db, 'stat_reports');
      const res = await post(session(), '/api/v1/reports', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
      expect(await countRows(t.db, 'stat_reports')).toBe(before);
    });
  }

  it('makes a county digest too (without rankings); a township code is refused above', async () => {
    const before = await countRows(t.db, 'stat_reports');
    const res = await post(analyst, '/api/v1/reports', { kind: 'weekly', region: '360102', period: '2026-06-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().content.rankings).toBeNull();
    expect(await countRows(t.db, 'stat_reports')).toBe(before + 1);
  });
});

describe('subscriptions and the schedule', () => {
  const jobContext = (): JobContext => ({ db: t.db, config: t.config, log: () => {}, trigger: async () => {} });
  const provinces = async () => (await t.db.selectFrom('regions').select('code').where('level', 'in', ['national', 'province']).execute()).length;

  it('takes an e-mail address from staff only, and only a well-formed one', async () => {
    const fromCitizen = await as(t.app, citizen, { method: 'PATCH', url: '/api/v1/me', payload: { email: 'citizen@example.cn' } });
    expect(fromCitizen.statusCode).toBe(400);
    expect(fromCitizen.json().errors[0]).toMatchObject({ field: 'email', code: 'staff_only' });
    const malformed = await as(t.app, analyst, { method: 'PATCH', url: '/api/v1/me', payload: { email: 'not an address' } });
    expect(malformed.statusCode).toBe(400);
    const empty = await as(t.app, analyst, { method: 'PATCH', url: '/api/v1/me', payload: {} });
    expect(empty.statusCode).toBe(400);
    const rows = await t.db.selectFrom('accounts').select('email').where('email', 'is not', null).execute();
    expect(rows).toEqual([]);
  });

  it('needs an e-mail address before subscribing', async () => {
    const res = await post(analyst, '/api/v1/report-subscriptions', { kind: 'weekly', region: '360000' });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('email_required');
    expect(await countRows(t.db, 'report_subscriptions')).toBe(0);
  });

  it('subscribes within the own region only, and a second subscribe changes nothing', async () => {
    const me = await as(t.app, analyst, { method: 'PATCH', url: '/api/v1/me', payload: { email: 'analyst@example.gov.cn' } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().account.email).toBe('analyst@example.gov.cn');
    const outside = await post(analyst, '/api/v1/report-subscriptions', { kind: 'weekly', region: '410000' });
    expect(outside.statusCode).toBe(403);
    const first = await post(analyst, '/api/v1/report-subscriptions', { kind: 'weekly', region: '360000' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'weekly', region: { code: '360000', name: '江西省' } });
    expect((await post(analyst, '/api/v1/report-subscriptions', { kind: 'weekly', region: '360000' })).statusCode).toBe(200);
    const list = (await get(analyst, '/api/v1/report-subscriptions')).json();
    expect(list.items).toHaveLength(1);
  });

  it('runs the weekly job twice, at once and again: one report per region, one e-mail to the subscriber', async () => {
    const [weekly] = reportJobs();
    const period = lastCompletePeriod('weekly', today());
    const outboxBefore = await countRows(t.db, 'outbox');
    await Promise.all([weekly!.run(jobContext()), weekly!.run(jobContext())]);
    await weekly!.run(jobContext());
    const stored = await t.db.selectFrom('stat_reports').select(['region_code', 'version', 'generated_by']).where('kind', '=', 'weekly').where('period_from', '=', period.from).execute();
    expect(stored).toHaveLength(await provinces());
    expect(stored.every((r) => r.version === 1 && r.generated_by === null)).toBe(true);
    const mails = await t.db.selectFrom('outbox').selectAll().where('recipient', '=', 'analyst@example.gov.cn').execute();
    expect(mails).toHaveLength(1);
    expect(await countRows(t.db, 'outbox')).toBe(outboxBefore + 1);
    const mail = mails[0]!;
    const id = (await t.db.selectFrom('stat_reports').select('id').where('kind', '=', 'weekly').where('region_code', '=', '360000').where('period_from', '=', period.from).executeTakeFirstOrThrow()).id;
    expect(mail.channel).toBe('email');
    expect(mail.subject).toMatch(/^【民声】江西省民声周报（\d{4}年第\d+周）$/);
    expect(mail.body).toContain('本周（');
    expect(mail.body).toContain(`/console/reports/${id}`);
  });

  it('replaces a report made before its week ended when the schedule runs, and keeps a complete one', async () => {
    const previous = lastCompletePeriod('weekly', addDays(mondayOf(today()), -7));
    // Made on demand on the Wednesday of that week: counted up to then.
    const early = await generateReport(t.db, await actorOf(t.db, 'analyst'), { kind: 'weekly', region: '360000', period: previous.from }, new Date(`${addDays(previous.from, 2)}T12:00:00+08:00`));
    expect(early.complete).toBe(false);
    expect(early.content.period.asOf).toBe(addDays(previous.from, 2));
    const weekly = reportJobs({ now: () => new Date(`${addDays(previous.to, 1)}T06:00:00+08:00`) })[0]!;
    await weekly.run(jobContext());
    const after = (await get(analyst, `/api/v1/reports/${early.id}`)).json() as ReportDetail;
    expect(after).toMatchObject({ id: early.id, version: 2, complete: true, generatedBy: null });
    await weekly.run(jobContext());
    expect(((await get(analyst, `/api/v1/reports/${early.id}`)).json() as ReportDetail).version).toBe(2);
  });

  it('leaves the on-demand half-year report alone when the half-year job runs, and fills in the other regions', async () => {
    const halfYear = reportJobs({ now: () => new Date('2026-07-01T06:00:00+08:00') })[1]!;
    await halfYear.run(jobContext());
    const rows = await t.db.selectFrom('stat_reports').select(['region_code', 'version']).where('kind', '=', 'half_year').where('period_from', '=', '2026-01-01').execute();
    expect(rows).toHaveLength(await provinces());
    expect(rows.find((r) => r.region_code === '360000')!.version).toBe(2);
    const country = (await get(null, '/api/v1/reports?kind=half_year&region=000000')).json() as { items: ReportSummary[] };
    const national = (await get(null, `/api/v1/reports/${country.items[0]!.id}`)).json() as ReportDetail;
    expect(national.content.figures.received).toBe(10);
    expect(national.content.rankings!.insufficient![0]!.region.code).toBe('360000');
    expect(national.content.headline).toMatch(/^2026年上半年，全国网民通过民声平台留言10件/);
  });

  it('unsubscribes', async () => {
    const res = await as(t.app, analyst, { method: 'DELETE', url: '/api/v1/report-subscriptions?kind=weekly&region=360000' });
    expect(res.statusCode).toBe(204);
    expect(await countRows(t.db, 'report_subscriptions')).toBe(0);
  });
});
