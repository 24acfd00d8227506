/**
 * A questionnaire's responses as an Excel workbook: sheet 答卷 with one row per
 * response and one column per question (option labels, scale numbers, text
 * with personal data masked; a skipped or unanswered question is an empty
 * cell), and sheet 题目 listing the questions. Written with exceljs's streaming
 * writer, row by row, so 100k responses never sit in memory as cell objects.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Answer, QuestionKind } from '../../../shared/campaigns.js';
import { maskPersonalData } from '../../../shared/mask.js';
import type { ExportRow } from './questionnaires.queries.js';
import type { QuestionRow } from './questionnaires.repository.js';

const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };

export const KIND_LABELS: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', scale: '量表题', short: '填空题', long: '问答题' };

/** 2026-11-23 14:05:09 in Beijing time. */
function beijing(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** What a cell shows for an answer: option labels, a number, or masked text. */
export function cellValue(q: QuestionRow, answer: Answer | undefined): string | number | null {
  if (answer === undefined) return null;
  const label = (v: string) => q.options?.find((o) => o.value === v)?.label ?? v;
  switch (q.kind) {
    case 'single':
      return label(String(answer));
    case 'multiple':
      return (Array.isArray(answer) ? answer : [String(answer)]).map(label).join('；');
    case 'scale':
      return typeof answer === 'number' ? answer : Number(answer);
    default:
      return maskPersonalData(String(answer));
  }
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEAD_FILL;
  });
}

/** Renders the workbook as .xlsx bytes from the responses, read batch by batch. */
export async function renderResponsesXlsx(questionnaire: { title: string; questions: QuestionRow[] }, batches: AsyncIterable<ExportRow[]>, now = new Date()): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  book.creator = '民声平台';
  book.title = questionnaire.title;
  book.created = now;

  const sheet = book.addWorksheet('答卷', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  sheet.columns = [
    { header: '答卷编号', width: 10 },
    { header: '提交时间（北京时间）', width: 21 },
    { header: '答卷人', width: 10 },
    { header: '地区', width: 16 },
    ...questionnaire.questions.map((q) => ({ header: `${q.position}. ${q.text}`, width: q.kind === 'long' ? 50 : q.kind === 'short' ? 30 : 18 })),
  ];
  styleHeader(sheet.getRow(1));
  sheet.getRow(1).commit();
  for await (const rows of batches) {
    for (const r of rows) {
      sheet
        .addRow([Number(r.id), beijing(new Date(r.submitted_at)), r.anonymous ? '匿名' : '登录网民', r.region_name, ...questionnaire.questions.map((q) => cellValue(q, r.answers[q.id]))])
        .commit();
    }
  }
  sheet.commit();

  const list = book.addWorksheet('题目');
  list.columns = [
    { header: '题号', width: 6 },
    { header: '题型', width: 10 },
    { header: '题目', width: 50 },
    { header: '必答', width: 6 },
    { header: '选项 / 分值', width: 60 },
  ];
  styleHeader(list.getRow(1));
  list.getRow(1).commit();
  for (const q of questionnaire.questions) {
    const choices = q.options ? q.options.map((o) => o.label).join('；') : q.kind === 'scale' ? `${q.scaleMin}–${q.scaleMax}` : '';
    list.addRow([q.position, KIND_LABELS[q.kind], q.text, q.required ? '是' : '否', choices]).commit();
  }
  list.addRow([]).commit();
  list.addRow(['', '', `导出时间：${beijing(now)}（北京时间）；文字答案中的个人信息已脱敏`]).commit();
  list.commit();

  await book.commit();
  await ended;
  return Buffer.concat(chunks);
}
