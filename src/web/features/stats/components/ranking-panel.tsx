import { Segmented, Skeleton, Table, Tabs, type TableColumnsType } from 'antd';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { RankingMetric, StatRankingItem } from '../../../../shared/stats';
import { EChart, type EChartsOption } from '../../../components/echart';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useRankings, type PeerLevel } from '../api/get-rankings';
import type { StatsWindow } from '../api/stats-query';
import { useStatFormat } from '../lib/format';
import { formatMetric, isRate, metricLabel, metricValue, regionLabel } from '../lib/metrics';
import { InsufficientRegions } from './insufficient-regions';

export const RANKING_TABS: readonly RankingMetric[] = ['heat', 'replyRate', 'satisfactionRate', 'received'];

/** The levels a region's children can be ranked at: provinces or cities of the country, cities or counties of a province. */
export function peerChoices(level: string): PeerLevel[] {
  if (level === 'national') return ['province', 'city'];
  if (level === 'province') return ['city', 'county'];
  if (level === 'city') return ['county'];
  return [];
}

interface RankingPanelProps {
  window: StatsWindow;
  regionLevel: string;
  tabs?: readonly RankingMetric[];
  limit?: number;
  /** A bar chart of the list above the table. */
  chart?: boolean;
  linkTo?: (code: string) => string;
}

/** Top N of the region's children by 总热度 (with its three parts), 回复率, 满意率 or 留言量. */
export function RankingPanel({ window, regionLevel, tabs = RANKING_TABS, limit = 10, chart = false, linkTo }: RankingPanelProps) {
  const t = useT();
  const choices = peerChoices(regionLevel);
  const [metric, setMetric] = useState<RankingMetric>(tabs[0] ?? 'heat');
  const [peerChoice, setPeers] = useState<PeerLevel | undefined>(undefined);
  const peers = peerChoice && choices.includes(peerChoice) ? peerChoice : choices[0];
  const peersLabel = useId();

  return (
    <div className="stats-ranking">
      {choices.length > 1 && (
        <div className="stats-inline-control">
          <span id={peersLabel}>{t('stats.rank.peers')}</span>
          <Segmented<PeerLevel>
            aria-labelledby={peersLabel}
            value={peers}
            onChange={setPeers}
            options={choices.map((p) => ({ value: p, label: t(`stats.peers.${p}`) }))}
          />
        </div>
      )}
      <Tabs
        activeKey={metric}
        onChange={(key) => setMetric(key as RankingMetric)}
        items={tabs.map((m) => ({
          key: m,
          label: t(`stats.rank.by.${m}`),
          children: m === metric && <RankingList window={window} metric={m} peers={peers} limit={limit} chart={chart} linkTo={linkTo} />,
        }))}
      />
    </div>
  );
}

function RankingList({ window, metric, peers, limit, chart, linkTo }: { window: StatsWindow; metric: RankingMetric; peers?: PeerLevel; limit: number; chart: boolean; linkTo?: (code: string) => string }) {
  const t = useT();
  const format = useStatFormat();
  const ranking = useRankings(window, { metric, peers, limit });

  if (ranking.isPending) return <Skeleton active />;
  if (ranking.isError) return <QueryError error={ranking.error} onRetry={() => void ranking.refetch()} />;

  const points = (v: number) => format.decimal(v * 100, 1);
  const name = (item: StatRankingItem) => (linkTo ? <Link to={linkTo(item.region.code)}>{item.region.name}</Link> : item.region.name);
  const columns: TableColumnsType<StatRankingItem> = [
    { title: t('stats.col.rank'), key: 'rank', width: 56, render: (_, item) => item.rank },
    { title: t('stats.col.region'), key: 'region', render: (_, item) => name(item) },
    { title: t(metricLabel(metric)), key: 'value', align: 'end', render: (_, item) => formatMetric(format, metric, metricValue(item, metric)) },
    ...(metric === 'heat'
      ? [
          { title: t('stats.heat.satisfaction'), key: 's', align: 'end' as const, render: (_: unknown, item: StatRankingItem) => points(item.heat.satisfaction) },
          { title: t('stats.heat.activity'), key: 'a', align: 'end' as const, render: (_: unknown, item: StatRankingItem) => points(item.heat.activity) },
          { title: t('stats.heat.effort'), key: 'h', align: 'end' as const, render: (_: unknown, item: StatRankingItem) => points(item.heat.effort) },
        ]
      : metric === 'received'
        ? [{ title: t('stats.metric.replied'), key: 'replied', align: 'end' as const, render: (_: unknown, item: StatRankingItem) => format.count(item.figures.replied) }]
        : [{ title: t('stats.metric.received'), key: 'received', align: 'end' as const, render: (_: unknown, item: StatRankingItem) => format.count(item.figures.received) }]),
  ];
  const caption = t('stats.rank.caption', { metric: t(metricLabel(metric)), region: regionLabel(t, ranking.data.region), peers: t(`stats.peers.${ranking.data.peers}`) });

  return (
    <div aria-busy={ranking.isPlaceholderData}>
      {chart && ranking.data.items.length > 0 && <RankingBars items={ranking.data.items} metric={metric} label={caption} />}
      {/* A phone is narrower than the heat columns: the table scrolls in its own box, reachable by keyboard. */}
      <div className="stats-table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <Table<StatRankingItem>
          rowKey={(item) => item.region.code}
          columns={columns}
          dataSource={ranking.data.items}
          pagination={false}
          size="small"
          caption={<span className="visually-hidden">{caption}</span>}
          locale={{ emptyText: t(ranking.data.insufficient.length > 0 ? 'stats.rank.insufficient' : 'stats.noRegions') }}
        />
      </div>
      <InsufficientRegions ranking={ranking.data} linkTo={linkTo} />
      {metric === 'heat' && <p className="stats-note">{t('stats.heat.note')}</p>}
    </div>
  );
}

function RankingBars({ items, metric, label }: { items: StatRankingItem[]; metric: RankingMetric; label: string }) {
  const format = useStatFormat();
  const { elderly } = usePreferences();
  const option = useMemo<EChartsOption>(() => {
    const rows = [...items].reverse();
    const scale = isRate(metric) ? 100 : 1;
    const fontSize = elderly ? 16 : 12;
    return {
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', show: false, max: isRate(metric) ? 100 : undefined },
      yAxis: { type: 'category', data: rows.map((i) => i.region.name), axisTick: { show: false }, axisLabel: { fontSize } },
      series: [
        {
          type: 'bar',
          data: rows.map((i) => {
            const v = metricValue(i, metric);
            return v === null ? 0 : v * scale;
          }),
          itemStyle: { color: '#b3261e' },
          barMaxWidth: 18,
          label: {
            show: true,
            position: 'right',
            fontSize,
            formatter: (p) => formatMetric(format, metric, metricValue(rows[p.dataIndex]!, metric)),
          },
        },
      ],
    };
  }, [items, metric, format, elderly]);
  return <EChart option={option} label={label} className="stats-bars" style={{ height: `${Math.max(4, items.length) * (elderly ? 2.6 : 2)}rem` }} />;
}
