/**
 * The letter PDF, read back the way a person would: poppler's pdftotext for the
 * words and pdftoppm for the picture (Debian package poppler-utils; .ci/run
 * installs it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LetterContent } from '../../../shared/letters.js';
import { A4, mm } from '../../pdf/pdf-document.js';
import { renderLetterPdf } from './letter-pdf.js';

const paragraph =
  '我是东湖区百花洲街道某小区的居民，小区内的路灯自今年八月起已经连续损坏两个多月，晚上出行非常不便，老人和孩子多次在楼道口摔倒。' +
  '我们多次向物业公司反映，物业称路灯归属市政管理，市政部门又说小区内部设施应由物业负责，双方相互推诿至今没有解决。';

function sampleLetter(overrides: Partial<LetterContent> = {}): LetterContent {
  return {
    kind: 'assignment',
    letterNumber: '民声交办〔2026〕第000123号',
    issuer: '江西省委民声通道工作室',
    recipient: '南昌市委办公室',
    coHandlers: ['南昌市城市管理局', '东湖区住房和城乡建设局'],
    handlingClass: '及时办',
    message: {
      number: '2026-10-08-000123',
      title: '东湖区百花洲街道某小区路灯长期损坏无人维修',
      // Several pages: a paragraph repeated, a line of one character with no break opportunity
      // but between ideographs, and a URL with no spaces at all.
      body: [
        paragraph,
        paragraph.repeat(8),
        '灯'.repeat(150),
        `联系网址：https://example.gov.cn/${'abcdefghij'.repeat(12)}`,
        paragraph.repeat(8),
      ].join('\n\n'),
      type: '投诉',
      field: '城乡建设',
      region: '江西省南昌市东湖区',
      submittedAt: '2026-10-08T02:15:00Z',
      author: '南昌老郑',
      boardName: '江西省委书记',
    },
    deadlines: { sign: '2026-10-09T10:00:00Z', contact: '2026-10-10T10:00:00Z', reply: '2026-10-22T10:00:00Z' },
    requirements: '请于签收后2个工作日内联系网民核实情况，明确路灯管护责任主体，尽快修复并在答复中说明修复时间和长效管护措施。',
    chain: ['江西省委民声通道工作室', '南昌市委办公室', '东湖区委办公室'],
    issuedAt: '2026-10-08T10:00:00Z',
    ...overrides,
  };
}

let dir: string;

function poppler(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${command} not found: install poppler-utils (apt-get install -y poppler-utils)`, { cause: error });
    }
    throw error;
  }
}

function writePdf(name: string, pdf: Buffer): string {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The text of the PDF with line breaks and the spaces pdftotext adds between runs removed. */
function plainText(file: string): string {
  return poppler('pdftotext', ['-enc', 'UTF-8', file, '-']).replace(/\s+/g, '');
}

const squash = (text: string) => text.replace(/\s+/g, '');

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'letter-pdf-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('renderLetterPdf', () => {
  it('produces an A4 PDF with the CJK font embedded as a subset', async () => {
    const pdf = await renderLetterPdf(sampleLetter());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const bytes = pdf.toString('latin1');
    expect(bytes).toMatch(/\/FontFile2|\/FontFile3/);
    expect(bytes).toContain('/CIDFontType2');
    expect(bytes).toContain('NotoSansSC');
    expect(bytes).toContain(`/MediaBox [0 0 ${A4.width} ${A4.height}]`);
    // Only the glyphs used are embedded: far below the 10 MB font file.
    expect(pdf.length).toBeLessThan(400_000);
  });

  it('gives back the title, number, recipient, message title and requirements through pdftotext', async () => {
    const letter = sampleLetter();
    const text = plainText(writePdf('assignment', await renderLetterPdf(letter)));
    expect(text).toContain('江西省委民声通道工作室交办函');
    expect(text).toContain(letter.letterNumber);
    expect(text).toContain(`致：${letter.recipient}`);
    expect(text).toContain(letter.message.title);
    expect(text).toContain(letter.requirements);
    expect(text).toContain(squash(letter.message.body.split('\n\n')[0]!));
    expect(text).toContain('南昌市城市管理局、东湖区住房和城乡建设局');
    expect(text).toContain('江西省委民声通道工作室→南昌市委办公室→东湖区委办公室');
  });

  it('writes deadlines and dates in Beijing time', async () => {
    const text = plainText(writePdf('deadlines', await renderLetterPdf(sampleLetter())));
    expect(text).toContain('签收时限2026年10月9日18:00');
    expect(text).toContain('联系网民时限2026年10月10日18:00');
    expect(text).toContain('答复时限2026年10月22日18:00');
    expect(text).toContain('留言时间2026年10月8日10:15');
    // Issued 18:00 on 8 October in Beijing.
    expect(text).toContain('江西省委民声通道工作室2026年10月8日');
  });

  it('names a supervision letter 督办函 and its requirements 督办要求', async () => {
    const letter = sampleLetter({ kind: 'supervision', letterNumber: '民声督办〔2026〕第000007号', coHandlers: [], chain: [] });
    const text = plainText(writePdf('supervision', await renderLetterPdf(letter)));
    expect(text).toContain('江西省委民声通道工作室督办函');
    expect(text).toContain('民声督办〔2026〕第000007号');
    expect(text).toContain(`督办要求：${letter.requirements}`);
    expect(text).toContain('协办单位无');
    expect(text).not.toContain('交办路径');
  });

  it('wraps long Chinese lines and unbroken URLs inside the margins, across several pages', async () => {
    const file = writePdf('wrapping', await renderLetterPdf(sampleLetter()));
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [file]))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);

    // Every word box pdftotext finds lies between the left and right margins (28 mm, 26 mm).
    const html = poppler('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
    const boxes = [...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => ({
      xMin: Number(m[1]),
      xMax: Number(m[2]),
    }));
    expect(boxes.length).toBeGreaterThan(100);
    for (const box of boxes) {
      expect(box.xMin).toBeGreaterThanOrEqual(mm(28) - 1);
      expect(box.xMax).toBeLessThanOrEqual(A4.width - mm(26) + 1);
    }
    const text = plainText(file);
    expect(text).toContain('灯'.repeat(150));
    expect(text).toContain(`https://example.gov.cn/${'abcdefghij'.repeat(12)}`);
  });

  it('renders page 1 through pdftoppm to a picture with dark text and the red title', async () => {
    const file = writePdf('picture', await renderLetterPdf(sampleLetter()));
    poppler('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page1')]);
    const { data, info } = await sharp(readFileSync(path.join(dir, 'page1.png')))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(Math.round(info.width / 10)).toBe(60); // A4 at 72 dpi: about 595 × 842
    let ink = 0;
    let red = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (Math.min(r, g, b) < 160) ink++;
      if (r > 150 && g < 90 && b < 90) red++;
    }
    const pixels = info.width * info.height;
    // A page of text inks a few per cent of its pixels; a blank or tofu-only page far fewer.
    expect(ink / pixels).toBeGreaterThan(0.03);
    expect(red).toBeGreaterThan(100);
  });
});
