import { Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import type { HotTerm } from '../../../../shared/stats';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useHotTopics } from '../api/get-hot-topics';
import type { StatsWindow } from '../api/stats-query';
import { useStatFormat } from '../lib/format';
import { regionLabel } from '../lib/metrics';
import { GrowthValue } from './growth-value';

/** The public search page (features/messages/pages/search-page.tsx) reads `q`. */
export function searchLink(term: string): string {
  return `/search?${new URLSearchParams({ q: term }).toString()}`;
}

/**
 * What people write about: the most frequent title terms, the fastest-rising ones (against the
 * window just before) and the fields. Each term opens the public search, so anyone can read the
 * messages behind it.
 */
export function HotTopics({ window, limit = 20 }: { window: StatsWindow; limit?: number }) {
  const t = useT();
  const format = useStatFormat();
  const topics = useHotTopics(window, limit);
  if (topics.isPending) return <Skeleton active />;
  if (topics.isError) return <QueryError error={topics.error} onRetry={() => void topics.refetch()} />;
  const data = topics.data;
  const widest = Math.max(0, ...data.fields.map((f) => f.share ?? 0));

  const term = (item: HotTerm, extra: string) => (
    <li key={item.term}>
      <Link to={searchLink(item.term)} className="stats-term">
        <span className="stats-term-text">{item.term}</span>
        <span className="stats-term-count">{extra}</span>
      </Link>
    </li>
  );

  return (
    <div className="stats-topics" aria-busy={topics.isPlaceholderData}>
      <div>
        <h3 className="stats-subtitle">{t('stats.topics.terms')}</h3>
        {data.terms.length === 0 ? (
          <p className="muted">{t('stats.noData')}</p>
        ) : (
          <ol className="stats-terms" data-testid="hot-terms">
            {data.terms.map((item) => term(item, t('stats.topics.count', { n: format.count(item.count) })))}
          </ol>
        )}
      </div>
      <div>
        <h3 className="stats-subtitle">{t('stats.topics.rising')}</h3>
        {data.rising.length === 0 ? (
          <p className="muted">{t('stats.topics.noRising')}</p>
        ) : (
          <ol className="stats-terms">
            {data.rising.map((item) =>
              term(item, item.previous === 0 ? t('stats.topics.new', { n: format.count(item.count) }) : item.growth === null ? t('stats.topics.count', { n: format.count(item.count) }) : format.growth(item.growth)),
            )}
          </ol>
        )}
      </div>
      <div>
        <h3 className="stats-subtitle">{t('stats.topics.fields')}</h3>
        {data.fields.length === 0 ? (
          <p className="muted">{t('stats.noData')}</p>
        ) : (
          <div className="stats-table-scroll" tabIndex={0} role="region" aria-label={t('stats.topics.fieldsCaption', { region: regionLabel(t, data.region) })}>
            <table className="stats-mini-table stats-fields">
              <caption className="visually-hidden">{t('stats.topics.fieldsCaption', { region: regionLabel(t, data.region) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('stats.col.field')}</th>
                  <th scope="col">{t('stats.metric.received')}</th>
                  <th scope="col">{t('stats.levels.share')}</th>
                  <th scope="col">{t('stats.growth.mom')}</th>
                </tr>
              </thead>
              <tbody>
                {data.fields.map((f) => (
                  <tr key={f.code}>
                    <th scope="row">
                      <span className="stats-field-name">{f.name}</span>
                      <span className="stats-share-bar" aria-hidden style={{ width: `${widest > 0 ? Math.round(((f.share ?? 0) / widest) * 100) : 0}%` }} />
                    </th>
                    <td>{format.count(f.count)}</td>
                    <td>{format.rate(f.share)}</td>
                    <td>
                      <GrowthValue value={f.growth} reason={f.growthReason} minBase={data.growthMinBase} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
