import { Alert, Skeleton, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { RankingMetric, StatSummary } from '../../../../shared/stats';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useMe } from '../../../lib/api/get-me';
import { ALL_PEERS, useRankings } from '../api/get-rankings';
import { useStaffSummary } from '../api/get-summary';
import type { StatsWindow } from '../api/stats-query';
import { BoardsTable } from '../components/boards-table';
import { CampaignFiguresPanel } from '../components/campaign-figures';
import { FigureCards } from '../components/figure-cards';
import { HotTopics } from '../components/hot-topics';
import { LevelShares } from '../components/level-shares';
import { MetricSelect } from '../components/metric-select';
import { OverdueUnitsTable } from '../components/overdue-units-table';
import { PeriodFilter } from '../components/period-filter';
import { RankingPanel } from '../components/ranking-panel';
import { RegionBreadcrumb } from '../components/region-breadcrumb';
import { RegionMap } from '../components/region-map';
import { RegionTable } from '../components/region-table';
import { TrendChart } from '../components/trend-chart';
import { WeakRegions } from '../components/weak-regions';
import { regionLabel } from '../lib/metrics';
import { NATIONAL, useStatsParams } from '../lib/use-stats-params';
import '../components/stats.css';
import { StatsPanel } from '../components/stats-panel';

/**
 * /console/stats — the figures of a region and window for staff: the internal view inside the own
 * region, the published one elsewhere (the server decides). The region, window and map figure are
 * in the URL, so a drill-down is a link and the back button climbs back up.
 */
export function StatsPage() {
  const t = useT();
  useDocumentTitle(t('stats.title'));
  const me = useMe();
  if (me.isPending) return <Skeleton active />;
  // Staff open on their own region, where they read the internal figures (an analyst of 江西 is not refused 全国).
  return <StatsView ownRegion={me.data?.unit?.regionCode ?? NATIONAL} />;
}

function StatsView({ ownRegion }: { ownRegion: string }) {
  const t = useT();
  const params = useStatsParams('received', ownRegion);
  const summary = useStaffSummary({ region: params.region, ...params.period });
  const linkTo = (code: string) => params.searchWith({ region: code === ownRegion ? null : code });
  const view = summary.data?.view;

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('stats.title')}</h1>
        <div className="stats-head-tools">
          {view && (
            <Tag color={view === 'internal' ? 'blue' : 'default'} data-testid="stats-view">
              {t(`stats.view.${view}`)}
            </Tag>
          )}
          <Link to="/console/reports">{t('stats.reports')}</Link>
        </div>
      </div>
      <p className="page-intro">{t('stats.intro')}</p>
      <div className="stats-filters">
        <RegionBreadcrumb region={params.region} linkTo={linkTo} />
        <PeriodFilter period={params.period} onChange={params.setPeriod} />
      </div>
      {summary.isPending ? (
        <Skeleton active />
      ) : summary.isError ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <StatsBody summary={summary.data} loading={summary.isPlaceholderData} metric={params.metric} onMetric={params.setMetric} onDrill={params.setRegion} linkTo={linkTo} />
      )}
    </>
  );
}

interface StatsBodyProps {
  summary: StatSummary;
  loading: boolean;
  metric: RankingMetric;
  onMetric: (metric: RankingMetric) => void;
  onDrill: (code: string) => void;
  linkTo: (code: string) => string;
}

function StatsBody({ summary, loading, metric, onMetric, onDrill, linkTo }: StatsBodyProps) {
  const t = useT();
  // Everything below follows the summary's answer: the same region, window and view.
  const window: StatsWindow = { region: summary.region.code, from: summary.from, to: summary.to, view: summary.view };
  const level = summary.region.level;
  const hasChildren = level === 'national' || level === 'province' || level === 'city';
  const peers = useRankings(window, { metric, limit: ALL_PEERS }, hasChildren);
  const internal = summary.view === 'internal';

  return (
    <div className="stats-body" aria-busy={loading}>
      {!internal && <Alert type="info" showIcon className="stats-view-note" title={t('stats.view.publicNote')} />}
      <section aria-labelledby="stats-figures">
        <h2 id="stats-figures" className="section-title">
          {t('stats.figures.title', { region: regionLabel(t, summary.region) })}
        </h2>
        <FigureCards summary={summary} />
      </section>

      {hasChildren && (
        <section aria-labelledby="stats-regions">
          <div className="section-head">
            <h2 id="stats-regions" className="section-title">
              {t(`stats.regions.${peers.data?.peers ?? (level === 'national' ? 'province' : level === 'province' ? 'city' : 'county')}`)}
            </h2>
            <MetricSelect value={metric} onChange={onMetric} />
          </div>
          {peers.isPending ? (
            <Skeleton active />
          ) : peers.isError ? (
            <QueryError error={peers.error} onRetry={() => void peers.refetch()} />
          ) : (
            <div className="stats-map-grid" aria-busy={peers.isPlaceholderData}>
              <div className="stats-panel stats-map-panel">
                <RegionMap ranking={peers.data} metric={metric} onSelect={onDrill} />
                <p className="stats-note">{t('stats.map.hint')}</p>
              </div>
              <div className="stats-panel">
                <RegionTable
                  ranking={peers.data}
                  metric={metric}
                  linkTo={linkTo}
                  caption={t('stats.map.tableCaption', { region: regionLabel(t, peers.data.region) })}
                />
              </div>
            </div>
          )}
        </section>
      )}

      <div className="stats-grid">
        {hasChildren && (
          <StatsPanel id="stats-rankings" title={t('stats.rank.title')} wide>
            <RankingPanel window={window} regionLevel={level} linkTo={linkTo} />
          </StatsPanel>
        )}
        {hasChildren && peers.data && (
          <StatsPanel id="stats-weak" title={t('stats.weak.title')}>
            <WeakRegions ranking={peers.data} linkTo={linkTo} />
          </StatsPanel>
        )}
        <StatsPanel id="stats-levels" title={t('stats.levels.title')}>
          <LevelShares summary={summary} />
        </StatsPanel>
        <StatsPanel id="stats-trend" title={t('stats.trend.title')}>
          <TrendChart window={window} />
        </StatsPanel>
        <StatsPanel id="stats-boards" title={t(level === 'national' ? 'stats.boards.titleNational' : 'stats.boards.title')}>
          <BoardsTable window={window} />
        </StatsPanel>
        {internal && (
          <StatsPanel id="stats-overdue" title={t('stats.overdue.title')}>
            <OverdueUnitsTable region={summary.region.code} />
          </StatsPanel>
        )}
        <StatsPanel id="stats-topics" title={t('stats.topics.title')} wide>
          <HotTopics window={window} />
        </StatsPanel>
        <CampaignFiguresPanel id="stats-campaigns" window={window} />
      </div>
    </div>
  );
}
