import { useQuery } from '@tanstack/react-query';
import type { MessageBasics } from '../../../lib/api/message-basics';
import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';
import type { Assignment } from './get-staff-message';
import { handlingQueryKey } from './use-handling-mutation';

export const INBOX_TABS = ['to_sign', 'in_progress', 'due_soon', 'overdue', 'returned', 'done'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/** One row of a unit inbox: the assignment and its message (handling.schemas.ts, `InboxItem`). */
export interface InboxItem {
  assignment: Assignment;
  message: MessageBasics & { supervised: boolean };
}

/** Counts per tab; 已办结 has none. */
export type InboxCounts = Partial<Record<InboxTab, number>>;

export const INBOX_SORTS = ['urgency', 'newest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** The filters of an inbox tab (handling.queries.ts, InboxQuery); unset ones are left out. */
export interface InboxFilter {
  q?: string;
  handlingClass?: string;
  sort?: InboxSort;
  limit?: number;
}

export type InboxPage = Page<InboxItem> & { total: number; sort: InboxSort };

export function fetchInbox(query: { tab: InboxTab; cursor?: string } & InboxFilter): Promise<InboxPage> {
  const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
  return api.get<InboxPage>('/inbox', params);
}

export function fetchInboxCounts(): Promise<InboxCounts> {
  return api.get<InboxCounts>('/inbox/counts');
}

export function useInbox(tab: InboxTab, filter: InboxFilter = {}) {
  return useCursorList([...handlingQueryKey, 'inbox', tab, filter], (cursor) => fetchInbox({ tab, cursor, limit: 20, ...filter }));
}

export function useInboxCounts() {
  return useQuery({ queryKey: [...handlingQueryKey, 'inbox-counts'], queryFn: fetchInboxCounts });
}
