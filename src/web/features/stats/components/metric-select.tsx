import { Select } from 'antd';
import { useId } from 'react';
import type { RankingMetric } from '../../../../shared/stats';
import { useT } from '../../../lib/i18n';
import { metricLabel } from '../lib/metrics';

export const MAP_METRICS: readonly RankingMetric[] = ['received', 'replied', 'replyRate', 'onTimeRate', 'satisfactionRate', 'closedRate', 'heat'];

/** Which figure colours the map and orders the table beside it. */
export function MetricSelect({ value, onChange }: { value: RankingMetric; onChange: (metric: RankingMetric) => void }) {
  const t = useT();
  const id = useId();
  return (
    <span className="stats-inline-control">
      <label htmlFor={id}>{t('stats.filter.metric')}</label>
      <Select<RankingMetric>
        id={id}
        value={value}
        onChange={onChange}
        options={MAP_METRICS.map((m) => ({ value: m, label: t(metricLabel(m)) }))}
        className="stats-metric-select"
        data-testid="metric-select"
      />
    </span>
  );
}
