import { useMemo } from 'react';
import type { ReportTrendPoint } from '../../../../shared/reports';
import { EChart, type EChartsOption } from '../../../components/echart';
import { useT } from '../../../lib/i18n';

/** Received and replied per month (or day) as bars, the reply rate as a line; the table beside it gives the same figures. */
export function ReportTrendChart({ trend }: { trend: ReportTrendPoint[] }) {
  const t = useT();
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: trend.map((p) => p.label) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('reports.col.received'), data: trend.map((p) => p.received), itemStyle: { color: '#1f4e79' } },
        { type: 'bar', name: t('reports.col.replied'), data: trend.map((p) => p.replied), itemStyle: { color: '#69b1ff' } },
        {
          type: 'line',
          name: t('reports.col.replyRate'),
          yAxisIndex: 1,
          data: trend.map((p) => (p.replyRate === null ? null : Math.round(p.replyRate * 1000) / 10)),
          itemStyle: { color: '#d46b08' },
          tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
        },
      ],
    }),
    [trend, t],
  );
  return <EChart option={option} label={t('reports.chart.trend')} className="report-chart" />;
}
