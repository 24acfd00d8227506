import { Input, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { PagedTable } from '../../../components/paged-table';
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
      <PagedTable<AuditEntry> list={log} columns={columns} dataSource={rows} endNote={rows.length > 0} />
    </>
  );
}
