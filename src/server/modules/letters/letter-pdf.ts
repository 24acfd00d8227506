/**
 * 交办函 / 督办函 as an A4 PDF, laid out like an official letter: the issuer's
 * name as a red title, the letter number over a red rule, the addressee, the
 * message, what is required by when, and the issuer and date at the bottom right.
 * The web's printable page (features/letters) shows the same content as HTML.
 */
import { formatLetterDate, formatLetterDateTime, type LetterContent, type LetterKind } from '../../../shared/letters.js';
import { CJK_FONT, CJK_FONT_BOLD, createPdfDocument, mm, pdfToBuffer } from '../../pdf/pdf-document.js';

const RED = '#c00000';
const INK = '#1f1f1f';
const MUTED = '#595959';
const RULE = '#8c8c8c';
const LABEL_FILL = '#f5f5f5';

const BODY_SIZE = 11;
const LINE_GAP = 3;

/** The words that differ between the two kinds of letter. */
const WORDING: Record<LetterKind, { name: string; intro: string; requirements: string }> = {
  assignment: {
    name: '交办函',
    intro:
      '现将网民“{author}”于{submittedAt}反映的留言（编号：{number}）转交你单位办理。' +
      '请按下列要求认真办理，在规定时限内通过民声平台答复网民。',
    requirements: '办理要求',
  },
  supervision: {
    name: '督办函',
    intro:
      '网民“{author}”于{submittedAt}反映的留言（编号：{number}）已交你单位办理，现予督办。' +
      '请高度重视，按下列要求抓紧办理，在规定时限内通过民声平台答复网民并报告办理情况。',
    requirements: '督办要求',
  },
};

/** Chinese section numbers, as official documents count their parts. */
const SECTION_NUMBERS = ['一', '二', '三', '四', '五', '六'];

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** PDFKit splits paragraphs on \n only; a stray \r would print as a missing glyph. */
function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ');
}

function orNone(text: string): string {
  return text.trim() === '' ? '无' : text;
}

/** The title at the largest size (up to `max`) that keeps it on one line; it wraps below `min`. */
function fitFontSize(doc: PDFKit.PDFDocument, text: string, width: number, max: number, min: number): number {
  for (let size = max; size > min; size -= 1) {
    if (doc.fontSize(size).widthOfString(text) <= width) return size;
  }
  return min;
}

/**
 * Renders the letter as an A4 PDF with the CJK font embedded (subset).
 * Throws PdfFontMissingError when the font package is not installed.
 */
export async function renderLetterPdf(letter: LetterContent): Promise<Buffer> {
  const wording = WORDING[letter.kind];
  const doc = createPdfDocument({
    title: `${wording.name} ${letter.letterNumber}`,
    author: letter.issuer,
    subject: letter.message.title,
    // Close to GB/T 9704 (党政机关公文格式: 37 mm top, 28 mm left, 26 mm right, 35 mm bottom), a little tighter.
    margins: { top: mm(25), right: mm(26), bottom: mm(25), left: mm(28) },
    bufferPages: true,
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  // The red title: the issuer's name and the kind of letter.
  const title = `${letter.issuer}${wording.name}`;
  doc.font(CJK_FONT_BOLD).fillColor(RED);
  const titleSize = fitFontSize(doc, title, width, 24, 16);
  doc.fontSize(titleSize).text(title, left, doc.page.margins.top, { width, align: 'center' });

  doc.moveDown(0.4);
  doc.font(CJK_FONT).fontSize(12).fillColor(INK).text(letter.letterNumber, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.4);
  const ruleY = doc.y;
  doc.moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(1.6).strokeColor(RED).stroke();
  doc.y = ruleY + 16;

  // The addressee and the opening sentence.
  doc.font(CJK_FONT_BOLD).fontSize(13).fillColor(INK).text(`致：${letter.recipient}`, left, doc.y, { width });
  doc.moveDown(0.5);
  const intro = fill(wording.intro, {
    author: letter.message.author,
    submittedAt: formatLetterDateTime(letter.message.submittedAt),
    number: letter.message.number,
  });
  doc.font(CJK_FONT).fontSize(BODY_SIZE).text(intro, left, doc.y, { width, indent: BODY_SIZE * 2, lineGap: LINE_GAP });

  let section = 0;
  const heading = (text: string) => {
    doc.moveDown(0.8);
    // Keep a heading with at least two lines of what follows.
    ensureSpace(13 * 1.5 + BODY_SIZE * 3);
    const number = SECTION_NUMBERS[section++] ?? String(section);
    doc.font(CJK_FONT_BOLD).fontSize(13).fillColor(INK).text(`${number}、${text}`, left, doc.y, { width });
    doc.moveDown(0.35);
  };

  /**
   * Label/value cells in a ruled grid, one or two pairs per row; a row never
   * splits across pages.
   */
  const table = (rows: Array<Array<[string, string]>>) => {
    const labelWidth = 86;
    const pad = 4.5;
    const size = 10.5;
    let y = doc.y;
    doc.lineWidth(0.6).strokeColor(RULE);
    for (const cells of rows) {
      const cellWidth = width / cells.length;
      const valueWidth = cellWidth - labelWidth - 2 * pad;
      const heights = cells.map(([label, value]) => {
        doc.font(CJK_FONT).fontSize(size);
        const valueHeight = doc.heightOfString(normaliseText(value), { width: valueWidth, lineGap: 2 });
        doc.font(CJK_FONT_BOLD).fontSize(size);
        return Math.max(valueHeight, doc.heightOfString(label, { width: labelWidth - 2 * pad }));
      });
      const height = Math.max(...heights) + 2 * pad;
      if (y + height > bottom()) {
        doc.addPage();
        y = doc.page.margins.top;
      }
      cells.forEach(([label, value], i) => {
        const x = left + i * cellWidth;
        doc.rect(x, y, labelWidth, height).fill(LABEL_FILL);
        doc.font(CJK_FONT_BOLD).fontSize(size).fillColor(MUTED).text(label, x + pad, y + pad, { width: labelWidth - 2 * pad });
        doc.font(CJK_FONT).fillColor(INK).text(normaliseText(value), x + labelWidth + pad, y + pad, { width: valueWidth, lineGap: 2 });
        doc.rect(x, y, cellWidth, height).stroke();
        doc.moveTo(x + labelWidth, y).lineTo(x + labelWidth, y + height).stroke();
      });
      y += height;
    }
    doc.x = left;
    doc.y = y;
  };

  const paragraph = (text: string) => {
    doc.font(CJK_FONT).fontSize(BODY_SIZE).fillColor(INK).text(normaliseText(text), left, doc.y, { width, lineGap: LINE_GAP });
  };

  const { message, deadlines } = letter;
  heading('留言信息');
  table([
    [['留言编号', message.number], ['留言时间', formatLetterDateTime(message.submittedAt)]],
    [['留言标题', message.title]],
    [['留言类型', message.type], ['所属领域', message.field]],
    [['所在地区', message.region], ['留言对象', message.boardName]],
  ]);

  heading('留言内容');
  paragraph(message.body);

  heading(wording.requirements);
  const terms: Array<[string, string]> = [['办理类别', letter.handlingClass]];
  if (deadlines.sign) terms.push(['签收时限', formatLetterDateTime(deadlines.sign)]);
  if (deadlines.contact) terms.push(['联系网民时限', formatLetterDateTime(deadlines.contact)]);
  if (deadlines.reply) terms.push(['答复时限', formatLetterDateTime(deadlines.reply)]);
  const termRows: Array<Array<[string, string]>> = [];
  for (let i = 0; i < terms.length; i += 2) termRows.push(terms.slice(i, i + 2));
  table([
    [['主办单位', letter.recipient]],
    [['协办单位', letter.coHandlers.length > 0 ? letter.coHandlers.join('、') : '无']],
    ...(letter.chain.length > 0 ? [[['交办路径', letter.chain.join(' → ')] as [string, string]]] : []),
    ...termRows,
  ]);
  doc.moveDown(0.6);
  doc.font(CJK_FONT_BOLD).fontSize(BODY_SIZE).fillColor(INK).text(`${wording.requirements}：`, left, doc.y, { width, lineGap: LINE_GAP, continued: true });
  doc.font(CJK_FONT).text(normaliseText(orNone(letter.requirements)), { lineGap: LINE_GAP });

  // Issuer and date at the bottom right, kept together on one page: as GB/T 9704 lays them out,
  // the date ends four characters from the right edge and the issuer is centred over it.
  const signatureSize = 13;
  const signatureHeight = signatureSize * 1.5 * 2 + 24;
  if (doc.y + signatureHeight > bottom()) doc.addPage();
  const date = formatLetterDate(letter.issuedAt);
  doc.font(CJK_FONT).fontSize(signatureSize).fillColor(INK);
  const dateWidth = doc.widthOfString(date);
  const issuerWidth = doc.widthOfString(letter.issuer);
  const dateRight = left + width - signatureSize * 4;
  const dateCentre = dateRight - dateWidth / 2;
  const issuerX = Math.max(left, Math.min(dateCentre - issuerWidth / 2, left + width - issuerWidth));
  const signatureY = doc.y + 24;
  doc.text(letter.issuer, issuerX, signatureY, { width: left + width - issuerX, lineBreak: false });
  doc.text(date, dateRight - dateWidth, signatureY + signatureSize * 1.7, { lineBreak: false });

  // Page footers: the letter number and page x of n, below the bottom margin.
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const pageBottom = doc.page.margins.bottom;
    // Writing below the bottom margin would otherwise make PDFKit start a new page.
    doc.page.margins.bottom = 0;
    const footerY = doc.page.height - mm(16);
    doc.font(CJK_FONT).fontSize(9).fillColor(MUTED);
    doc.text(letter.letterNumber, left, footerY, { width, align: 'left', lineBreak: false });
    doc.text(`第 ${i + 1} 页 / 共 ${pages.count} 页`, left, footerY, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = pageBottom;
  }

  return pdfToBuffer(doc);
}
