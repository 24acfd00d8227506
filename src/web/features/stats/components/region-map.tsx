import { Skeleton } from 'antd';
import { useMemo } from 'react';
import type { RankingMetric, StatRanking, StatRankingItem } from '../../../../shared/stats';
import { EChart, registerMap, type ECElementEvent, type EChartsOption } from '../../../components/echart';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useMapOutlines, type MapFeature, type MapOutlines } from '../api/get-map';
import { useStatFormat } from '../lib/format';
import { formatMetric, metricLabel, metricValue, regionLabel } from '../lib/metrics';
import { NATIONAL } from '../lib/use-stats-params';

const registered = new Set<string>();

/** ECharts draws the 南海诸岛 inset only for a map named 'china'. */
function mapNameOf(code: string): string {
  return code === NATIONAL ? 'china' : `region-${code}`;
}

function ensureRegistered(code: string, outlines: MapOutlines): string {
  const name = mapNameOf(code);
  if (!registered.has(name)) {
    registerMap(name, outlines as unknown as Parameters<typeof registerMap>[1]);
    registered.add(name);
  }
  return name;
}

/** 广东 ~ 广东省, 内蒙古 ~ 内蒙古自治区: the outlines' names are often short. */
function sameName(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 2 && (a.startsWith(b) || b.startsWith(a)));
}

/**
 * Which ranked region each outline is: by its adcode when the region still has that code, else by
 * name (codes change when regions merge or are renamed; the outlines are older than the tree).
 */
export function matchOutlines(features: MapFeature[], items: StatRankingItem[]): Map<string, StatRankingItem> {
  const byCode = new Map(items.map((i) => [i.region.code, i]));
  const matched = new Map<string, StatRankingItem>();
  for (const feature of features) {
    const { adcode, name } = feature.properties;
    const item = byCode.get(adcode) ?? items.find((i) => sameName(i.region.name, name));
    if (item) matched.set(name, item);
  }
  return matched;
}

interface MapDatum {
  name: string;
  value: number | '-';
  code?: string;
  regionName?: string;
  /** 样本不足: the region's 留言量, under the minimum for a rank. */
  insufficient?: number;
}

interface RegionMapProps {
  ranking: StatRanking;
  metric: RankingMetric;
  onSelect: (code: string) => void;
}

/**
 * The children of a region coloured by a figure; a click drills down. The same figures are in the
 * table beside it, which is what keyboard and screen reader users use; with no outlines for a
 * level, the map says so and the table stands alone.
 */
export function RegionMap({ ranking, metric, onSelect }: RegionMapProps) {
  const t = useT();
  const format = useStatFormat();
  const { elderly } = usePreferences();
  const outlines = useMapOutlines(ranking.region.code);

  const option = useMemo<EChartsOption | null>(() => {
    if (!outlines.data) return null;
    const map = ensureRegistered(ranking.region.code, outlines.data);
    // Regions too small to rank (样本不足) show their counts, but no rate or 总热度: a rate of 3 messages would colour the map.
    const few = new Map(ranking.insufficient.map((i) => [i.region.code, i]));
    const unranked: StatRankingItem[] = ranking.insufficient.map((i) => ({ ...i, rank: 0, heat: { heat: 0, satisfaction: 0, activity: 0, effort: 0 } }));
    const counts = metric === 'received' || metric === 'replied';
    const matched = matchOutlines(outlines.data.features, [...ranking.items, ...unranked]);
    const data: MapDatum[] = outlines.data.features.map((feature) => {
      const item = matched.get(feature.properties.name);
      const small = item ? few.get(item.region.code) : undefined;
      const value = item && (counts || !small) ? metricValue(item, metric) : null;
      return { name: feature.properties.name, value: value ?? '-', code: item?.region.code, regionName: item?.region.name, insufficient: small?.figures.received };
    });
    const values = data.map((d) => d.value).filter((v): v is number => typeof v === 'number');
    const max = Math.max(0, ...values);
    const min = Math.min(max, ...values);
    const fontSize = elderly ? 16 : 12;
    return {
      tooltip: {
        trigger: 'item',
        textStyle: { fontSize },
        formatter: (params) => {
          const p = params as unknown as { name: string; data?: MapDatum };
          const name = p.data?.regionName ?? p.name;
          const value =
            p.data && typeof p.data.value === 'number'
              ? formatMetric(format, metric, p.data.value)
              : p.data?.insufficient !== undefined
                ? t('stats.map.insufficient', { n: format.count(p.data.insufficient) })
                : t('stats.noData');
          return `${name}<br/>${t(metricLabel(metric))}: ${value}`;
        },
      },
      visualMap: {
        type: 'continuous',
        min,
        max: max > min ? max : min + 1,
        left: 0,
        bottom: 0,
        itemWidth: 12,
        itemHeight: elderly ? 100 : 80,
        text: [formatMetric(format, metric, max), formatMetric(format, metric, min)],
        textStyle: { fontSize },
        inRange: { color: ['#fbe4e1', '#e8847a', '#b3261e', '#6e1410'] },
        calculable: false,
      },
      series: [
        {
          type: 'map',
          map,
          data,
          selectedMode: false,
          roam: false,
          top: 8,
          bottom: 8,
          left: 8,
          right: 8,
          label: { show: false, fontSize },
          itemStyle: { areaColor: '#f0f0f0', borderColor: '#ffffff', borderWidth: 0.8 },
          emphasis: { label: { show: true, fontSize, color: '#000' }, itemStyle: { areaColor: '#f5c242' } },
        },
      ],
    };
  }, [outlines.data, ranking, metric, format, elderly, t]);

  if (outlines.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!option) return <p className="stats-map-none muted">{t('stats.map.none')}</p>;

  const onClick = (event: ECElementEvent) => {
    const code = (event.data as MapDatum | undefined)?.code;
    if (code) onSelect(code);
  };
  return (
    <EChart
      option={option}
      onClick={onClick}
      className="stats-map"
      testId="stats-map"
      label={t('stats.map.label', { region: regionLabel(t, ranking.region), metric: t(metricLabel(metric)) })}
    />
  );
}
