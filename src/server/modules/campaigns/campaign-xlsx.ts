/**
 * A campaign's entries as an Excel workbook (exceljs): one row per entry,
 * personal data masked as on the public site (the file leaves the platform).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CampaignEntry } from '../../../shared/campaigns.js';

export const ENTRY_COLUMNS = ['编号', '提交时间（北京时间）', '类型', '主题', '地区', '标题', '内容', '点赞数', '是否采纳', '采纳说明', '奖项'] as const;

const KIND_LABELS: Record<CampaignEntry['kind'], string> = { suggestion: '建议', lead: '问题线索' };

/** 2026-11-23 14:05 in Beijing time. */
function beijing(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Renders the workbook from batches of (already masked) entries with the
 * streaming writer: rows are committed as they come, so 100,000 entries
 * neither sit in memory as cell objects nor wait for one big serialisation.
 */
export async function renderEntriesXlsx(title: string, batches: AsyncIterable<CampaignEntry[]>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // Without styles: exceljs looks up a style for every cell otherwise, which tripled the time of
  // 100,000 rows (3 s → 9 s on a busy 2-core machine). The header stays in view (frozen) instead of bold.
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  book.creator = '民声平台';
  book.title = title;
  const sheet = book.addWorksheet('投稿', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [20, 20, 10, 14, 18, 30, 80, 10, 10, 40, 16];
  sheet.columns = ENTRY_COLUMNS.map((header, i) => ({ header, width: widths[i] }));
  sheet.getRow(1).commit();
  for await (const batch of batches) {
    for (const e of batch) {
      sheet
        .addRow([
          e.number,
          beijing(e.createdAt),
          KIND_LABELS[e.kind],
          e.topic ?? '',
          e.regionName,
          e.title,
          e.body,
          e.supportCount,
          e.adopted ? '是' : '否',
          e.adopted?.note ?? '',
          e.adopted?.prize ?? '',
        ])
        .commit();
    }
  }
  sheet.commit();
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
