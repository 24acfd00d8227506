import { Alert, Skeleton, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { CampaignFigureRow } from '../../../../shared/campaigns';
import { EChart, type EChartsOption } from '../../../components/echart';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useCampaignFigures, type CampaignFigures } from '../api/get-campaign-figures';
import { useStatFormat } from '../lib/format';
import { regionLabel } from '../lib/metrics';
import type { Period } from '../lib/periods';
import { StatCardList } from './figure-cards';
import { StatsPanel } from './stats-panel';

const DAY_MS = 86_400_000;

/** Every day of the window, with the days without entries as zeros (the server names only days with entries). */
function everyDay(f: CampaignFigures): { day: string; entries: number; adopted: number }[] {
  const known = new Map(f.byDay.map((d) => [d.day, d]));
  const days = [];
  for (let at = Date.parse(`${f.from}T00:00:00Z`), end = Date.parse(`${f.to}T00:00:00Z`); at <= end; at += DAY_MS) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.push(known.get(day) ?? { day, entries: 0, adopted: 0 });
  }
  return days;
}

/**
 * 征集与问卷: the published campaign figures of the page's region and window — cards, entries per
 * day as a line, and the campaigns with most entries, each linking to its page.
 */
export function CampaignFiguresPanel({ id, window }: { id: string; window: Period & { region: string } }) {
  const t = useT();
  return (
    <StatsPanel id={id} title={t('stats.campaigns.title')} wide>
      <CampaignFiguresBody window={window} />
    </StatsPanel>
  );
}

function CampaignFiguresBody({ window }: { window: Period & { region: string } }) {
  const t = useT();
  const figures = useCampaignFigures(window);
  if (figures.isPending) return <Skeleton active />;
  if (figures.isError) return <QueryError error={figures.error} onRetry={() => void figures.refetch()} />;
  return (
    <div aria-busy={figures.isPlaceholderData} data-testid="campaign-figures">
      <Figures f={figures.data} />
      <p className="stats-note">{t('stats.campaigns.note')}</p>
    </div>
  );
}

function Figures({ f }: { f: CampaignFigures }) {
  const t = useT();
  const format = useStatFormat();
  const { elderly } = usePreferences();
  const region = regionLabel(t, f.region);
  const days = useMemo(() => everyDay(f), [f]);

  const option = useMemo<EChartsOption>(() => {
    const fontSize = elderly ? 16 : 12;
    return {
      tooltip: { trigger: 'axis', textStyle: { fontSize } },
      legend: { top: 0, textStyle: { fontSize } },
      grid: { left: 8, right: 8, top: elderly ? 44 : 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => d.day), axisLabel: { fontSize } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize, formatter: (v: number) => format.compact(v) } },
      series: [
        { type: 'line', name: t('stats.campaigns.col.entries'), data: days.map((d) => d.entries), itemStyle: { color: '#b3261e' }, lineStyle: { width: 2 }, showSymbol: days.length <= 62 },
        { type: 'line', name: t('stats.campaigns.col.adopted'), data: days.map((d) => d.adopted), itemStyle: { color: '#1d4ed8' }, lineStyle: { width: 2 }, showSymbol: days.length <= 62 },
      ],
    };
  }, [days, t, format, elderly]);

  const columns: TableColumnsType<CampaignFigureRow> = [
    { title: t('stats.campaigns.col.campaign'), key: 'title', render: (_, row) => <Link to={`/campaigns/${row.id}`}>{row.title}</Link> },
    { title: t('stats.campaigns.col.organiser'), key: 'organiser', render: (_, row) => row.organiser.name },
    { title: t('stats.campaigns.col.phase'), key: 'phase', render: (_, row) => t(row.status === 'results_published' ? 'campaigns.phase.results' : `campaigns.phase.${row.phase}`) },
    { title: t('stats.campaigns.col.entries'), key: 'entries', align: 'end', render: (_, row) => format.count(row.entries) },
    { title: t('stats.campaigns.col.adopted'), key: 'adopted', align: 'end', render: (_, row) => format.count(row.adopted) },
    { title: t('stats.campaigns.col.adoptionRate'), key: 'rate', align: 'end', render: (_, row) => format.rate(row.adoptionRate) },
    { title: t('stats.campaigns.col.supports'), key: 'supports', align: 'end', render: (_, row) => format.count(row.supports) },
    { title: t('stats.campaigns.col.responses'), key: 'responses', align: 'end', render: (_, row) => format.count(row.responses) },
  ];

  const s = f.totals;
  return (
    <>
      <StatCardList
        testId="campaign-figure-cards"
        cards={[
          { key: 'campaigns', label: t('stats.campaigns.fig.campaigns'), value: format.count(s.campaigns) },
          { key: 'entries', label: t('stats.campaigns.fig.entries'), value: format.count(s.entries), sub: t('stats.campaigns.fig.supportsSub', { n: format.count(s.supports) }) },
          { key: 'adopted', label: t('stats.campaigns.fig.adopted'), value: format.count(s.adopted) },
          { key: 'adoptionRate', label: t('stats.campaigns.fig.adoptionRate'), value: format.rate(s.adoptionRate) },
          { key: 'responses', label: t('stats.campaigns.fig.responses'), value: format.count(s.responses) },
        ]}
      />
      <h3 className="stats-subtitle">{t('stats.campaigns.byDay')}</h3>
      {s.entries === 0 ? (
        <Alert type="info" showIcon title={t('stats.campaigns.noEntries')} />
      ) : (
        <>
          <EChart option={option} label={t('stats.campaigns.chartLabel', { region })} className="stats-line" testId="campaign-figures-by-day" />
          <details className="stats-details">
            <summary>{t('stats.showTable')}</summary>
            <div className="stats-table-scroll" tabIndex={0} role="region" aria-label={t('stats.campaigns.chartLabel', { region })}>
              <table className="stats-mini-table">
                <caption className="visually-hidden">{t('stats.campaigns.chartLabel', { region })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('stats.col.period')}</th>
                    <th scope="col">{t('stats.campaigns.col.entries')}</th>
                    <th scope="col">{t('stats.campaigns.col.adopted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {f.byDay.map((d) => (
                    <tr key={d.day}>
                      <th scope="row">{d.day}</th>
                      <td>{format.count(d.entries)}</td>
                      <td>{format.count(d.adopted)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
      <h3 className="stats-subtitle">{t('stats.campaigns.col.campaign')}</h3>
      <Table<CampaignFigureRow>
        rowKey="id"
        columns={columns}
        dataSource={f.campaigns}
        pagination={f.campaigns.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        size="small"
        scroll={{ x: 'max-content' }}
        caption={<span className="visually-hidden">{t('stats.campaigns.caption', { region })}</span>}
        locale={{ emptyText: t('stats.campaigns.empty') }}
        data-testid="campaign-figures-table"
      />
    </>
  );
}
