import { Segmented, Skeleton } from 'antd';
import { useId, useMemo, useState } from 'react';
import { INTERVALS, type Interval } from '../../../../shared/stats';
import { EChart, type EChartsOption } from '../../../components/echart';
import { QueryError } from '../../../components/query-error';
import { useT, type Translate } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useTimeseries } from '../api/get-timeseries';
import type { StatsWindow } from '../api/stats-query';
import { useStatFormat } from '../lib/format';
import { regionLabel } from '../lib/metrics';

/** '2026-Q1' → 2026年第1季度, '2026-H2' → 2026年下半年, '2026' → 2026年; days and months as they are. */
export function periodLabel(t: Translate, period: string, interval: Interval): string {
  const year = period.slice(0, 4);
  if (interval === 'quarter') return t('stats.period.quarter', { year, q: period.slice(-1) });
  if (interval === 'half') return t(period.endsWith('H1') ? 'stats.period.h1' : 'stats.period.h2', { year });
  if (interval === 'year') return t('stats.period.year', { year });
  return period;
}

/** A period not over yet reads 2026-12（未结束）: its reply rate still rises as its messages are answered. */
function pointLabel(t: Translate, p: { period: string; partial?: boolean }, interval: Interval): string {
  const label = periodLabel(t, p.period, interval);
  return p.partial ? t('stats.trend.partial', { label }) : label;
}

/** A window this long or longer reads best by month; shorter ones by day. */
function defaultInterval(w: StatsWindow): Interval {
  const days = (Date.parse(w.to) - Date.parse(w.from)) / 86_400_000;
  return days <= 45 ? 'day' : days <= 120 ? 'week' : days <= 1100 ? 'month' : 'quarter';
}

/** 留言量 and 回复量 per period as bars, 回复率 as a line, and the same figures as a table under a disclosure. */
export function TrendChart({ window, intervals = INTERVALS }: { window: StatsWindow; intervals?: readonly Interval[] }) {
  const t = useT();
  const format = useStatFormat();
  const { elderly } = usePreferences();
  const [chosen, setInterval] = useState<Interval | null>(null);
  const fallback = defaultInterval(window);
  const interval = chosen ?? (intervals.includes(fallback) ? fallback : (intervals[0] ?? 'month'));
  const series = useTimeseries(window, interval);
  const labelId = useId();

  const option = useMemo<EChartsOption | null>(() => {
    if (!series.data) return null;
    const points = series.data.points;
    const fontSize = elderly ? 16 : 12;
    return {
      tooltip: { trigger: 'axis', textStyle: { fontSize } },
      legend: { top: 0, textStyle: { fontSize } },
      grid: { left: 8, right: 8, top: elderly ? 44 : 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => pointLabel(t, p, series.data.interval)), axisLabel: { fontSize } },
      yAxis: [
        { type: 'value', minInterval: 1, axisLabel: { fontSize, formatter: (v: number) => format.compact(v) } },
        { type: 'value', min: 0, max: 100, axisLabel: { fontSize, formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('stats.metric.received'), data: points.map((p) => p.figures.received), itemStyle: { color: '#e8847a' }, barMaxWidth: 24 },
        { type: 'bar', name: t('stats.metric.replied'), data: points.map((p) => p.figures.replied), itemStyle: { color: '#b3261e' }, barMaxWidth: 24 },
        {
          type: 'line',
          name: t('stats.metric.replyRate'),
          yAxisIndex: 1,
          // A period still running: a hollow grey point, so its lower rate does not read as a fall.
          data: points.map((p) => {
            const value = p.figures.replyRate === null ? null : Math.round(p.figures.replyRate * 10000) / 100;
            return p.partial ? { value, symbol: 'emptyCircle', symbolSize: 8, itemStyle: { color: '#8c8c8c' } } : value;
          }),
          itemStyle: { color: '#1d4ed8' },
          lineStyle: { width: 2 },
          connectNulls: true,
          tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
        },
      ],
    };
  }, [series.data, t, format, elderly]);

  return (
    <div className="stats-trend">
      <div className="stats-inline-control">
        <span id={labelId}>{t('stats.trend.interval')}</span>
        <Segmented<Interval>
          aria-labelledby={labelId}
          value={interval}
          onChange={setInterval}
          options={intervals.map((i) => ({ value: i, label: t(`stats.interval.${i}`) }))}
        />
      </div>
      {series.isPending ? (
        <Skeleton active />
      ) : series.isError ? (
        <QueryError error={series.error} onRetry={() => void series.refetch()} />
      ) : (
        <div aria-busy={series.isPlaceholderData}>
          {option && <EChart option={option} label={t('stats.trend.chartLabel', { region: regionLabel(t, series.data.region) })} className="stats-line" testId="stats-trend" />}
          {series.data.points.some((p) => p.partial) && (
            <p className="stats-note" data-testid="trend-partial-note">
              {t('stats.trend.partialNote')}
            </p>
          )}
          <details className="stats-details">
            <summary>{t('stats.showTable')}</summary>
            <div className="stats-table-scroll" tabIndex={0} role="region" aria-label={t('stats.trend.chartLabel', { region: regionLabel(t, series.data.region) })}>
              <table className="stats-mini-table">
                <caption className="visually-hidden">{t('stats.trend.chartLabel', { region: regionLabel(t, series.data.region) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('stats.col.period')}</th>
                    <th scope="col">{t('stats.metric.received')}</th>
                    <th scope="col">{t('stats.metric.replied')}</th>
                    <th scope="col">{t('stats.metric.replyRate')}</th>
                    <th scope="col">{t('stats.metric.satisfactionRate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {series.data.points.map((p) => (
                    <tr key={p.period}>
                      <th scope="row">{pointLabel(t, p, series.data.interval)}</th>
                      <td>{format.count(p.figures.received)}</td>
                      <td>{format.count(p.figures.replied)}</td>
                      <td>{format.rate(p.figures.replyRate)}</td>
                      <td>{format.rate(p.figures.satisfactionRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </div>
      )}
    </div>
  );
}
