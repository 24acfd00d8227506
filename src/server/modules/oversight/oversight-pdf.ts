/**
 * The quarterly bulletin as an A4 PDF (landscape: the unit table is wide): the
 * title, who is praised and who is named, the ranked units, the units below
 * the minimum volume, and how the score is computed. Throws
 * PdfFontMissingError when the font package is not installed.
 */
import type { Bulletin, BulletinRow } from '../../../shared/oversight.js';
import { CJK_FONT, CJK_FONT_BOLD, createPdfDocument, mm, pdfToBuffer } from '../../pdf/pdf-document.js';
import { formulaText, percent, scoreText, unitLine } from './oversight-labels.js';

const INK = '#1f1f1f';
const MUTED = '#595959';
const ACCENT = '#1f4e79';
const HEAD_FILL = '#e8eef5';
const STRIPE = '#f7f7f7';
const SIZE = 9;

const COLUMNS: Array<{ header: string; width: number; value: (r: BulletinRow) => string }> = [
  { header: '排名', width: 1, value: (r) => (r.rank === null ? '—' : String(r.rank)) },
  { header: '单位', width: 5, value: (r) => r.unit.name },
  { header: '综合得分', width: 1.5, value: (r) => scoreText(r.score) },
  { header: '留言量', width: 1.3, value: (r) => String(r.received) },
  { header: '回复率', width: 1.5, value: (r) => percent(r.replyRate) },
  { header: '按时回复率', width: 1.6, value: (r) => percent(r.onTimeRate) },
  { header: '按时签收率', width: 1.6, value: (r) => percent(r.onTimeSignRate) },
  { header: '满意率', width: 1.5, value: (r) => percent(r.satisfactionRate) },
  { header: '重办率', width: 1.5, value: (r) => percent(r.reopenRate) },
];

export async function renderBulletinPdf(b: Bulletin): Promise<Buffer> {
  const title = `${b.region.name}${b.year}年第${b.quarter}季度网民留言办理情况通报`;
  const doc = createPdfDocument({ title, author: '民声平台', layout: 'landscape', margins: { top: mm(16), right: mm(16), bottom: mm(16), left: mm(16) } });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  doc.font(CJK_FONT_BOLD).fontSize(18).fillColor(ACCENT).text(title, left, doc.page.margins.top, { width, align: 'center' });
  doc.moveDown(0.3);
  doc.font(CJK_FONT).fontSize(10).fillColor(MUTED).text(`统计期间：${b.from} 至 ${b.to}（按留言接收日期）　生成时间：${b.generatedAt}`, { width, align: 'center' });
  doc.moveDown(0.8);

  const paragraph = (text: string) => {
    doc.font(CJK_FONT).fontSize(11).fillColor(INK).text(text, left, doc.y, { width, indent: 22, lineGap: 3 });
    doc.moveDown(0.3);
  };
  paragraph(`本季度参与排名的单位${b.ranked.length}个，样本不足（留言量少于${b.minVolume}件）未参与排名的单位${b.unranked.length}个。`);
  if (b.best) paragraph(`综合得分最高：${unitLine(b.best)}，予以表扬。`);
  if (b.worst) paragraph(`综合得分最低：${unitLine(b.worst)}，予以通报，请限期整改。`);

  const table = (rows: BulletinRow[]) => {
    const total = COLUMNS.reduce((s, c) => s + c.width, 0);
    const widths = COLUMNS.map((c) => (c.width / total) * width);
    const pad = 3;
    const draw = (cells: string[], fill: string | null, bold: boolean) => {
      doc.font(bold ? CJK_FONT_BOLD : CJK_FONT).fontSize(SIZE);
      const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * pad }))) + 2 * pad;
      if (doc.y + height > bottom()) doc.addPage();
      const y = doc.y;
      if (fill) doc.rect(left, y, width, height).fill(fill);
      doc.fillColor(INK);
      let x = left;
      cells.forEach((c, i) => {
        doc.text(c, x + pad, y + pad, { width: widths[i]! - 2 * pad });
        x += widths[i]!;
      });
      doc.x = left;
      doc.y = y + height;
    };
    draw(COLUMNS.map((c) => c.header), HEAD_FILL, true);
    rows.forEach((r, i) => draw(COLUMNS.map((c) => c.value(r)), i % 2 ? STRIPE : null, false));
    doc.moveDown(0.5);
  };

  doc.moveDown(0.4);
  doc.font(CJK_FONT_BOLD).fontSize(12).fillColor(ACCENT).text('一、单位排名', left, doc.y);
  doc.moveDown(0.3);
  if (b.ranked.length) table(b.ranked);
  else paragraph('本季度没有达到最低样本量的单位。');
  if (b.unranked.length) {
    doc.font(CJK_FONT_BOLD).fontSize(12).fillColor(ACCENT).text('二、样本不足的单位（不参与排名）', left, doc.y);
    doc.moveDown(0.3);
    table(b.unranked);
  }
  doc.font(CJK_FONT).fontSize(9).fillColor(MUTED).text(`注：${formulaText(b.minVolume)}`, left, doc.y, { width });
  return pdfToBuffer(doc);
}
