/**
 * A report as an Excel workbook (exceljs): one sheet of headline figures and
 * one per table (rankings, fields, hot terms, trend, leader boards; weekly:
 * cases and overdue units). Headers are Chinese; counts are numbers and rates
 * are numbers with a percentage format, so the sheet can be summed and charted.
 */
import ExcelJS from 'exceljs';
import { BOARD_LEVEL_LABELS, changeBaseOf, figureDelta, growthText, REPORT_FIGURES, type ReportContent } from '../../../shared/reports.js';
import type { GrowthReason } from '../../../shared/stats.js';
import { beijingTime, FIGURE_LABELS, PEER_LABELS } from './report-labels.js';

const PERCENT = '0.0%';
const COUNT = '#,##0';
const DAYS = '0.0';
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };

type Kind = 'text' | 'count' | 'rate' | 'days' | 'decimal';
interface Col {
  header: string;
  kind: Kind;
  width: number;
}

const FORMATS: Record<Kind, string | undefined> = { text: undefined, count: COUNT, rate: PERCENT, days: DAYS, decimal: '0.0' };

/** A sheet with a bold header row (kept in view while scrolling) and typed columns. */
function addTable(book: ExcelJS.Workbook, name: string, columns: Col[], rows: Array<Array<string | number | null>>): ExcelJS.Worksheet {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {} }));
  styleHeader(sheet.getRow(1));
  for (const row of rows) sheet.addRow(row);
  return sheet;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center' };
  row.eachCell((cell) => {
    cell.fill = HEAD_FILL;
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF1F4E79' } } };
  });
}

/** A growth as a number (formatted as a percentage), or 新增 / — where the baseline does not bear one. */
function growthCell(growth: number | null, reason: GrowthReason | null | undefined): number | string {
  return growth === null ? growthText(null, reason) : growth;
}

/** Renders the workbook as .xlsx bytes. */
export async function renderReportXlsx(report: ReportContent): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '民声平台';
  book.title = report.title;
  book.created = new Date(report.generatedAt);

  // ── 概况: title, headline, the figure table ────────────────────────────────
  const overview = book.addWorksheet('概况');
  overview.columns = [{ width: 26 }, { width: 16 }, { width: 16 }, { width: 14 }];
  overview.mergeCells('A1:D1');
  overview.getCell('A1').value = report.title;
  overview.getCell('A1').font = { bold: true, size: 14 };
  const meta: Array<[string, string]> = [
    ['地区', report.region.name],
    ['统计期间', `${report.period.from} 至 ${report.period.to}${report.period.complete ? '' : `（数据截至 ${report.period.asOf}）`}`],
    ['对比期间', `${report.comparison.from} 至 ${report.comparison.to}`],
    ['生成时间', `${beijingTime(report.generatedAt)}（北京时间）`],
  ];
  for (const [label, value] of meta) {
    const row = overview.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    overview.mergeCells(row.number, 2, row.number, 4);
  }
  const headlineRow = overview.addRow([[report.headline, ...report.paragraphs].join('\n')]);
  overview.mergeCells(headlineRow.number, 1, headlineRow.number, 4);
  headlineRow.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  // Excel does not grow merged rows to fit: give the text room (about 40 characters a line).
  headlineRow.height = Math.max(60, Math.ceil(([report.headline, ...report.paragraphs].join('').length / 40 + report.paragraphs.length + 1) * 16));
  overview.addRow([]);
  const head = overview.addRow(['指标', report.kind === 'half_year' ? '本期' : '本周', report.kind === 'half_year' ? '去年同期' : '上周', report.kind === 'half_year' ? '同比' : '环比']);
  styleHeader(head);
  const base = changeBaseOf(report);
  for (const { key, kind } of REPORT_FIGURES) {
    const now = report.figures[key] as number | null;
    const before = report.previous[key] as number | null;
    // Counts: growth as a percentage; rates and days: the difference in the figure's own unit;
    // 新增 / — where a baseline is too small (docs/metrics.md "Small numbers").
    const delta = figureDelta(kind, now, before, base);
    const change = delta.value === null ? (kind === 'count' && delta.reason === 'new' ? '新增' : '—') : delta.value;
    const row = overview.addRow([FIGURE_LABELS[key], now, before, change]);
    const format = kind === 'rate' ? PERCENT : kind === 'days' ? DAYS : COUNT;
    row.getCell(2).numFmt = format;
    row.getCell(3).numFmt = format;
    row.getCell(4).numFmt = kind === 'days' ? '+0.0;-0.0;0.0' : '+0.0%;-0.0%;0.0%';
    row.getCell(4).alignment = { horizontal: 'right' };
  }
  if (report.thresholds) {
    const noteRow = overview.addRow([`注：对比期留言不足${report.thresholds.growthMinBase}件时不计增长率（新增：对比期为0；—：基数不足）。`]);
    overview.mergeCells(noteRow.number, 1, noteRow.number, 4);
    noteRow.getCell(1).font = { italic: true, color: { argb: 'FF666666' } };
  }

  // ── 层级 ──────────────────────────────────────────────────────────────────
  addTable(
    book,
    '层级',
    [
      { header: '层级', kind: 'text', width: 12 },
      { header: '留言量', kind: 'count', width: 12 },
      { header: '占比', kind: 'rate', width: 10 },
      { header: '回复量', kind: 'count', width: 12 },
      { header: '回复占比', kind: 'rate', width: 10 },
      { header: '回复率', kind: 'rate', width: 10 },
    ],
    report.levels.map((l) => [BOARD_LEVEL_LABELS[l.level], l.received, l.share, l.replied, l.repliedShare, l.replyRate]),
  );

  if (report.rankings) {
    addTable(
      book,
      '排名',
      [
        { header: '排名', kind: 'count', width: 8 },
        { header: PEER_LABELS[report.rankings.peers], kind: 'text', width: 16 },
        { header: '地区代码', kind: 'text', width: 10 },
        { header: '总热度', kind: 'decimal', width: 10 },
        { header: '留言量', kind: 'count', width: 12 },
        { header: '回复量', kind: 'count', width: 12 },
        { header: '回复率', kind: 'rate', width: 10 },
        { header: '满意率', kind: 'rate', width: 10 },
        { header: '零回复', kind: 'text', width: 8 },
      ],
      [
        ...report.rankings.items.map((r) => [
          r.rank,
          r.region.name,
          r.region.code,
          r.heat,
          r.received,
          r.replied,
          r.replyRate,
          r.satisfactionRate,
          report.zeroReply.some((z) => z.code === r.region.code) ? '是' : '',
        ]),
        // Too few messages to rank: listed after the ranked, without a rank or 总热度.
        ...(report.rankings.insufficient ?? []).map((r) => [
          `样本不足`,
          r.region.name,
          r.region.code,
          '—',
          r.received,
          r.replied,
          r.replyRate,
          r.satisfactionRate,
          report.zeroReply.some((z) => z.code === r.region.code) ? '是' : '',
        ]),
      ],
    );
  }

  addTable(
    book,
    '领域',
    [
      { header: '领域', kind: 'text', width: 20 },
      { header: '留言量', kind: 'count', width: 12 },
      { header: '占比', kind: 'rate', width: 10 },
      { header: report.kind === 'half_year' ? '同比' : '环比', kind: 'rate', width: 10 },
    ],
    report.fields.map((f) => [f.name, f.count, f.share, growthCell(f.growth, f.growthReason)]),
  );

  addTable(
    book,
    '热词',
    [
      { header: '热词', kind: 'text', width: 16 },
      { header: '出现留言数', kind: 'count', width: 12 },
      { header: '占比', kind: 'rate', width: 10 },
      { header: '上期', kind: 'count', width: 12 },
      { header: '增长', kind: 'rate', width: 10 },
    ],
    report.terms.map((t) => [t.term, t.count, t.share, t.previous, growthCell(t.growth, t.growthReason)]),
  );

  addTable(
    book,
    '走势',
    [
      { header: report.kind === 'half_year' ? '月份' : '日期', kind: 'text', width: 12 },
      { header: '留言量', kind: 'count', width: 12 },
      { header: '回复量', kind: 'count', width: 12 },
      { header: '回复率', kind: 'rate', width: 10 },
      { header: '满意率', kind: 'rate', width: 10 },
    ],
    // A month or day not over when the report was made: its reply rate is not final yet.
    report.trend.map((p) => [p.partial ? `${p.period}（未结束）` : p.period, p.received, p.replied, p.replyRate, p.satisfactionRate]),
  );

  if (report.boards) {
    addTable(
      book,
      '留言板',
      [
        { header: '分组', kind: 'text', width: 12 },
        { header: '留言板', kind: 'text', width: 24 },
        { header: '留言量', kind: 'count', width: 12 },
        { header: '回复量', kind: 'count', width: 12 },
        { header: '回复率', kind: 'rate', width: 10 },
        { header: '满意率', kind: 'rate', width: 10 },
      ],
      [
        ...report.boards.top.map((b) => ['回复率较高', b.name, b.received, b.replied, b.replyRate, b.satisfactionRate]),
        ...report.boards.bottom.map((b) => ['回复率较低', b.name, b.received, b.replied, b.replyRate, b.satisfactionRate]),
      ],
    );
  }

  if (report.notableCases) {
    addTable(
      book,
      '典型案例',
      [
        { header: '留言编号', kind: 'text', width: 20 },
        { header: '标题', kind: 'text', width: 48 },
        { header: '答复单位', kind: 'text', width: 24 },
        { header: '留言板', kind: 'text', width: 18 },
        { header: '办结时间（北京时间）', kind: 'text', width: 22 },
      ],
      report.notableCases.map((c) => [c.number, c.title, c.unit, c.board, beijingTime(c.closedAt)]),
    );
  }

  if (report.overdueUnits) {
    addTable(
      book,
      '超期单位',
      [
        { header: '单位', kind: 'text', width: 32 },
        { header: '在办', kind: 'count', width: 10 },
        { header: '超期', kind: 'count', width: 10 },
      ],
      report.overdueUnits.map((u) => [u.unit.name, u.open, u.overdue]),
    );
  }

  return Buffer.from(await book.xlsx.writeBuffer());
}
