import { Button, Input, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useAuditLog, type AuditEntry } from '../api/get-audit-log';

function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details === 'string') return details;
  if (typeof details === 'object' && Object.keys(details).length === 0) return '';
  return JSON.stringify(details);
}

export function AuditLogPage() {
  const t = useT();
  const { locale } = usePreferences();
  useDocumentTitle(t('audit.title'));
  const [action, setAction] = useState('');
  const log = useAuditLog(action);
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.col.at'), dataIndex: 'at', render: (at: string) => <time dateTime={at}>{timeFormat.format(new Date(at))}</time> },
    { title: t('audit.col.actor'), key: 'actor', render: (_, entry) => entry.actor?.displayName ?? t('audit.system') },
    { title: t('audit.col.action'), dataIndex: 'action', render: (value: string) => <code>{value}</code> },
    {
      title: t('audit.col.target'),
      key: 'target',
      render: (_, entry) => (entry.targetId === null ? entry.targetType : `${entry.targetType} #${entry.targetId}`),
    },
    {
      title: t('audit.col.details'),
      dataIndex: 'details',
      render: (details: unknown) => <span className="audit-details">{detailsText(details)}</span>,
    },
  ];

  return (
    <>
      <h1 className="page-title">{t('audit.title')}</h1>
      <div role="search" className="console-toolbar">
        <label htmlFor="audit-action" className="visually-hidden">
          {t('audit.filterAction')}
        </label>
        <Input.Search
          id="audit-action"
          placeholder={t('audit.filterActionPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(value) => setAction(value.trim())}
        />
      </div>
      {log.isError && <ErrorAlert error={log.error} />}
      <Table<AuditEntry>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={log.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <div className="load-more">
        {log.hasNextPage ? (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <span className="muted">{t('common.noMore')}</span>
        )}
      </div>
    </>
  );
}
