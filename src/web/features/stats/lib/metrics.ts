import type { BoardLevel, RankingMetric, StatRankingItem } from '../../../../shared/stats';
import type { MessageKey, Translate } from '../../../lib/i18n';
import type { StatFormat } from './format';
import { NATIONAL } from './use-stats-params';

const RATES: readonly RankingMetric[] = ['replyRate', 'satisfactionRate', 'onTimeRate', 'closedRate'];

export function isRate(metric: RankingMetric): boolean {
  return RATES.includes(metric);
}

/** The figure a ranking is ordered by: 总热度 (0–100), a count, or a rate (0..1, null over nothing). */
export function metricValue(item: StatRankingItem, metric: RankingMetric): number | null {
  return metric === 'heat' ? item.heat.heat : item.figures[metric];
}

export function formatMetric(format: StatFormat, metric: RankingMetric, value: number | null): string {
  if (metric === 'heat') return format.decimal(value, 1);
  if (isRate(metric)) return format.rate(value);
  return value === null ? format.rate(null) : format.count(value);
}

export const metricLabel = (metric: RankingMetric): MessageKey => `stats.metric.${metric}`;

/** 中央部委 / 省级 / 市级 / 县级 */
export const levelLabel = (level: BoardLevel): MessageKey => `stats.level.${level}`;

/** A region's name for the page: the country in the UI language (the server names it 全国). */
export function regionLabel(t: Translate, region: { code: string; name: string }): string {
  return region.code === NATIONAL ? t('stats.national') : region.name;
}
