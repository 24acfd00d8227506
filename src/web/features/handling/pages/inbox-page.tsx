import { Empty, Skeleton, Space, Tabs } from 'antd';
import { Link } from 'react-router-dom';
import { DEADLINE_KINDS } from '../../../../shared/handling';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { TabLabel } from '../../../components/tab-label';
import { can, useMe } from '../../../lib/api/get-me';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useTabParam } from '../../../lib/use-tab-param';
import { INBOX_TABS, useInbox, useInboxCounts, type InboxItem, type InboxTab } from '../api/get-inbox';
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
        activeKey={tab}
        onChange={setTab}
        items={INBOX_TABS.map((key) => ({ key, label: label(key) }))}
        data-testid="inbox-tabs"
      />
      <InboxList key={tab} tab={tab} />
      {can(me.data, 'unit.configure') && me.data?.unit && (
        <div className="console-aside">
          <ReviewModeCard ownUnitId={me.data.unit.id} />
        </div>
      )}
    </>
  );
}

function InboxList({ tab }: { tab: InboxTab }) {
  const t = useT();
  const list = useInbox(tab);
  const now = useNow();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />;
  return (
    <>
      <ul className="work-list" data-testid="inbox-list">
        {items.map((item) => (
          <InboxRow key={item.assignment.id} item={item} now={now} />
        ))}
      </ul>
      <LoadMore list={list} />
    </>
  );
}

function InboxRow({ item, now }: { item: InboxItem; now: Date }) {
  const t = useT();
  const { assignment: a, message: m } = item;
  // The deadline the unit works towards now: the first one not yet met (the reply's when all are).
  const kind = DEADLINE_KINDS.find((k) => a.deadlines[k].state !== 'met' && !(k === 'contact' && a.role === 'co')) ?? 'reply';
  return (
    <li className="work-item" data-testid="inbox-item">
      <div className="work-item-main">
        <h2 className="work-item-title">
          <Link to={`/console/messages/${m.id}`}>{m.title}</Link>
        </h2>
        <ul className="message-meta" aria-label={t('messages.meta')}>
          <li>{t('messages.numberShort', { number: m.number })}</li>
          <li>{a.unit.name}</li>
          <li>{m.board.name}</li>
        </ul>
        <Space size={[6, 6]} wrap className="work-item-tags">
          <AssignmentStatusTag status={a.status} />
          <RoleTag role={a.role} />
          <HandlingClassTag value={a.handlingClass} />
          {m.supervised && <SupervisedTag />}
        </Space>
      </div>
      <div className="work-item-side">
        <DeadlineCountdown kind={kind} deadline={a.deadlines[kind]} now={now} />
        {a.abilities.sign && <SignButton a={a} />}
      </div>
    </li>
  );
}
