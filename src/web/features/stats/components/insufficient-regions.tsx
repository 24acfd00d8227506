import { Link } from 'react-router-dom';
import type { StatRanking } from '../../../../shared/stats';
import { useT } from '../../../lib/i18n';
import { useStatFormat } from '../lib/format';
import { regionLabel } from '../lib/metrics';

/**
 * The peers with too few messages to rank (样本不足, fewer than the ranking's minimum): listed
 * apart, by 留言量, with their counts; a rate over 3 messages is shown for what it is, not ranked.
 */
export function InsufficientRegions({ ranking, linkTo }: { ranking: StatRanking; linkTo?: (code: string) => string }) {
  const t = useT();
  const format = useStatFormat();
  if (ranking.insufficient.length === 0) return null;
  const caption = t('stats.rank.insufficientCaption', { region: regionLabel(t, ranking.region), n: ranking.minReceived });
  return (
    <div className="stats-insufficient" data-testid="insufficient-regions">
      <p className="stats-note">{t('stats.rank.insufficientNote', { n: format.count(ranking.minReceived) })}</p>
      <div className="stats-table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="stats-mini-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.col.region')}</th>
              <th scope="col">{t('stats.metric.received')}</th>
              <th scope="col">{t('stats.metric.replied')}</th>
              <th scope="col">{t('stats.metric.replyRate')}</th>
            </tr>
          </thead>
          <tbody>
            {ranking.insufficient.map((item) => (
              <tr key={item.region.code} data-region={item.region.code}>
                <th scope="row">
                  {linkTo ? <Link to={linkTo(item.region.code)}>{item.region.name}</Link> : item.region.name}{' '}
                  <span className="stats-insufficient-tag">{t('stats.rank.insufficient')}</span>
                </th>
                <td>{format.count(item.figures.received)}</td>
                <td>{format.count(item.figures.replied)}</td>
                <td>{format.rate(item.figures.replyRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
