import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';
import type { MessageSummary } from './get-messages';

/** All of the citizen's own messages, any status, newest first. */
export function fetchMyMessages(query: { cursor?: string; limit?: number }): Promise<Page<MessageSummary>> {
  return api.get<Page<MessageSummary>>('/me/messages', { ...query });
}

export function useMyMessages() {
  return useCursorList(['messages', 'mine'], (cursor) => fetchMyMessages({ cursor, limit: 20 }));
}
