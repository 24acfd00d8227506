import { Select, Skeleton } from 'antd';
import { useId } from 'react';
import type { Interval } from '../../../../shared/stats';
import { QueryError } from '../../../components/query-error';
import { useRegions } from '../../../lib/api/get-regions';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useRankings } from '../api/get-rankings';
import { usePublicSummary } from '../api/get-summary';
import type { StatsWindow } from '../api/stats-query';
import { CampaignFiguresPanel } from '../components/campaign-figures';
import { FigureCards, type FigureCardKey } from '../components/figure-cards';
import { Headline } from '../components/headline';
import { HotTopics } from '../components/hot-topics';
import { LevelShares } from '../components/level-shares';
import { PeriodFilter } from '../components/period-filter';
import { peerChoices, RankingPanel } from '../components/ranking-panel';
import { TrendChart } from '../components/trend-chart';
import type { PeriodPreset } from '../lib/periods';
import { regionLabel } from '../lib/metrics';
import { NATIONAL, useStatsParams } from '../lib/use-stats-params';
import '../components/stats.css';
import { StatsPanel } from '../components/stats-panel';

const PUBLIC_CARDS: readonly FigureCardKey[] = ['received', 'replied', 'replyRate', 'satisfactionRate', 'avgReplyWorkdays', 'closedRate', 'goodBad'];
const PUBLIC_PRESETS: readonly PeriodPreset[] = ['year', 'h1', 'h2', 'quarter', 'month', 'last30'];
const PUBLIC_INTERVALS: readonly Interval[] = ['week', 'month', 'quarter', 'half', 'year'];

/** /data — the published figures of the country or a province, for anyone, phone first. */
export function OpenDataPage() {
  const t = useT();
  useDocumentTitle(t('openData.title'));
  const params = useStatsParams();
  const summary = usePublicSummary({ region: params.region, ...params.period });

  return (
    <div className="open-data">
      <h1 className="page-title">{t('openData.title')}</h1>
      <p className="page-intro">{t('openData.intro')}</p>
      <div className="stats-filters">
        <ProvincePicker value={params.region} onChange={params.setRegion} />
        <PeriodFilter period={params.period} onChange={params.setPeriod} presets={PUBLIC_PRESETS} />
      </div>
      {summary.isPending ? (
        <Skeleton active />
      ) : summary.isError ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <OpenDataBody window={{ region: summary.data.region.code, from: summary.data.from, to: summary.data.to, view: 'public' }} summary={summary.data} loading={summary.isPlaceholderData} />
      )}
    </div>
  );
}

function ProvincePicker({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const t = useT();
  const provinces = useRegions();
  const id = useId();
  const options = [{ value: NATIONAL, label: t('stats.national') }, ...(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))];
  return (
    <div className="stats-inline-control">
      <label htmlFor={id} className="stats-filter-label">
        {t('openData.province')}
      </label>
      <Select
        id={id}
        value={value}
        onChange={onChange}
        options={options}
        loading={provinces.isPending}
        showSearch={{ optionFilterProp: 'label' }}
        className="open-data-province"
        data-testid="province-picker"
      />
    </div>
  );
}

function OpenDataBody({ window, summary, loading }: { window: StatsWindow; summary: Parameters<typeof FigureCards>[0]['summary']; loading: boolean }) {
  const t = useT();
  const level = summary.region.level;
  const choices = peerChoices(level);
  // The same query as the ranking panel's first tab, so the page asks once.
  const top = useRankings(window, { metric: 'heat', peers: choices[0], limit: 10 }, choices.length > 0);

  return (
    <div aria-busy={loading}>
      <section aria-labelledby="open-data-summary" className="open-data-summary">
        <h2 id="open-data-summary" className="section-title">
          {t('openData.summary', { region: regionLabel(t, summary.region) })}
        </h2>
        <Headline summary={summary} top={top.data} />
        <FigureCards summary={summary} cards={PUBLIC_CARDS} />
      </section>
      <div className="stats-grid">
        {choices.length > 0 && (
          <StatsPanel id="open-data-rankings" title={t('stats.rank.title')}>
            <RankingPanel window={window} regionLevel={level} tabs={['heat', 'replyRate', 'satisfactionRate']} chart />
          </StatsPanel>
        )}
        <StatsPanel id="open-data-levels" title={t('stats.levels.title')}>
          <LevelShares summary={summary} />
        </StatsPanel>
        <StatsPanel id="open-data-trend" title={t('stats.trend.title')}>
          <TrendChart window={window} intervals={PUBLIC_INTERVALS} />
        </StatsPanel>
        <StatsPanel id="open-data-topics" title={t('stats.topics.title')} wide>
          <HotTopics window={window} />
        </StatsPanel>
        <CampaignFiguresPanel id="open-data-campaigns" window={window} />
      </div>
      <p className="stats-note">{t('openData.definitions')}</p>
    </div>
  );
}
