import { App, Button, Drawer, Empty, List, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { DateTime } from '../../../components/date-time';
import { QueryError } from '../../../components/query-error';
import { StatusTag } from '../../../components/status-tag';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { useSimilarMessages } from '../api/get-similar';
import { useMarkDuplicate } from '../api/mark-duplicate';

export interface SimilarTarget {
  id: number;
  number: string;
}

/** 相似留言: the earlier public messages most like the one being screened, each with 标为重复. */
export function SimilarDrawer({ target, onClose, onMarked }: { target: SimilarTarget | null; onClose: () => void; onMarked: (target: SimilarTarget) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const similar = useSimilarMessages(target?.id ?? null);
  const mark = useMarkDuplicate();
  const items = similar.data?.items ?? [];

  return (
    <Drawer open={target !== null} onClose={onClose} title={target ? t('similar.drawerTitle', { number: target.number }) : ''} size="large" destroyOnHidden data-testid="similar-drawer">
      <p className="muted">{t('similar.intro')}</p>
      {similar.isPending ? (
        <Skeleton active />
      ) : similar.isError ? (
        <QueryError error={similar.error} onRetry={() => void similar.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('similar.empty')} />
      ) : (
        <List
          itemLayout="vertical"
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              data-testid="similar-item"
              actions={[
                <Popconfirm
                  key="dup"
                  title={t('similar.confirmDuplicate', { number: target!.number, original: item.number })}
                  okText={t('similar.confirmOk')}
                  onConfirm={() =>
                    mark.mutate(
                      { id: target!.id, originalId: item.id },
                      {
                        onSuccess: () => {
                          void message.success(t('similar.marked', { number: target!.number }));
                          onMarked(target!);
                        },
                        onError: (error) => void message.error(isApiError(error) ? error.detail || error.title || t('error.generic') : t('error.generic')),
                      },
                    )
                  }
                >
                  <Button danger size="small" loading={mark.isPending} data-testid="similar-mark-duplicate">
                    {t('similar.markDuplicate')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={
                  <a href={`/messages/${item.id}`} target="_blank" rel="noreferrer">
                    {item.title}
                    <span className="visually-hidden">{t('similar.opensNewTab')}</span>
                  </a>
                }
                description={
                  <Space wrap size={[12, 4]} className="similar-meta">
                    <span>{item.number}</span>
                    <span>{item.region?.name ?? t('common.none')}</span>
                    <DateTime value={item.createdAt} withTime={false} />
                    <StatusTag status={item.status} />
                    <span data-testid="similar-score">
                      {t('similar.similarity')} {Math.round(item.similarity * 100)}%
                    </span>
                  </Space>
                }
              />
              <Typography.Paragraph className="muted" ellipsis={{ rows: 2 }}>
                {item.excerpt}
              </Typography.Paragraph>
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
