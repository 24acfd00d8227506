import { Button, Space, Table, Tabs, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { DateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { usePendingExtensions, type ExtensionRequest } from '../api/get-extensions';
import { SUPERVISOR_VIEWS, useHandlingCounts, type SupervisorView } from '../api/get-handling-list';
import { HandlingDialog } from '../components/handling-dialogs';
import { HandlingTable } from '../components/handling-table';
import '../components/handling.css';

type Tab = SupervisorView | 'extensions';
const TABS: readonly Tab[] = [...SUPERVISOR_VIEWS, 'extensions'];

function isTab(value: string | null): value is Tab {
  return value !== null && (TABS as readonly string[]).includes(value);
}

/** /console/supervision — the coordinator's lists: to assign, 日清零, overdue, supervised, dissatisfied, all open; extension requests. */
export function SupervisionPage() {
  const t = useT();
  useDocumentTitle(t('supervision.title'));
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = isTab(raw) ? raw : 'unassigned';
  const counts = useHandlingCounts();

  const label = (key: Tab) => {
    const n = key === 'extensions' ? undefined : counts.data?.[key];
    return (
      <span>
        {t(`supervision.tab.${key}`)}
        {n !== undefined && <span className={`tab-count${(key === 'overdue' || key === 'dissatisfied') && n > 0 ? ' tab-count-alert' : ''}`}>{n}</span>}
      </span>
    );
  };

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('supervision.title')}</h1>
      </div>
      <p className="page-intro">{t(`supervision.intro.${tab}`)}</p>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'unassigned' ? {} : { tab: key }, { replace: true })}
        items={TABS.map((key) => ({ key, label: label(key) }))}
      />
      {tab === 'extensions' ? <ExtensionTable /> : <HandlingTable key={tab} view={tab} testId="supervision-table" />}
    </>
  );
}

function ExtensionTable() {
  const t = useT();
  const list = usePendingExtensions();
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const [deciding, setDeciding] = useState<{ request: ExtensionRequest; approve: boolean } | null>(null);

  const columns: TableColumnsType<ExtensionRequest> = [
    {
      title: t('handlingList.col.message'),
      key: 'message',
      render: (_, e) => (
        <div className="table-message">
          <Link to={`/console/messages/${e.messageId}`}>{e.messageTitle}</Link>
          <span className="muted">{e.messageNumber}</span>
        </div>
      ),
    },
    { title: t('extensions.col.unit'), key: 'unit', render: (_, e) => e.unit.name },
    { title: t('extensions.col.days'), key: 'days', align: 'end', render: (_, e) => t('extensions.days', { n: e.days }) },
    { title: t('extensions.col.reason'), key: 'reason', render: (_, e) => <span className="pre-wrap table-text">{e.reason}</span> },
    { title: t('extensions.col.replyDue'), key: 'due', render: (_, e) => <DateTime value={e.replyDue} /> },
    { title: t('extensions.col.requestedAt'), key: 'at', render: (_, e) => <DateTime value={e.requestedAt} /> },
    {
      title: t('fields.col.actions'),
      key: 'actions',
      fixed: 'end',
      render: (_, e) => (
        <Space wrap>
          <Button type="primary" size="small" onClick={() => setDeciding({ request: e, approve: true })} data-testid="extension-approve">
            {t('handling.approve')}
          </Button>
          <Button size="small" danger onClick={() => setDeciding({ request: e, approve: false })} data-testid="extension-refuse">
            {t('handling.refuse')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<ExtensionRequest>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('extensions.empty') }}
      />
      {list.hasNextPage && (
        <div className="load-more">
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
      {deciding && (
        <HandlingDialog
          state={{
            kind: 'decideExtension',
            approve: deciding.approve,
            extension: { ...deciding.request, canDecide: true },
            unitName: deciding.request.unit.name,
          }}
          message={{ id: deciding.request.messageId, number: deciding.request.messageNumber, title: deciding.request.messageTitle, handlingClass: null }}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}
