/**
 * The audit log as an Excel workbook (exceljs, streaming like the campaign
 * export): one row per entry in the caller's language, names not ids, changes
 * as "field: before → after"; a second sheet states the filters and the cap.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../../shared/domain.js';
import { auditActionLabel, auditChanges, auditFieldLabel, auditOtherDetails, auditTargetTypeLabel, auditValueText } from '../../../shared/audit.js';
import type { AuditQueryInput, PresentedAuditEntry } from './audit.service.js';

export type AuditExportRow = PresentedAuditEntry;

type Words = Record<Locale, string>;
const HEADERS: Words[] = [
  { 'zh-CN': '编号', 'zh-TW': '編號', en: 'No.' },
  { 'zh-CN': '时间（北京时间）', 'zh-TW': '時間（北京時間）', en: 'Time (Beijing)' },
  { 'zh-CN': '操作人', 'zh-TW': '操作人', en: 'Actor' },
  { 'zh-CN': '登录名', 'zh-TW': '登入名', en: 'Login' },
  { 'zh-CN': '操作人单位', 'zh-TW': '操作人單位', en: "Actor's unit" },
  { 'zh-CN': '操作', 'zh-TW': '操作', en: 'Action' },
  { 'zh-CN': '操作代码', 'zh-TW': '操作代碼', en: 'Action code' },
  { 'zh-CN': '对象类型', 'zh-TW': '對象類型', en: 'Object type' },
  { 'zh-CN': '对象', 'zh-TW': '對象', en: 'Object' },
  { 'zh-CN': '变更（修改前 → 修改后）', 'zh-TW': '變更（修改前 → 修改後）', en: 'Changes (before → after)' },
  { 'zh-CN': '其他详情', 'zh-TW': '其他詳情', en: 'Other details' },
  { 'zh-CN': 'IP 地址', 'zh-TW': 'IP 位址', en: 'IP address' },
];
const WIDTHS = [10, 20, 14, 16, 24, 26, 24, 12, 36, 50, 40, 16];
const T = {
  sheet: { 'zh-CN': '审计日志', 'zh-TW': '稽核日誌', en: 'Audit log' },
  about: { 'zh-CN': '说明', 'zh-TW': '說明', en: 'About' },
  system: { 'zh-CN': '系统', 'zh-TW': '系統', en: 'System' },
  generated: { 'zh-CN': '导出时间（北京时间）', 'zh-TW': '匯出時間（北京時間）', en: 'Exported at (Beijing)' },
  filters: { 'zh-CN': '筛选条件', 'zh-TW': '篩選條件', en: 'Filters' },
  none: { 'zh-CN': '无（全部可见记录）', 'zh-TW': '無（全部可見記錄）', en: 'none (every entry you may see)' },
  rows: { 'zh-CN': '导出条数', 'zh-TW': '匯出筆數', en: 'Entries exported' },
  cap: { 'zh-CN': '每次最多导出 {cap} 条（最新的在前）', 'zh-TW': '每次最多匯出 {cap} 筆（最新的在前）', en: 'At most {cap} entries per export (newest first)' },
  truncated: { 'zh-CN': '符合条件的记录超过 {cap} 条，本文件只含最新的 {cap} 条；请缩小日期范围后分批导出', 'zh-TW': '符合條件的記錄超過 {cap} 筆，本檔案只含最新的 {cap} 筆；請縮小日期範圍後分批匯出', en: 'More than {cap} entries match; this file holds the newest {cap}. Narrow the dates and export in parts' },
  complete: { 'zh-CN': '已包含全部符合条件的记录', 'zh-TW': '已包含全部符合條件的記錄', en: 'Every matching entry is included' },
} satisfies Record<string, Words>;

/** 2026-11-23 14:05:09 in Beijing time. */
function beijing(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Changes, then the other details, as lines a person reads. */
export function changesText(details: unknown, locale: Locale, names: Record<string, string> = {}): string {
  return auditChanges(details)
    .map((c) => `${auditFieldLabel(c.field, locale)}: ${auditValueText(c.from, { field: c.field, locale, names })} → ${auditValueText(c.to, { field: c.field, locale, names })}`)
    .join('\n');
}

export function otherDetailsText(details: unknown, locale: Locale, names: Record<string, string> = {}): string {
  return auditOtherDetails(details).map(([k, v]) => `${auditFieldLabel(k, locale)}: ${auditValueText(v, { field: k, locale, names })}`).join('\n');
}

/**
 * Renders the workbook from batches of presented entries. `summary` is read
 * after the last batch: how many were written and whether the cap cut it short.
 */
export async function renderAuditXlsx(locale: Locale, filters: AuditQueryInput, batches: AsyncIterable<AuditExportRow[]>, summary: () => { written: number; more: boolean; cap: number }): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  book.creator = '民声平台';
  book.title = T.sheet[locale];
  const sheet = book.addWorksheet(T.sheet[locale], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = HEADERS.map((h, i) => ({ header: h[locale], width: WIDTHS[i] }));
  sheet.getRow(1).commit();
  for await (const batch of batches) {
    for (const e of batch) {
      sheet
        .addRow([
          e.id,
          beijing(e.at),
          e.actor ? e.actor.displayName : T.system[locale],
          e.actor?.login ?? '',
          e.actor?.unit?.name ?? '',
          auditActionLabel(e.action, locale),
          e.action,
          auditTargetTypeLabel(e.targetType, locale),
          e.targetName ?? e.targetId ?? '',
          changesText(e.details, locale, e.names),
          otherDetailsText(e.details, locale, e.names),
          e.ip ?? '',
        ])
        .commit();
    }
  }
  sheet.commit();
  const { written, more, cap } = summary();
  const about = book.addWorksheet(T.about[locale]);
  about.columns = [{ width: 24 }, { width: 90 }];
  const filterText = Object.entries(filters).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${String(v)}`).join('; ');
  const capText = (template: string) => template.replaceAll('{cap}', cap.toLocaleString('en-US'));
  for (const row of [
    [T.generated[locale], beijing(new Date().toISOString())],
    [T.filters[locale], filterText || T.none[locale]],
    [T.rows[locale], written],
    ['', capText(T.cap[locale])],
    ['', more ? capText(T.truncated[locale]) : T.complete[locale]],
  ]) {
    about.addRow(row).commit();
  }
  about.commit();
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
