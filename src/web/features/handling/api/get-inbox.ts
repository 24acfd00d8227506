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

export function fetchInbox(query: { tab: InboxTab; cursor?: string; limit?: number }): Promise<Page<InboxItem>> {
  return api.get<Page<InboxItem>>('/inbox', { ...query });
}

export function fetchInboxCounts(): Promise<InboxCounts> {
  return api.get<InboxCounts>('/inbox/counts');
}

export function useInbox(tab: InboxTab) {
  return useCursorList([...handlingQueryKey, 'inbox', tab], (cursor) => fetchInbox({ tab, cursor, limit: 20 }));
}

export function useInboxCounts() {
  return useQuery({ queryKey: [...handlingQueryKey, 'inbox-counts'], queryFn: fetchInboxCounts });
}
