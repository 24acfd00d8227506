/**
 * The bulletin and the assessment as Excel workbooks (exceljs, as the reports):
 * one sheet of units (ranked first, then 样本不足), one sheet explaining the
 * score. Counts are numbers and rates numbers with a percentage format, so the
 * sheet can be summed, sorted and charted.
 */
import ExcelJS from 'exceljs';
import type { Assessment, Bulletin, BulletinRow, UnitCounts, UnitRates } from '../../../shared/oversight.js';
import { formulaText, PART_LABELS, unitLine } from './oversight-labels.js';

const PERCENT = '0.00%';
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };

type Row = UnitCounts & UnitRates & { unit: { id: number; name: string; regionCode: string }; score: number | null; rank: number | null };

const UNIT_COLUMNS: Array<{ header: string; width: number; rate?: boolean; value: (r: Row) => string | number | null }> = [
  { header: '排名', width: 8, value: (r) => r.rank ?? '样本不足' },
  { header: '单位', width: 30, value: (r) => r.unit.name },
  { header: '地区代码', width: 10, value: (r) => r.unit.regionCode },
  { header: '综合得分', width: 10, value: (r) => r.score },
  { header: '留言量', width: 9, value: (r) => r.received },
  { header: '回复量', width: 9, value: (r) => r.replied },
  { header: '回复率', width: 10, rate: true, value: (r) => r.replyRate },
  { header: '按时回复', width: 9, value: (r) => r.onTime },
  { header: '超时回复', width: 9, value: (r) => r.late },
  { header: '按时回复率', width: 11, rate: true, value: (r) => r.onTimeRate },
  { header: '应签收', width: 9, value: (r) => r.signDue },
  { header: '按时签收', width: 9, value: (r) => r.signedOnTime },
  { header: '按时签收率', width: 11, rate: true, value: (r) => r.onTimeSignRate },
  { header: '参评量', width: 9, value: (r) => r.rated },
  { header: '满意（含基本满意）', width: 12, value: (r) => r.satisfied },
  { header: '满意率', width: 10, rate: true, value: (r) => r.satisfactionRate },
  { header: '重办', width: 8, value: (r) => r.reopened },
  { header: '重办率', width: 10, rate: true, value: (r) => r.reopenRate },
];

function unitSheet(book: ExcelJS.Workbook, name: string, rows: Row[], extra: Array<{ header: string; value: (r: Row, i: number) => number | null }> = []): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  sheet.columns = [
    ...UNIT_COLUMNS.map((c) => ({ header: c.header, width: c.width, style: c.rate ? { numFmt: PERCENT } : {} })),
    ...extra.map((c) => ({ header: c.header, width: 10, style: { numFmt: '0.00' } })),
  ];
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = HEAD_FILL));
  rows.forEach((r, i) => sheet.addRow([...UNIT_COLUMNS.map((c) => c.value(r)), ...extra.map((c) => c.value(r, i))]));
}

function notesSheet(book: ExcelJS.Workbook, lines: Array<[string, string]>): void {
  const sheet = book.addWorksheet('说明');
  sheet.columns = [{ width: 18 }, { width: 100 }];
  for (const [label, value] of lines) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true };
  }
}

export async function renderBulletinXlsx(b: Bulletin): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '民声平台';
  book.title = `${b.region.name}${b.year}年第${b.quarter}季度留言办理通报`;
  const rows: BulletinRow[] = [...b.ranked, ...b.unranked];
  unitSheet(book, '季度通报', rows);
  notesSheet(book, [
    ['标题', book.title],
    ['统计期间', `${b.from} 至 ${b.to}（按留言接收日期，数据截至生成时）`],
    ['生成时间', b.generatedAt],
    ['表扬（得分最高）', b.best ? unitLine(b.best) : '—'],
    ['通报（得分最低）', b.worst ? unitLine(b.worst) : '—'],
    ['计算方法', formulaText(b.minVolume)],
    ...(Object.keys(PART_LABELS) as Array<keyof typeof PART_LABELS>).map((p): [string, string] => [PART_LABELS[p], `权重 ${b.weights[p]}`]),
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function renderAssessmentXlsx(a: Assessment): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '民声平台';
  book.title = `${a.region.name}${a.year}年度留言办理考核数据`;
  unitSheet(book, '年度考核', a.items, [1, 2, 3, 4].map((q) => ({ header: `第${q}季度得分`, value: (_r: Row, i: number) => a.items[i]!.quarters[q - 1] ?? null })));
  notesSheet(book, [
    ['标题', book.title],
    ['统计期间', `${a.from} 至 ${a.to}${a.partial ? '（年度尚未结束，数据仍在变化）' : ''}`],
    ['生成时间', a.generatedAt],
    ['计算方法', formulaText(a.minVolume)],
    ['季度得分', '已结束且留言量达到季度最低样本量的季度才给出得分，否则为空。'],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
