import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { MessageStatus, MessageType } from '../../../../shared/messages';
import { api, type Page } from '../../../lib/api-client';
import type { Assignment } from './get-staff-message';
import { handlingQueryKey } from './use-handling-mutation';

export const INBOX_TABS = ['to_sign', 'in_progress', 'due_soon', 'overdue', 'returned', 'done'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/** One row of a unit inbox: the assignment and its message (handling.schemas.ts, `InboxItem`). */
export interface InboxItem {
  assignment: Assignment;
  message: { id: number; number: string; title: string; type: MessageType; fieldCode: string; status: MessageStatus; board: { id: number; name: string }; createdAt: string; supervised: boolean };
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
  return useInfiniteQuery({
    queryKey: [...handlingQueryKey, 'inbox', tab],
    queryFn: ({ pageParam }) => fetchInbox({ tab, cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useInboxCounts() {
  return useQuery({ queryKey: [...handlingQueryKey, 'inbox-counts'], queryFn: fetchInboxCounts });
}
