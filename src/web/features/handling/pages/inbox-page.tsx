import { Empty, Input, Select, Skeleton, Space, Table, Tabs, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { DEADLINE_KINDS, HANDLING_CLASSES } from '../../../../shared/handling';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { TabLabel } from '../../../components/tab-label';
import { can, useMe } from '../../../lib/api/get-me';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useRowKeys } from '../../../lib/use-row-keys';
import { useTabParam } from '../../../lib/use-tab-param';
import { INBOX_SORTS, INBOX_TABS, useInbox, useInboxCounts, type InboxFilter, type InboxItem, type InboxPage, type InboxSort, type InboxTab } from '../api/get-inbox';
import { SignButton } from '../components/assignment-tree';
import { useNow } from '../../../lib/use-now';
import { DeadlineCountdown } from '../components/deadline-countdown';
import { AssignmentStatusTag, HandlingClassTag, RoleTag, SupervisedTag } from '../components/handling-tags';
import { ReviewModeCard } from '../components/review-mode-card';
import '../components/handling.css';

/** /console/inbox — the work of the caller's units: to sign, in progress, due soon, overdue, returned, done. */
export function InboxPage() {
  const t = useT();
  useDocumentTitle(t('inbox.title'));
  const me = useMe();
  const [tab, setTab] = useTabParam(INBOX_TABS);
  const counts = useInboxCounts();

  const label = (key: InboxTab) => {
    const n = counts.data?.[key];
    return <TabLabel label={t(`inbox.tab.${key}`)} count={n} alert={(key === 'overdue' || key === 'due_soon') && n !== undefined && n > 0} />;
  };

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('inbox.title')}</h1>
      </div>
      <p className="page-intro">{t('inbox.intro')}</p>
      <Tabs
        className="work-tabs"
        activeKey={tab}
        onChange={setTab}
        items={INBOX_TABS.map((key) => ({ key, label: label(key) }))}
        data-testid="inbox-tabs"
      />
      <InboxTable key={tab} tab={tab} />
      {can(me.data, 'unit.configure') && me.data?.unit && (
        <div className="console-aside">
          <ReviewModeCard ownUnitId={me.data.unit.id} />
        </div>
      )}
    </>
  );
}

/** The filters live in the URL beside ?tab=, so a reload or a shared link shows the same rows. */
function useInboxFilter(): [InboxFilter, (patch: InboxFilter) => void] {
  const [params, setParams] = useSearchParams();
  const sort = params.get('sort');
  const filter: InboxFilter = {
    q: params.get('q') ?? undefined,
    handlingClass: params.get('class') ?? undefined,
    sort: (INBOX_SORTS as readonly string[]).includes(sort ?? '') ? (sort as InboxSort) : undefined,
    limit: Number(params.get('size')) || undefined,
  };
  const update = (patch: InboxFilter) => {
    const next = new URLSearchParams(params);
    const set = (key: string, value: string | number | undefined) => (value === undefined || value === '' ? next.delete(key) : next.set(key, String(value)));
    if ('q' in patch) set('q', patch.q?.trim());
    if ('handlingClass' in patch) set('class', patch.handlingClass);
    if ('sort' in patch) set('sort', patch.sort);
    if ('limit' in patch) set('size', patch.limit);
    setParams(next, { replace: true });
  };
  return [filter, update];
}

function InboxTable({ tab }: { tab: InboxTab }) {
  const t = useT();
  const navigate = useNavigate();
  const [filter, setFilter] = useInboxFilter();
  const [search, setSearch] = useState(filter.q ?? '');
  const list = useInbox(tab, filter);
  const now = useNow();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const first = list.data?.pages[0] as InboxPage | undefined;
  const open = (item: InboxItem) => navigate(`/console/messages/${item.message.id}`);
  const keys = useRowKeys(items, open);

  const columns: TableColumnsType<InboxItem> = [
    {
      title: t('inbox.col.deadline'),
      key: 'deadline',
      width: 190,
      render: (_, { assignment: a }) => {
        // The deadline the unit works towards now: the first one not yet met (the reply's when all are).
        const kind = DEADLINE_KINDS.find((k) => a.deadlines[k].state !== 'met' && !(k === 'contact' && a.role === 'co')) ?? 'reply';
        return <DeadlineCountdown kind={kind} deadline={a.deadlines[kind]} now={now} />;
      },
    },
    {
      title: t('inbox.col.message'),
      key: 'message',
      render: (_, { message: m, assignment: a }) => (
        <div className="inbox-message">
          <Link to={`/console/messages/${m.id}`} className="inbox-title" tabIndex={-1}>
            {m.title}
          </Link>
          <div className="message-meta-inline muted">
            {t('messages.numberShort', { number: m.number })} · {a.unit.name} · {m.board.name}
          </div>
        </div>
      ),
    },
    {
      title: t('inbox.col.tags'),
      key: 'tags',
      width: 230,
      responsive: ['md'],
      render: (_, { assignment: a, message: m }) => (
        <Space size={[6, 6]} wrap>
          <AssignmentStatusTag status={a.status} />
          <RoleTag role={a.role} />
          <HandlingClassTag value={a.handlingClass} />
          {m.supervised && <SupervisedTag />}
        </Space>
      ),
    },
    {
      title: t('inbox.col.action'),
      key: 'action',
      width: 110,
      render: (_, { assignment: a }) => (a.abilities.sign ? <SignButton a={a} /> : null),
    },
  ];

  return (
    <>
      <div className="work-toolbar" role="search">
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => setFilter({ q: value })}
          placeholder={t('inbox.filter.search')}
          aria-label={t('inbox.filter.search')}
          className="work-toolbar-search"
          data-testid="inbox-search"
        />
        <Select
          allowClear
          value={filter.handlingClass}
          onChange={(value?: string) => setFilter({ handlingClass: value })}
          placeholder={t('inbox.filter.class')}
          aria-label={t('inbox.filter.class')}
          options={HANDLING_CLASSES.map((c) => ({ value: c, label: t(`handlingClass.${c}`) }))}
          className="work-toolbar-select"
          data-testid="inbox-class"
        />
        <Select
          value={filter.sort ?? first?.sort ?? (tab === 'returned' || tab === 'done' ? 'newest' : 'urgency')}
          onChange={(value: InboxSort) => setFilter({ sort: value })}
          aria-label={t('inbox.filter.sort')}
          options={INBOX_SORTS.map((s) => ({ value: s, label: t(`inbox.sort.${s}`) }))}
          className="work-toolbar-select"
          data-testid="inbox-sort"
        />
        <Select
          value={filter.limit ?? 20}
          onChange={(value: number) => setFilter({ limit: value })}
          aria-label={t('inbox.filter.pageSize')}
          options={[20, 50, 100].map((n) => ({ value: n, label: t('inbox.filter.perPage', { n }) }))}
          className="work-toolbar-select"
        />
        {first && (
          <span className="work-total" data-testid="inbox-total" aria-live="polite">
            {t('inbox.total', { n: first.total >= 10_000 ? '10000+' : first.total })}
          </span>
        )}
      </div>
      {list.isPending && <Skeleton active />}
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />}
      {list.isSuccess && items.length > 0 && (
        <div ref={keys.container} onKeyDown={keys.onKeyDown} data-testid="inbox-list">
          <p className="muted work-keys-hint">{t('inbox.keysHint')}</p>
          <Table<InboxItem>
            rowKey={(item) => item.assignment.id}
            columns={columns}
            dataSource={items}
            pagination={false}
            size="middle"
            scroll={{ x: 'max-content' }}
            onRow={(_, index) => ({ ...keys.rowProps(index ?? 0), 'data-testid': 'inbox-item' }) as React.HTMLAttributes<HTMLElement>}
          />
          <LoadMore list={list} />
        </div>
      )}
    </>
  );
}
