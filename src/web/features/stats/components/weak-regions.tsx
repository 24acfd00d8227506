import { Empty, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { StatRanking, StatRankingItem } from '../../../../shared/stats';
import { useT } from '../../../lib/i18n';
import { useStatFormat } from '../lib/format';

const LOWEST = 5;

function lowest(items: StatRankingItem[], rate: 'replyRate' | 'satisfactionRate'): StatRankingItem[] {
  return items
    .filter((i) => i.figures[rate] !== null)
    .sort((a, b) => a.figures[rate]! - b.figures[rate]! || b.figures.received - a.figures.received)
    .slice(0, LOWEST);
}

/** Where the work lags: regions with messages and no reply at all, and the lowest reply and satisfaction rates. */
export function WeakRegions({ ranking, linkTo }: { ranking: StatRanking; linkTo?: (code: string) => string }) {
  const t = useT();
  const format = useStatFormat();
  const name = (code: string, text: string) => (linkTo ? <Link to={linkTo(code)}>{text}</Link> : text);
  const lists = [
    { key: 'replyRate', title: t('stats.weak.lowestReply'), items: lowest(ranking.items, 'replyRate') },
    { key: 'satisfactionRate', title: t('stats.weak.lowestSatisfaction'), items: lowest(ranking.items, 'satisfactionRate') },
  ] as const;

  return (
    <div className="stats-weak">
      <h3 className="stats-subtitle">{t('stats.weak.zeroReply')}</h3>
      {ranking.zeroReply.length === 0 ? (
        <p className="muted">{t('stats.weak.noZeroReply')}</p>
      ) : (
        <ul className="stats-tags" data-testid="zero-reply">
          {ranking.zeroReply.map((r) => (
            <li key={r.code}>
              <Tag color="error">{name(r.code, r.name)}</Tag>
            </li>
          ))}
        </ul>
      )}
      {lists.map((list) => (
        <div key={list.key}>
          <h3 className="stats-subtitle">{list.title}</h3>
          {list.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.noData')} />
          ) : (
            <ol className="stats-rank-list">
              {list.items.map((item) => (
                <li key={item.region.code}>
                  <span>{name(item.region.code, item.region.name)}</span>
                  <span className="stats-rank-value">
                    {format.rate(item.figures[list.key])}
                    <span className="muted"> · {t('stats.weak.ofReceived', { n: format.count(item.figures.received) })}</span>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      ))}
    </div>
  );
}
