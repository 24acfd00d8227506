import type { MessageType, PublicStatus } from '../../../../shared/messages';
import type { MessageBasics } from '../../../lib/api/message-basics';
import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';

/** [start, end) offsets into the string, end exclusive. */
export type HighlightRange = [number, number];

/** One message in a list (docs/api.md, `MessageSummary`). Public outputs are masked by the server. */
export interface MessageSummary extends MessageBasics {
  publicStatus: PublicStatus | null;
  /** null when the author kept the location non-public. */
  region: { code: string; name: string } | null;
  lastReplyAt: string | null;
  replyCount: number;
  excerpt: string;
  /** Only in search results: where the terms are. */
  highlight?: { title: HighlightRange[]; excerpt: HighlightRange[] };
}

export type MessageSort = 'newest' | 'activity';

/** The server takes search words up to this length. */
export const SEARCH_MAX = 50;

export interface MessageFilter {
  region?: string;
  board?: number;
  field?: string;
  type?: MessageType;
  status?: PublicStatus;
  q?: string;
  sort?: MessageSort;
}

export function fetchMessages(filter: MessageFilter & { cursor?: string; limit?: number }): Promise<Page<MessageSummary>> {
  return api.get<Page<MessageSummary>>('/messages', { ...filter });
}

export const messagesQueryKey = (filter: MessageFilter) => ['messages', 'list', filter] as const;

/** The public list (board, region, everything, or a search), 20 at a time. */
export function useMessages(filter: MessageFilter, options: { enabled?: boolean } = {}) {
  return useCursorList(messagesQueryKey(filter), (cursor) => fetchMessages({ ...filter, cursor, limit: 20 }), options);
}
