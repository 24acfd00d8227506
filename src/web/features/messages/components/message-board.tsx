import { Empty, Radio, Select, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { MESSAGE_TYPES, PUBLIC_STATUSES, type MessageType, type PublicStatus } from '../../../../shared/messages';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { TabLabel } from '../../../components/tab-label';
import { fieldName, useFields } from '../../../lib/api/get-fields';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useMessageCounts, type MessageCounts } from '../api/get-message-counts';
import { useMessages, type MessageFilter, type MessageSort } from '../api/get-messages';
import { MessageItem } from './message-item';

type Tab = 'all' | PublicStatus;
const TABS: Tab[] = ['all', ...PUBLIC_STATUSES];

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

interface Props {
  /** Whose messages: one board, one region (with everything below it), or all when neither. */
  board?: number;
  region?: string;
  /** A search: results carry highlight ranges; the tabs show no counts (the server counts scopes, not searches). */
  q?: string;
  /** h2 when the list is the page's main content, h3 below a section heading. */
  headingLevel?: 2 | 3;
}

/**
 * The public list of messages: tabs 全部 / 待回复 / 办理中 / 已办理 with counts, filters by
 * field and type, sort, and keyset "load more". Tab, filters and sort live in the URL so
 * the back button and shared links keep them.
 */
export function MessageBoard({ board, region, q, headingLevel = 3 }: Props) {
  const t = useT();
  const { locale } = usePreferences();
  const [params, setParams] = useSearchParams();
  const tab: Tab = oneOf(params.get('status'), PUBLIC_STATUSES) ?? 'all';
  const type = oneOf<MessageType>(params.get('type'), MESSAGE_TYPES);
  const field = params.get('field') || undefined;
  const sort: MessageSort = params.get('sort') === 'activity' ? 'activity' : 'newest';

  const filter: MessageFilter = {
    board,
    region,
    q,
    field,
    type,
    status: tab === 'all' ? undefined : tab,
    sort: sort === 'newest' ? undefined : sort,
  };
  const searching = q !== undefined;
  const messages = useMessages(filter, { enabled: !searching || q.length > 0 });
  const counts = useMessageCounts({ board, region, field, type }, { enabled: !searching });
  const fields = useFields();

  const setParam = (key: string, value: string | undefined) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  };

  const label = (key: Tab, c: MessageCounts | undefined) => {
    if (searching || !c) return t(`messages.tab.${key}`);
    // Capped counts stop at the same ceiling: the largest ones are "at least".
    const ceiling = Math.max(c.pending, c.handling, c.done);
    const atLeast = c.capped === true && (key === 'all' || c[key] === ceiling);
    return <TabLabel label={t(`messages.tab.${key}`)} count={atLeast ? t('messages.countAtLeast', { n: c[key] }) : c[key]} />;
  };

  const items = messages.data?.pages.flatMap((page) => page.items) ?? [];
  let list: ReactNode;
  if (searching && !q) list = null;
  else if (messages.isPending) list = <Skeleton active />;
  else if (messages.isError) list = <QueryError error={messages.error} onRetry={() => void messages.refetch()} />;
  else if (items.length === 0)
    list = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={searching ? t('search.empty') : t('messages.empty')} />;
  else
    list = (
      <>
        <ul className="message-list" data-testid="message-list">
          {items.map((m) => (
            <MessageItem key={m.id} message={m} headingLevel={headingLevel} showBoard={board === undefined} />
          ))}
        </ul>
        <LoadMore list={messages} endNote />
      </>
    );

  const filters = (
    <div className="message-filters">
      <Select<string>
        aria-label={t('messages.filter.field')}
        placeholder={t('messages.filter.allFields')}
        allowClear
        value={field}
        onChange={(value) => setParam('field', value)}
        loading={fields.isPending}
        options={(fields.data ?? []).map((f) => ({ value: f.code, label: fieldName(f, locale) }))}
        className="message-filter"
        data-testid="filter-field"
      />
      <Select<MessageType>
        aria-label={t('messages.filter.type')}
        placeholder={t('messages.filter.allTypes')}
        allowClear
        value={type}
        onChange={(value) => setParam('type', value)}
        options={MESSAGE_TYPES.map((value) => ({ value, label: t(`messageType.${value}`) }))}
        className="message-filter"
        data-testid="filter-type"
      />
      <Select<MessageSort>
        aria-label={t('messages.filter.sort')}
        value={sort}
        onChange={(value) => setParam('sort', value === 'newest' ? undefined : value)}
        options={[
          { value: 'newest', label: t('messages.sort.newest') },
          { value: 'activity', label: t('messages.sort.activity') },
        ]}
        className="message-filter"
      />
    </div>
  );

  return (
    <div className="message-board">
      {/* Tabs in looks, a radio group in behaviour: four labels with counts must wrap on a phone, not hide behind "…". */}
      <Radio.Group
        value={tab}
        onChange={(event) => setParam('status', event.target.value === 'all' ? undefined : (event.target.value as string))}
        optionType="button"
        buttonStyle="solid"
        className="status-choice"
        aria-label={t('messages.filter.status')}
        options={TABS.map((key) => ({ value: key, label: label(key, counts.data) }))}
        data-testid="status-tabs"
      />
      {filters}
      {list}
    </div>
  );
}
