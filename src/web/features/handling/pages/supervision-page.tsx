import { Button, Space, Tabs, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { DateTime } from '../../../components/date-time';
import { PagedTable } from '../../../components/paged-table';
import { TabLabel } from '../../../components/tab-label';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useTabParam } from '../../../lib/use-tab-param';
import { usePendingExtensions, type ExtensionRequest } from '../api/get-extensions';
import { SUPERVISOR_VIEWS, useHandlingCounts, type SupervisorView } from '../api/get-handling-list';
import { HandlingDialog } from '../components/handling-dialogs';
import { HandlingTable, MessageCell } from '../components/handling-table';
import '../components/handling.css';

type Tab = SupervisorView | 'extensions';
const TABS: readonly Tab[] = [...SUPERVISOR_VIEWS, 'extensions'];

/** /console/supervision — the coordinator's lists: to assign, 日清零, overdue, supervised, dissatisfied, all open; extension requests. */
export function SupervisionPage() {
  const t = useT();
  useDocumentTitle(t('supervision.title'));
  const [tab, setTab] = useTabParam(TABS);
  const counts = useHandlingCounts();

  const label = (key: Tab) => {
    const n = key === 'extensions' ? undefined : counts.data?.[key];
    return <TabLabel label={t(`supervision.tab.${key}`)} count={n} alert={(key === 'overdue' || key === 'dissatisfied') && n !== undefined && n > 0} />;
  };

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('supervision.title')}</h1>
      </div>
      <p className="page-intro">{t(`supervision.intro.${tab}`)}</p>
      <Tabs
        className="work-tabs"
        activeKey={tab}
        onChange={setTab}
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
    { title: t('handlingList.col.message'), key: 'message', render: (_, e) => <MessageCell id={e.messageId} title={e.messageTitle} number={e.messageNumber} /> },
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
      <PagedTable<ExtensionRequest> list={list} columns={columns} dataSource={rows} locale={{ emptyText: t('extensions.empty') }} />
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
