import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderReportXlsx } from './report-xlsx.js';
import { sampleReport } from './report-sample.js';

async function load(kind: 'half_year' | 'weekly'): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await renderReportXlsx(sampleReport(kind))) as unknown as ArrayBuffer);
  return book;
}

describe('renderReportXlsx', () => {
  it('gives a half-year report a sheet of headline figures and one per table', async () => {
    const book = await load('half_year');
    expect(book.worksheets.map((s) => s.name)).toEqual(['概况', '层级', '排名', '领域', '热词', '走势', '留言板']);
    const overview = book.getWorksheet('概况')!;
    expect(overview.getCell('A1').value).toBe('2026年上半年全国网上群众工作数据报告');
    const rows = new Map<string, ExcelJS.Row>();
    overview.eachRow((row) => rows.set(String(row.getCell(1).value), row));
    const received = rows.get('留言量（件）')!;
    expect(received.getCell(2).value).toBe(331_000);
    expect(received.getCell(2).numFmt).toBe('#,##0');
    expect(received.getCell(4).value).toBeCloseTo(331_000 / 216_300 - 1);
    const rate = rows.get('回复率')!;
    expect(typeof rate.getCell(2).value).toBe('number');
    expect(rate.getCell(2).numFmt).toBe('0.0%');
    const days = rows.get('平均回复用时（工作日）')!;
    expect(days.getCell(2).numFmt).toBe('0.0');
    const ranking = book.getWorksheet('排名')!;
    expect(ranking.getRow(1).getCell(2).value).toBe('省份');
    expect([1, 2, 3, 5].map((i) => ranking.getRow(2).getCell(i).value)).toEqual([1, '四川省', '510000', 36_512]);
    expect(ranking.getRow(14).getCell(9).value).toBe('是'); // 青海省, no reply
    const trend = book.getWorksheet('走势')!;
    expect(trend.getRow(2).getCell(1).value).toBe('2026-01');
  });

  it('lists the regions with too few messages after the ranked ones, marked 样本不足 and without 总热度', async () => {
    const ranking = (await load('half_year')).getWorksheet('排名')!;
    const rows: unknown[][] = [];
    ranking.eachRow((row) => rows.push([row.getCell(1).value, row.getCell(2).value, row.getCell(4).value, row.getCell(5).value]));
    expect(rows.slice(-2)).toEqual([
      ['样本不足', '西藏自治区', '—', 4],
      ['样本不足', '台湾省', '—', 3],
    ]);
  });

  it('writes 新增 and — instead of a growth over a baseline of 0 or under the minimum', async () => {
    const fields = (await load('half_year')).getWorksheet('领域')!;
    const growthOf = new Map<string, unknown>();
    fields.eachRow((row) => growthOf.set(String(row.getCell(1).value), row.getCell(4).value));
    expect(growthOf.get('体育')).toBe('新增');
    expect(growthOf.get('文化旅游')).toBe('—');
    expect(growthOf.get('城乡建设')).toBe(0.2);
  });

  it('gives the cases their closing time in Beijing time, labelled so', async () => {
    const cases = (await load('weekly')).getWorksheet('典型案例')!;
    expect(cases.getRow(1).getCell(5).value).toBe('办结时间（北京时间）');
    // 2026-11-18T06:00:00Z is 14:00 in Beijing.
    expect(cases.getRow(2).getCell(5).value).toBe('2026年11月18日 14:00');
  });

  it('adds the cases and the overdue units to a weekly digest', async () => {
    const book = await load('weekly');
    expect(book.worksheets.map((s) => s.name)).toEqual(['概况', '层级', '领域', '热词', '走势', '典型案例', '超期单位']);
    expect(book.getWorksheet('超期单位')!.getRow(2).values).toEqual([undefined, '南昌市住房和城乡建设局', 14, 5]);
    expect(book.getWorksheet('典型案例')!.getRow(3).getCell(2).value).toBe('小区路灯长期损坏无人维修，联系电话138****5678');
  });
});
