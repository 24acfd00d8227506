import { useMemo } from 'react';
import type { Clearance } from '../../../../shared/oversight';
import { EChart, type EChartsOption } from '../../../components/echart';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import './oversight.css';

/** The drive towards zero: what remains open each day (line), and what was answered and accepted since the start. */
export function DriveChart({ drive, regionName }: { drive: Clearance['drive']; regionName: string }) {
  const t = useT();
  const { elderly } = usePreferences();
  const option = useMemo<EChartsOption>(() => {
    const fontSize = elderly ? 16 : 12;
    return {
      tooltip: { trigger: 'axis', textStyle: { fontSize } },
      legend: { top: 0, textStyle: { fontSize } },
      grid: { left: 8, right: 8, top: elderly ? 44 : 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: drive.days.map((d) => d.day.slice(5)), axisLabel: { fontSize } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
      series: [
        { type: 'line', name: t('oversight.drive.remaining'), data: drive.days.map((d) => d.remaining), itemStyle: { color: '#b3261e' }, lineStyle: { width: 3 } },
        { type: 'line', name: t('oversight.drive.answered'), data: drive.days.map((d) => d.answered), itemStyle: { color: '#1d4ed8' } },
        { type: 'line', name: t('oversight.drive.arrived'), data: drive.days.map((d) => d.arrived), itemStyle: { color: '#8c8c8c' }, lineStyle: { type: 'dashed' } },
      ],
    };
  }, [drive, t, elderly]);
  return <EChart option={option} label={t('oversight.drive.chartLabel', { region: regionName, from: drive.from, to: drive.to })} className="oversight-chart" testId="clearance-drive" />;
}
