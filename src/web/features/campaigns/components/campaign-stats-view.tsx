import { Alert, Skeleton } from 'antd';
import { useMemo } from 'react';
import type { CampaignDetail } from '../../../../shared/campaigns';
import { EChart, type EChartsOption } from '../../../components/echart';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useCampaignStats, type CampaignStats } from '../api/get-campaign-stats';

const RED = '#b3261e';
const BLUE = '#1d4ed8';
/** Provinces shown in the chart; the table lists them all. */
const CHART_PROVINCES = 15;

function useFormat() {
  const { locale } = usePreferences();
  return useMemo(() => {
    const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return { count: (n: number) => count.format(n), rate: (r: number | null) => (r === null ? '—' : percent.format(r)) };
  }, [locale]);
}

/** A campaign's figures: entries, adoptions and the adoption rate; entries by day and by province as charts with their tables. */
export function CampaignStatsView({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const live = campaign.status === 'published' && campaign.phase === 'open';
  const stats = useCampaignStats(campaign.id, { live });
  if (stats.isPending) return <Skeleton active />;
  if (stats.isError) return <QueryError error={stats.error} onRetry={() => void stats.refetch()} />;
  return <StatsBody s={stats.data} live={live} title={campaign.title} t={t} />;
}

function StatsBody({ s, live, title, t }: { s: CampaignStats; live: boolean; title: string; t: ReturnType<typeof useT> }) {
  const format = useFormat();
  const { elderly } = usePreferences();
  const fontSize = elderly ? 16 : 12;

  const byDay = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis', textStyle: { fontSize } },
      legend: { top: 0, textStyle: { fontSize } },
      grid: { left: 8, right: 8, top: elderly ? 44 : 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: s.byDay.map((d) => d.day), axisLabel: { fontSize } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
      series: [
        { type: 'bar', name: t('campaigns.figure.entries'), data: s.byDay.map((d) => d.entries), itemStyle: { color: '#e8847a' }, barMaxWidth: 24 },
        { type: 'line', name: t('campaigns.figure.adopted'), data: s.byDay.map((d) => d.adopted), itemStyle: { color: BLUE }, lineStyle: { width: 2 } },
      ],
    }),
    [s.byDay, t, fontSize, elderly],
  );

  // Responses to the campaign's questionnaires: their own days, apart from the entries'.
  const responsesByDay = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis', textStyle: { fontSize } },
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: s.responsesByDay.map((d) => d.day), axisLabel: { fontSize } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
      series: [{ type: 'line', name: t('campaigns.figure.responses'), data: s.responsesByDay.map((d) => d.responses), itemStyle: { color: '#0f766e' }, lineStyle: { width: 2 } }],
    }),
    [s.responsesByDay, t, fontSize],
  );

  const top = s.byRegion.slice(0, CHART_PROVINCES).reverse();
  const byRegion = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis', textStyle: { fontSize } },
      legend: { top: 0, textStyle: { fontSize } },
      grid: { left: 8, right: 16, top: elderly ? 44 : 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
      yAxis: { type: 'category', data: top.map((r) => r.name), axisLabel: { fontSize } },
      series: [
        { type: 'bar', name: t('campaigns.figure.entries'), data: top.map((r) => r.entries), itemStyle: { color: RED }, barMaxWidth: 18 },
        { type: 'bar', name: t('campaigns.figure.adopted'), data: top.map((r) => r.adopted), itemStyle: { color: BLUE }, barMaxWidth: 18 },
      ],
    }),
    [top, t, fontSize, elderly],
  );

  return (
    <div className="campaign-stats" data-testid="campaign-stats">
      {live && <p className="muted">{t('campaigns.stats.live')}</p>}
      <ul className="campaign-figures" aria-label={t('campaigns.stats.figures')}>
        <li>
          <span className="campaign-figure-value">{format.count(s.entries)}</span>
          <span className="campaign-figure-label">{t('campaigns.figure.entries')}</span>
        </li>
        <li>
          <span className="campaign-figure-value">{format.count(s.adopted)}</span>
          <span className="campaign-figure-label">{t('campaigns.figure.adopted')}</span>
        </li>
        <li>
          <span className="campaign-figure-value" data-testid="adoption-rate">
            {format.rate(s.adoptionRate)}
          </span>
          <span className="campaign-figure-label">{t('campaigns.figure.adoptionRate')}</span>
        </li>
        <li>
          <span className="campaign-figure-value">{format.count(s.supports)}</span>
          <span className="campaign-figure-label">{t('campaigns.figure.supports')}</span>
        </li>
        <li>
          <span className="campaign-figure-value" data-testid="responses">
            {format.count(s.responses)}
          </span>
          <span className="campaign-figure-label">{t('campaigns.figure.responses')}</span>
        </li>
      </ul>
      {s.entries === 0 ? (
        <Alert type="info" showIcon title={t('campaigns.stats.none')} />
      ) : (
        <>
          <h3 className="campaign-subtitle">{t('campaigns.stats.byDay')}</h3>
          <EChart option={byDay} label={t('campaigns.stats.byDayLabel', { title })} className="campaign-chart" testId="stats-by-day" />
          <FigureTable
            caption={t('campaigns.stats.byDay')}
            head={t('campaigns.stats.day')}
            rows={s.byDay.map((d) => ({ key: d.day, label: d.day, entries: d.entries, adopted: d.adopted }))}
            format={format}
            t={t}
          />
          <h3 className="campaign-subtitle">{t('campaigns.stats.byRegion')}</h3>
          <EChart
            option={byRegion}
            label={t('campaigns.stats.byRegionLabel', { title })}
            className="campaign-chart"
            // Room for each province's two bars, whatever the number of provinces.
            style={{ height: `${Math.max(10, top.length * (elderly ? 4 : 3) + 5)}rem` }}
            testId="stats-by-region"
          />
          <FigureTable
            caption={t('campaigns.stats.byRegion')}
            head={t('campaigns.stats.province')}
            rows={s.byRegion.map((r) => ({ key: r.code, label: r.name, entries: r.entries, adopted: r.adopted }))}
            format={format}
            t={t}
          />
          <h3 className="campaign-subtitle">{t('campaigns.stats.byTopic')}</h3>
          <FigureTable
            caption={t('campaigns.stats.byTopic')}
            head={t('campaigns.stats.topic')}
            rows={s.byTopic.map((x) => ({ key: x.topic ?? '', label: x.topic ?? t('campaigns.stats.noTopic'), entries: x.entries, adopted: x.adopted }))}
            format={format}
            t={t}
            open
          />
          <h3 className="campaign-subtitle">{t('campaigns.stats.byKind')}</h3>
          <FigureTable
            caption={t('campaigns.stats.byKind')}
            head={t('campaigns.stats.kind')}
            rows={s.byKind.map((x) => ({ key: x.kind, label: t(`campaigns.kind.${x.kind}`), entries: x.entries, adopted: x.adopted }))}
            format={format}
            t={t}
            open
          />
        </>
      )}
      {s.responses > 0 && (
        <>
          <h3 className="campaign-subtitle">{t('campaigns.stats.responsesByDay')}</h3>
          <EChart option={responsesByDay} label={t('campaigns.stats.responsesByDayLabel', { title })} className="campaign-chart" testId="stats-responses-by-day" />
          <details className="figure-details">
            <summary>{t('campaigns.stats.showTable')}</summary>
            <div className="figure-table-scroll" tabIndex={0} role="region" aria-label={t('campaigns.stats.responsesByDay')}>
              <table className="figure-table">
                <caption className="visually-hidden">{t('campaigns.stats.responsesByDay')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.stats.day')}</th>
                    <th scope="col">{t('campaigns.figure.responses')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.responsesByDay.map((d) => (
                    <tr key={d.day}>
                      <th scope="row">{d.day}</th>
                      <td>{format.count(d.responses)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </div>
  );
}

interface Row {
  key: string;
  label: string;
  entries: number;
  adopted: number;
}

/** The figures behind a chart, as a table (WCAG 1.1.1); behind a disclosure unless `open`. */
function FigureTable({ caption, head, rows, format, t, open = false }: { caption: string; head: string; rows: Row[]; format: ReturnType<typeof useFormat>; t: ReturnType<typeof useT>; open?: boolean }) {
  const table = (
    <div className="figure-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="figure-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t('campaigns.figure.entries')}</th>
            <th scope="col">{t('campaigns.figure.adopted')}</th>
            <th scope="col">{t('campaigns.figure.adoptionRate')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{format.count(r.entries)}</td>
              <td>{format.count(r.adopted)}</td>
              <td>{format.rate(r.entries > 0 ? r.adopted / r.entries : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (open) return table;
  return (
    <details className="figure-details">
      <summary>{t('campaigns.stats.showTable')}</summary>
      {table}
    </details>
  );
}
