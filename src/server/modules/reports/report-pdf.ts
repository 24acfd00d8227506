/**
 * A report as an A4 PDF: the title, the headline paragraphs, the figure
 * table, rankings, hot topics, the leader boards and the trend (half-year),
 * notable cases and overdue units (weekly), with page numbers. The web's
 * report page shows the same content; both read the stored snapshot.
 */
import {
  BOARD_LEVEL_LABELS,
  changeBaseOf,
  figureChange,
  formatRate,
  growthText,
  REPORT_FIGURES,
  type ReportContent,
  type ReportFigureKey,
} from '../../../shared/reports.js';
import { DEFAULT_STAT_THRESHOLDS, type StatFigures } from '../../../shared/stats.js';
import { beijingTime, FIGURE_LABELS, figureText, PEER_LABELS } from './report-labels.js';
import { CJK_FONT, CJK_FONT_BOLD, createPdfDocument, mm, pdfToBuffer } from '../../pdf/pdf-document.js';

const INK = '#1f1f1f';
const MUTED = '#595959';
const ACCENT = '#1f4e79';
const RED = '#c00000';
const RULE = '#bfbfbf';
const HEAD_FILL = '#e8eef5';
const STRIPE = '#f7f7f7';

const BODY_SIZE = 11;
const TABLE_SIZE = 9.5;

const SECTION_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const count = (n: number) => n.toLocaleString('zh-CN');
const dayText = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

interface Column {
  header: string;
  /** Share of the table's width. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * Renders the report. Throws PdfFontMissingError when the font package is not
 * installed.
 */
export async function renderReportPdf(report: ReportContent): Promise<Buffer> {
  const doc = createPdfDocument({
    title: report.title,
    author: '民声平台',
    subject: report.headline.slice(0, 120),
    margins: { top: mm(20), right: mm(20), bottom: mm(22), left: mm(20) },
    bufferPages: true,
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  // ── the head: title, the period, a rule ─────────────────────────────────
  if (report.kind === 'weekly') {
    doc.font(CJK_FONT_BOLD).fontSize(10).fillColor(RED).text('内部资料 注意保存', left, doc.page.margins.top - 14, { width, align: 'right' });
  }
  doc.font(CJK_FONT_BOLD).fillColor(ACCENT);
  let titleSize = 20;
  while (titleSize > 14 && doc.fontSize(titleSize).widthOfString(report.title) > width) titleSize -= 1;
  doc.fontSize(titleSize).text(report.title, left, doc.page.margins.top + 4, { width, align: 'center' });
  doc.moveDown(0.4);
  const asOf = report.period.complete ? '' : `（数据截至${dayText(report.period.asOf)}）`;
  doc.font(CJK_FONT).fontSize(10).fillColor(MUTED);
  for (const line of [
    `统计期间：${dayText(report.period.from)}—${dayText(report.period.to)}${asOf}`,
    `对比期间：${report.comparison.label}`,
    `生成时间：${beijingTime(report.generatedAt)}（北京时间）　数据来源：民声平台`,
  ]) {
    doc.text(line, left, doc.y, { width, align: 'center' });
  }
  doc.moveDown(0.4);
  const ruleY = doc.y;
  doc.moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(1.4).strokeColor(ACCENT).stroke();
  doc.y = ruleY + 12;

  let section = 0;
  const heading = (text: string, minFollowing = 60) => {
    doc.moveDown(0.7);
    ensureSpace(24 + minFollowing);
    const number = SECTION_NUMBERS[section++] ?? String(section);
    doc.font(CJK_FONT_BOLD).fontSize(13).fillColor(ACCENT).text(`${number}、${text}`, left, doc.y, { width });
    doc.moveDown(0.3);
  };
  const paragraph = (text: string) => {
    doc.font(CJK_FONT).fontSize(BODY_SIZE).fillColor(INK).text(text, left, doc.y, { width, indent: BODY_SIZE * 2, lineGap: 3, align: 'justify' });
    doc.moveDown(0.3);
  };
  const note = (text: string) => {
    doc.font(CJK_FONT).fontSize(9).fillColor(MUTED).text(text, left, doc.y, { width, lineGap: 2 });
  };
  const subheading = (text: string) => {
    doc.moveDown(0.3);
    ensureSpace(40);
    doc.font(CJK_FONT_BOLD).fontSize(10.5).fillColor(INK).text(text, left, doc.y, { width });
    doc.moveDown(0.2);
  };

  /** A ruled table whose header row repeats on every page it spans; a row never splits. */
  const table = (columns: Column[], rows: string[][]) => {
    const pad = 4;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * width);
    const rowHeight = (cells: string[], bold: boolean) => {
      doc.font(bold ? CJK_FONT_BOLD : CJK_FONT).fontSize(TABLE_SIZE);
      return Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 2 * pad, lineGap: 1 }))) + 2 * pad;
    };
    const drawRow = (cells: string[], y: number, height: number, kind: 'head' | 'odd' | 'even') => {
      let x = left;
      if (kind !== 'odd') doc.rect(left, y, width, height).fill(kind === 'head' ? HEAD_FILL : STRIPE);
      doc.font(kind === 'head' ? CJK_FONT_BOLD : CJK_FONT).fontSize(TABLE_SIZE).fillColor(INK);
      cells.forEach((cell, i) => {
        doc.text(cell, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? 'left', lineGap: 1 });
        x += widths[i]!;
      });
    };
    const rule = (y: number, color: string, lineWidth: number) => doc.lineWidth(lineWidth).strokeColor(color).moveTo(left, y).lineTo(left + width, y).stroke();
    const headers = columns.map((c) => c.header);
    const headHeight = rowHeight(headers, true);
    let y = doc.y;
    const startPage = () => {
      drawRow(headers, y, headHeight, 'head');
      rule(y, ACCENT, 0.8);
      rule(y + headHeight, RULE, 0.5);
      y += headHeight;
    };
    if (y + headHeight + rowHeight(rows[0] ?? headers, false) > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    startPage();
    rows.forEach((cells, index) => {
      const height = rowHeight(cells, false);
      if (y + height > bottom()) {
        rule(y, ACCENT, 0.8);
        doc.addPage();
        y = doc.page.margins.top;
        startPage();
      }
      drawRow(cells, y, height, index % 2 === 0 ? 'odd' : 'even');
      y += height;
    });
    rule(y, ACCENT, 0.8);
    doc.x = left;
    doc.y = y + 6;
  };

  // ── 一、总体情况 ─────────────────────────────────────────────────────────
  heading('总体情况');
  paragraph(report.headline);
  for (const p of report.paragraphs) paragraph(p);

  // ── 二、主要数据 ─────────────────────────────────────────────────────────
  heading('主要数据', 120);
  const compareHead = report.kind === 'half_year' ? '去年同期' : '上周';
  const figureValue = (f: StatFigures, key: ReportFigureKey) => f[key] as number | null;
  table(
    [
      { header: '指标', width: 3 },
      { header: report.kind === 'half_year' ? '本期' : '本周', width: 2, align: 'right' },
      { header: compareHead, width: 2, align: 'right' },
      { header: report.kind === 'half_year' ? '同比' : '环比', width: 2, align: 'right' },
    ],
    REPORT_FIGURES.map(({ key, kind }) => [
      FIGURE_LABELS[key],
      figureText(kind, figureValue(report.figures, key)),
      figureText(kind, figureValue(report.previous, key)),
      figureChange(kind, figureValue(report.figures, key), figureValue(report.previous, key), changeBaseOf(report)),
    ]),
  );
  note(`对比期留言不足${changeBaseOf(report).min}件时不计增长率与变化（新增：对比期为0；—：基数不足）。`);

  // ── 三、留言层级 ─────────────────────────────────────────────────────────
  const levels = report.levels.filter((l) => l.received > 0 || l.replied > 0);
  if (levels.length > 0) {
    heading('留言层级分布');
    table(
      [
        { header: '层级', width: 2 },
        { header: '留言量', width: 2, align: 'right' },
        { header: '占比', width: 2, align: 'right' },
        { header: '回复量', width: 2, align: 'right' },
        { header: '回复占比', width: 2, align: 'right' },
        { header: '回复率', width: 2, align: 'right' },
      ],
      levels.map((l) => [BOARD_LEVEL_LABELS[l.level], count(l.received), formatRate(l.share), count(l.replied), formatRate(l.repliedShare), formatRate(l.replyRate)]),
    );
  }

  // ── 四、总热度排名 ───────────────────────────────────────────────────────
  if (report.rankings && (report.rankings.items.length > 0 || (report.rankings.insufficient ?? []).length > 0)) {
    heading(`各${PEER_LABELS[report.rankings.peers]}网上群众工作总热度排名`, 100);
    if (report.rankings.items.length > 0) table(
      [
        { header: '排名', width: 1, align: 'center' },
        { header: '地区', width: 3 },
        { header: '总热度', width: 1.6, align: 'right' },
        { header: '留言量', width: 1.8, align: 'right' },
        { header: '回复量', width: 1.8, align: 'right' },
        { header: '回复率', width: 1.6, align: 'right' },
        { header: '满意率', width: 1.6, align: 'right' },
      ],
      report.rankings.items.map((r) => [String(r.rank), r.region.name, r.heat.toFixed(1), count(r.received), count(r.replied), formatRate(r.replyRate), formatRate(r.satisfactionRate)]),
    );
    note('总热度：网民满意度（40%）、互动活跃度（30%）、办理力度（30%）在同级地区间标准化后加权，满分100。');
    const few = report.rankings.insufficient ?? [];
    if (few.length > 0) {
      subheading(`样本不足（留言不足${report.thresholds?.minReceived ?? DEFAULT_STAT_THRESHOLDS.minReceived}件，不参与排名）`);
      table(
        [
          { header: '地区', width: 3 },
          { header: '留言量', width: 1.8, align: 'right' },
          { header: '回复量', width: 1.8, align: 'right' },
          { header: '回复率', width: 1.6, align: 'right' },
          { header: '满意率', width: 1.6, align: 'right' },
        ],
        few.map((r) => [r.region.name, count(r.received), count(r.replied), formatRate(r.replyRate), formatRate(r.satisfactionRate)]),
      );
    }
    if (report.zeroReply.length > 0) {
      doc.moveDown(0.3);
      doc.font(CJK_FONT).fontSize(10).fillColor(RED).text(`零回复地区：${report.zeroReply.map((r) => r.name).join('、')}`, left, doc.y, { width });
    }
  }

  // ── 五、热点 ─────────────────────────────────────────────────────────────
  if (report.fields.length > 0 || report.terms.length > 0) {
    heading(report.kind === 'weekly' ? '网民反映集中的问题' : '网民关注热点', 100);
    if (report.fields.length > 0) {
      subheading('留言领域');
      table(
        [
          { header: '领域', width: 3 },
          { header: '留言量', width: 2, align: 'right' },
          { header: '占比', width: 2, align: 'right' },
          { header: report.kind === 'half_year' ? '同比' : '环比', width: 2, align: 'right' },
        ],
        report.fields.map((f) => [f.name, count(f.count), formatRate(f.share), growthText(f.growth, f.growthReason)]),
      );
    }
    if (report.terms.length > 0) {
      subheading('热词');
      table(
        [
          { header: '热词', width: 3 },
          { header: '出现留言数', width: 2, align: 'right' },
          { header: '占比', width: 2, align: 'right' },
          { header: '上期', width: 2, align: 'right' },
        ],
        report.terms.map((t) => [t.term, count(t.count), formatRate(t.share), count(t.previous)]),
      );
    }
  }

  // ── 六、领导留言板 ───────────────────────────────────────────────────────
  if (report.boards && (report.boards.top.length > 0 || report.boards.bottom.length > 0)) {
    heading('领导留言板回复情况', 100);
    const boardTable = (rows: typeof report.boards.top) =>
      table(
        [
          { header: '留言板', width: 4 },
          { header: '留言量', width: 2, align: 'right' },
          { header: '回复量', width: 2, align: 'right' },
          { header: '回复率', width: 2, align: 'right' },
          { header: '满意率', width: 2, align: 'right' },
        ],
        rows.map((b) => [b.name, count(b.received), count(b.replied), formatRate(b.replyRate), formatRate(b.satisfactionRate)]),
      );
    if (report.boards.top.length > 0) {
      subheading('回复率较高');
      boardTable(report.boards.top);
    }
    if (report.boards.bottom.length > 0) {
      subheading('回复率较低');
      boardTable(report.boards.bottom);
    }
  }

  // ── 七、走势 ─────────────────────────────────────────────────────────────
  if (report.trend.length > 0) {
    heading(report.kind === 'half_year' ? '月度走势' : '每日走势', 100);
    table(
      [
        { header: report.kind === 'half_year' ? '月份' : '日期', width: 2 },
        { header: '留言量', width: 2, align: 'right' },
        { header: '回复量', width: 2, align: 'right' },
        { header: '回复率', width: 2, align: 'right' },
        { header: '满意率', width: 2, align: 'right' },
      ],
      report.trend.map((p) => [p.partial ? `${p.label}（未结束）` : p.label, count(p.received), count(p.replied), formatRate(p.replyRate), formatRate(p.satisfactionRate)]),
    );
    if (report.trend.some((p) => p.partial)) note('标“未结束”的月份或日期在报告生成时尚未结束，其回复率仍会上升。');
  }

  // ── weekly: 典型案例, 超期单位 ───────────────────────────────────────────
  if (report.notableCases) {
    heading('典型案例（已办结，网民满意）', 80);
    if (report.notableCases.length === 0) paragraph('本周暂无办结并获满意评价的公开留言。');
    else
      table(
        [
          { header: '留言编号', width: 2.6 },
          { header: '标题', width: 5 },
          { header: '答复单位', width: 3 },
        ],
        report.notableCases.map((c) => [c.number, c.title, c.unit ?? '—']),
      );
  }
  if (report.overdueUnits) {
    heading('超期单位（内部）', 80);
    if (report.overdueUnits.length === 0) paragraph('报告生成时没有超期未办结的单位。');
    else
      table(
        [
          { header: '单位', width: 6 },
          { header: '在办', width: 2, align: 'right' },
          { header: '超期', width: 2, align: 'right' },
        ],
        report.overdueUnits.map((u) => [u.unit.name, count(u.open), count(u.overdue)]),
      );
  }

  // ── footers ──────────────────────────────────────────────────────────────
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const pageBottom = doc.page.margins.bottom;
    // Writing below the bottom margin would otherwise make PDFKit start a new page.
    doc.page.margins.bottom = 0;
    const footerY = doc.page.height - mm(14);
    doc.lineWidth(0.5).strokeColor(RULE).moveTo(left, footerY - 5).lineTo(left + width, footerY - 5).stroke();
    doc.font(CJK_FONT).fontSize(8.5).fillColor(MUTED);
    doc.text(report.title, left, footerY, { width: width * 0.75, align: 'left', lineBreak: false, ellipsis: true });
    doc.text(`第 ${i + 1} 页 / 共 ${pages.count} 页`, left, footerY, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = pageBottom;
  }
  return pdfToBuffer(doc);
}
