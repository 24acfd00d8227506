/** Chinese labels of the bulletin's files (the XLSX and the PDF are Chinese documents, as the reports are). */
import { SCORE_WEIGHTS, type BulletinRow, type ScorePart } from '../../../shared/oversight.js';

export const PART_LABELS: Record<ScorePart, string> = {
  onTimeSign: '按时签收率',
  onTimeReply: '按时回复率',
  replyRate: '回复率',
  satisfaction: '满意率',
  noReopen: '未重办率（1 − 重办率）',
};

export const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);
export const scoreText = (x: number | null) => (x === null ? '—' : x.toFixed(2));

export function formulaText(minVolume: number): string {
  const parts = (Object.keys(SCORE_WEIGHTS) as ScorePart[]).map((p) => `${PART_LABELS[p]}×${SCORE_WEIGHTS[p]}`).join(' + ');
  return `综合得分 = 100 ×（${parts}）÷ 有数据各项权重之和；某项无数据（分母为0）时不计入。留言量少于${minVolume}件的单位列出数据但不参与排名（样本不足）。`;
}

export function unitLine(row: BulletinRow): string {
  return `${row.unit.name}（综合得分${scoreText(row.score)}，留言${row.received}件，回复率${percent(row.replyRate)}，按时回复率${percent(row.onTimeRate)}，满意率${percent(row.satisfactionRate)}）`;
}
