import { Alert, App, Button, Card, Descriptions, Empty, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DateTime } from '../../../components/date-time';
import { FlagTags } from '../../../components/flag-tags';
import { LoadMore } from '../../../components/load-more';
import { PhotoGallery } from '../../../components/photo-gallery';
import { QueryError } from '../../../components/query-error';
import { useFieldName } from '../../../lib/api/get-fields';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useScreening, type ScreeningItem } from '../api/get-screening';
import { useScreenMessage } from '../api/screen-message';
import { RejectDialog } from '../components/reject-dialog';
import { ClustersPanel } from '../components/clusters-panel';
import { SimilarDrawer, type SimilarTarget } from '../components/similar-drawer';

/** /console/screening — 受理 or 不予受理 the submitted messages, oldest first. */
export function ScreeningPage() {
  const t = useT();
  useDocumentTitle(t('screening.title'));
  const queue = useScreening();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<ScreeningItem | null>(null);
  // Accepted here, waiting to be assigned on their own page: kept until dismissed.
  const [accepted, setAccepted] = useState<ScreeningItem[]>([]);
  const [similarOf, setSimilarOf] = useState<SimilarTarget | null>(null);
  const [tab, setTab] = useState<'queue' | 'clusters'>('queue');
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('screening.title')}</h1>
      </div>
      <p className="page-intro">{t('screening.intro')}</p>
      {accepted.length > 0 && (
        <div className="screening-accepted" role="status">
          {accepted.map((item) => (
            <Alert
              key={item.id}
              type="success"
              showIcon
              closable={{ 'aria-label': t('screening.dismiss'), onClose: () => setAccepted((list) => list.filter((a) => a.id !== item.id)) }}
              title={t('screening.accepted', { number: item.number })}
              action={
                <Link to={`/console/messages/${item.id}`} data-testid="screening-to-assign">
                  {t('screening.toAssign')}
                </Link>
              }
              data-testid="screening-accepted"
            />
          ))}
        </div>
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as 'queue' | 'clusters')}
        items={[
          {
            key: 'queue',
            label: t('clusters.queue'),
            children: (
              <>
                {queue.isPending ? (
                  <Skeleton active />
                ) : queue.isError ? (
                  <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
                ) : items.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('screening.empty')} />
                ) : (
                  <>
                    <ul className="screening-list" data-testid="screening-list">
                      {items.map((item) => (
                        <ScreeningCard key={item.id} item={item} onReject={setRejecting} onSimilar={setSimilarOf} onAccepted={(done) => setAccepted((list) => [done, ...list.filter((a) => a.id !== done.id)])} />
                      ))}
                    </ul>
                    <LoadMore list={queue} />
                  </>
                )}
              </>
            ),
          },
          { key: 'clusters', label: <span data-testid="clusters-tab">{t('clusters.title')}</span>, children: <ClustersPanel active={tab === 'clusters'} /> },
        ]}
      />
      <SimilarDrawer target={similarOf} onClose={() => setSimilarOf(null)} onMarked={() => setSimilarOf(null)} />
      <RejectDialog
        item={rejecting}
        onClose={() => setRejecting(null)}
        onDone={(item) => {
          setRejecting(null);
          void message.success(t('screening.rejected', { number: item.number }));
        }}
      />
    </>
  );
}

function ScreeningCard({ item, onReject, onSimilar, onAccepted }: { item: ScreeningItem; onReject: (item: ScreeningItem) => void; onSimilar: (item: SimilarTarget) => void; onAccepted: (item: ScreeningItem) => void }) {
  const t = useT();
  const fieldName = useFieldName();
  const { message } = App.useApp();
  const screen = useScreenMessage();
  const headingId = `screening-${item.id}`;

  const accept = () =>
    screen.mutate(
      { id: item.id, decision: { decision: 'accept' } },
      {
        onSuccess: () => onAccepted(item),
        onError: (error) => void message.error(isApiError(error) ? error.detail || error.title || t('error.generic') : t('error.generic')),
      },
    );

  return (
    <li>
      <Card
        className="screening-card"
        data-testid="screening-item"
        aria-labelledby={headingId}
        title={
          <h2 id={headingId} className="card-title screening-title">
            <Link to={`/messages/${item.id}`}>{item.title}</Link>
          </h2>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'number', label: t('detail.number'), children: item.number },
            { key: 'at', label: t('detail.createdAt'), children: <DateTime value={item.createdAt} /> },
            { key: 'board', label: t('detail.board'), children: item.board.name },
            { key: 'type', label: t('write.type'), children: t(`messageType.${item.type}`) },
            { key: 'field', label: t('detail.field'), children: fieldName(item.fieldCode) },
            { key: 'region', label: t('detail.region'), children: item.region?.name ?? t('common.none') },
            { key: 'author', label: t('detail.author'), children: item.author.nickname },
            { key: 'public', label: t('screening.visibility'), children: item.isPublic ? t('screening.public') : <Tag>{t('detail.private')}</Tag> },
          ]}
        />
        {item.flags && item.flags.length > 0 && (
          <div className="screening-flags">
            <span className="screening-label">{t('detail.flags')}</span>
            <FlagTags flags={item.flags} />
          </div>
        )}
        <Typography.Paragraph className="message-body screening-body" ellipsis={{ rows: 6, expandable: 'collapsible', symbol: (expanded) => (expanded ? t('screening.collapse') : t('screening.expand')) }}>
          {item.body}
        </Typography.Paragraph>
        {item.photos.length > 0 && <PhotoGallery photos={item.photos} />}
        {item.privateNote && (
          <Alert
            type="info"
            className="screening-note"
            title={t('detail.privateNote')}
            description={<span className="pre-wrap">{item.privateNote}</span>}
          />
        )}
        <Space wrap className="screening-actions">
          <Button type="primary" onClick={accept} loading={screen.isPending} data-testid="screening-accept">
            {t('screening.accept')}
          </Button>
          <Button danger onClick={() => onReject(item)} disabled={screen.isPending} data-testid="screening-reject">
            {t('screening.reject')}
          </Button>
          <Button onClick={() => onSimilar({ id: item.id, number: item.number })} disabled={screen.isPending} data-testid="screening-similar">
            {t('similar.open')}
          </Button>
        </Space>
      </Card>
    </li>
  );
}
