import { Alert, Card, Descriptions, Empty, Skeleton, Tag } from 'antd';
import { DateTime } from '../../../components/date-time';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useClusters } from '../api/get-clusters';

/** 线索聚类: unscreened messages on one matter, largest clusters first. */
export function ClustersPanel({ active }: { active: boolean }) {
  const t = useT();
  const clusters = useClusters(active);
  if (clusters.isPending) return <Skeleton active />;
  if (clusters.isError) return <QueryError error={clusters.error} onRetry={() => void clusters.refetch()} />;
  const { items, truncated, considered } = clusters.data;
  return (
    <>
      <p className="page-intro">{t('clusters.intro')}</p>
      {truncated && <Alert type="info" showIcon title={t('clusters.truncated', { n: considered })} />}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clusters.empty')} />
      ) : (
        <ul className="screening-list" data-testid="cluster-list">
          {items.map((c) => (
            <li key={c.messageIds[0]}>
              <Card
                className="screening-card"
                data-testid="cluster-item"
                title={
                  <h2 className="card-title">
                    <Tag color="volcano">{t('clusters.size', { n: c.size })}</Tag> {c.sampleTitles[0]}
                  </h2>
                }
              >
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'region', label: t('clusters.region'), children: [c.area.name, ...c.regions.filter((r) => r.code !== c.area.code).map((r) => r.name)].join(' / ') },
                    {
                      key: 'span',
                      label: t('clusters.span'),
                      children: (
                        <>
                          <DateTime value={c.firstAt} /> – <DateTime value={c.lastAt} /> · {t('clusters.spanHours', { hours: c.spanHours })}
                        </>
                      ),
                    },
                    { key: 'samples', label: t('clusters.samples'), children: <ul className="plain-list">{c.sampleTitles.map((title, i) => <li key={i}>{title}</li>)}</ul> },
                  ]}
                />
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
