import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Page } from '../../../lib/api-client';
import type { MessageSummary } from './get-messages';

/** All of the citizen's own messages, any status, newest first. */
export function fetchMyMessages(query: { cursor?: string; limit?: number }): Promise<Page<MessageSummary>> {
  return api.get<Page<MessageSummary>>('/me/messages', { ...query });
}

export function useMyMessages() {
  return useInfiniteQuery({
    queryKey: ['messages', 'mine'],
    queryFn: ({ pageParam }) => fetchMyMessages({ cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
