/** The Chinese names the PDF and the workbook give figures and peers. */
import { formatRate, type ReportFigureKey } from '../../../shared/reports.js';

/** Labels of the figure table, as the platform's reports name the figures. */
export const FIGURE_LABELS: Record<ReportFigureKey, string> = {
  received: '留言量（件）',
  replied: '回复量（件）',
  replyRate: '回复率',
  finalReplied: '答复量（件）',
  closed: '办结量（件）',
  closedRate: '办结率',
  onTimeRate: '按时答复率',
  avgReplyWorkdays: '平均回复用时（工作日）',
  rated: '参评量（件）',
  satisfactionRate: '网民满意率',
  good: '好评（件）',
  bad: '差评（件）',
  followUps: '追问（次）',
  reopened: '重办（件）',
};

export const PEER_LABELS = { province: '省份', city: '城市', county: '区县' } as const;

export function figureText(kind: 'count' | 'rate' | 'days', value: number | null): string {
  if (value === null) return '—';
  if (kind === 'rate') return formatRate(value);
  if (kind === 'days') return value.toFixed(1);
  return value.toLocaleString('zh-CN');
}


/** 2026年7月1日 06:00 in Beijing time. */
export function beijingTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日 ${d.slice(11, 16)}`;
}
