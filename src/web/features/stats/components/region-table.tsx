import { Table, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { RankingMetric, StatRanking, StatRankingItem } from '../../../../shared/stats';
import { useT } from '../../../lib/i18n';
import { useStatFormat } from '../lib/format';
import { formatMetric, metricLabel, metricValue } from '../lib/metrics';
import { InsufficientRegions } from './insufficient-regions';

interface RegionTableProps {
  ranking: StatRanking;
  metric: RankingMetric;
  /** The link of a row's region (a drill-down); none for regions without children. */
  linkTo?: (code: string) => string;
  caption: string;
}

/** The map's figures as a table: every child region, ordered by the map's figure. */
export function RegionTable({ ranking, metric, linkTo, caption }: RegionTableProps) {
  const t = useT();
  const format = useStatFormat();
  const extra: RankingMetric[] = (['received', 'replyRate', 'satisfactionRate'] as const).filter((m) => m !== metric);
  const columns: TableColumnsType<StatRankingItem> = [
    { title: t('stats.col.rank'), key: 'rank', width: 56, render: (_, item) => item.rank },
    {
      title: t('stats.col.region'),
      key: 'region',
      render: (_, item) => (linkTo ? <Link to={linkTo(item.region.code)}>{item.region.name}</Link> : item.region.name),
    },
    { title: t(metricLabel(metric)), key: 'metric', align: 'end', render: (_, item) => formatMetric(format, metric, metricValue(item, metric)) },
    ...extra.map((m) => ({
      title: t(metricLabel(m)),
      key: m,
      align: 'end' as const,
      render: (_: unknown, item: StatRankingItem) => formatMetric(format, m, metricValue(item, m)),
    })),
  ];
  return (
    // On a wide screen the list scrolls in its own box beside the map; a scrolling region takes the focus (WCAG 2.1.1).
    <div data-testid="region-table" className="stats-table-box" tabIndex={0} role="region" aria-label={caption}>
      <Table<StatRankingItem>
        rowKey={(item) => item.region.code}
        columns={columns}
        dataSource={ranking.items}
        pagination={false}
        size="small"
        caption={<span className="visually-hidden">{caption}</span>}
        onRow={(item) => ({ 'data-region': item.region.code }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t(ranking.insufficient.length > 0 ? 'stats.rank.insufficient' : 'stats.noRegions') }}
      />
      <InsufficientRegions ranking={ranking} linkTo={linkTo} />
    </div>
  );
}
