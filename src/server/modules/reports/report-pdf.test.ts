/**
 * The report PDF read back as a person would: poppler's pdftotext for the
 * words (and their boxes) and pdftoppm for the picture (Debian package
 * poppler-utils, as for the letters).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A4, mm } from '../../pdf/pdf-document.js';
import { renderReportPdf } from './report-pdf.js';
import { sampleReport } from './report-sample.js';

let dir: string;

function poppler(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${command} not found: install poppler-utils`, { cause: error });
    throw error;
  }
}

const squash = (text: string) => text.replace(/\s+/g, '');

/** The words in the order they were written (-raw): table rows stay rows, whatever the striping. */
const textOf = (file: string) => squash(poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']));

async function write(name: string, kind: 'half_year' | 'weekly'): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, await renderReportPdf(sampleReport(kind)));
  return file;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'report-pdf-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('renderReportPdf', () => {
  it('writes the title, headline, tables and page numbers of a half-year report in Chinese', async () => {
    const report = sampleReport('half_year');
    const file = await write('half-year', 'half_year');
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [file]))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = textOf(file);
    expect(text).toContain(report.title);
    expect(text).toContain(squash(report.headline));
    expect(text).toContain('留言量（件）331,000216,300+53%');
    expect(text).toContain('回复率81.9%74.6%+7.3个百分点');
    expect(text).toContain('1四川省95.036,51233,004');
    expect(text).toContain('零回复地区：青海省');
    expect(text).toContain('月度走势');
    expect(text).toContain(`第1页/共${pages}页`);
    expect(text).toContain(`第${pages}页/共${pages}页`);
    expect(text).not.toContain('内部资料');
  });

  it('marks a weekly digest internal and lists its cases and overdue units', async () => {
    const text = textOf(await write('weekly', 'weekly'));
    expect(text).toContain('内部资料注意保存');
    expect(text).toContain('江西省民声周报（2026年第47周）');
    expect(text).toContain('2026-11-16-000101东湖区大院街道老年人用餐难，建议建设幸福食堂东湖区民政局');
    expect(text).toContain('南昌市住房和城乡建设局145');
  });

  it('keeps every word inside the 20 mm margins', async () => {
    const html = poppler('pdftotext', ['-bbox', '-enc', 'UTF-8', await write('boxes', 'half_year'), '-']);
    const boxes = [...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => ({ xMin: Number(m[1]), xMax: Number(m[2]) }));
    expect(boxes.length).toBeGreaterThan(100);
    for (const box of boxes) {
      expect(box.xMin).toBeGreaterThanOrEqual(mm(20) - 1);
      expect(box.xMax).toBeLessThanOrEqual(A4.width - mm(20) + 1);
    }
  });

  it('renders page 1 to an A4 picture with dark text on it', async () => {
    const file = await write('picture', 'half_year');
    poppler('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page1')]);
    const { data, info } = await sharp(readFileSync(path.join(dir, 'page1.png'))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(Math.round(info.width / 10)).toBe(60);
    expect(Math.round(info.height / 10)).toBe(84);
    let ink = 0;
    for (let i = 0; i < data.length; i += info.channels) if (Math.min(data[i]!, data[i + 1]!, data[i + 2]!) < 160) ink++;
    expect(ink / (info.width * info.height)).toBeGreaterThan(0.03);
  });
});
