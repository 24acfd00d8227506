import { useMemo } from 'react';
import type { StatSummary } from '../../../../shared/stats';
import { EChart, type EChartsOption } from '../../../components/echart';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useStatFormat } from '../lib/format';
import { levelLabel, regionLabel } from '../lib/metrics';

const COLORS: Record<string, string> = { national: '#5b3f8c', province: '#b3261e', city: '#d97706', county: '#2f6f4f' };

/** Messages by the level of the board they went to (省级 / 市级 / 县级, 中央部委): a donut and the same figures as a list. */
export function LevelShares({ summary }: { summary: StatSummary }) {
  const t = useT();
  const format = useStatFormat();
  const { elderly } = usePreferences();
  const levels = summary.levels;
  const option = useMemo<EChartsOption>(
    () => ({
      // The slices say the shares the table says (29.85%), not ECharts' own rounding, which makes them add up to 100%.
      tooltip: {
        trigger: 'item',
        textStyle: { fontSize: elderly ? 16 : 12 },
        formatter: (p) => {
          const d = (p as unknown as { data: { name: string; value: number; share: number | null } }).data;
          return `${d.name}<br/>${format.count(d.value)} (${format.rate(d.share)})`;
        },
      },
      // Names in the legend, shares by the slices: short labels fit beside the donut on a phone.
      legend: { bottom: 0, textStyle: { fontSize: elderly ? 16 : 12 } },
      series: [
        {
          type: 'pie',
          radius: ['35%', '58%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          // Labels keep to the chart's edges, so a phone (and elderly mode) does not cut them off.
          label: { show: true, formatter: (p) => format.rate((p.data as { share: number | null }).share), fontSize: elderly ? 16 : 12, alignTo: 'edge', edgeDistance: 12, minMargin: 4, overflow: 'none' },
          labelLine: { length: 8, length2: 0 },
          data: levels.filter((l) => l.received > 0).map((l) => ({ name: t(levelLabel(l.level)), value: l.received, share: l.share, itemStyle: { color: COLORS[l.level] } })),
        },
      ],
    }),
    [levels, t, elderly, format],
  );
  const total = levels.reduce((sum, l) => sum + l.received, 0);
  return (
    <div className="stats-levels">
      {total > 0 && <EChart option={option} label={t('stats.levels.chartLabel', { region: regionLabel(t, summary.region) })} className="stats-pie" />}
      <div className="stats-table-scroll" tabIndex={0} role="region" aria-label={t('stats.levels.caption', { region: regionLabel(t, summary.region) })}>
        <table className="stats-mini-table">
          <caption className="visually-hidden">{t('stats.levels.caption', { region: regionLabel(t, summary.region) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.levels.level')}</th>
              <th scope="col">{t('stats.metric.received')}</th>
              <th scope="col">{t('stats.levels.share')}</th>
              <th scope="col">{t('stats.metric.replied')}</th>
              <th scope="col">{t('stats.metric.replyRate')}</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l.level}>
                <th scope="row">
                  <span className="stats-swatch" style={{ background: COLORS[l.level] }} aria-hidden />
                  {t(levelLabel(l.level))}
                </th>
                <td>{format.count(l.received)}</td>
                <td>{format.rate(l.share)}</td>
                <td>{format.count(l.replied)}</td>
                <td>{format.rate(l.replyRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
