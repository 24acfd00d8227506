import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MessageType } from '../../../../shared/messages';
import { api } from '../../../lib/api-client';

/** How many public messages each tab of a board, a region or the whole platform holds. */
export interface MessageCounts {
  all: number;
  pending: number;
  handling: number;
  done: number;
  /** With field or type filters the server counts up to a cap; true: the largest counts are lower bounds. */
  capped?: boolean;
}

export interface CountFilter {
  board?: number;
  region?: string;
  field?: string;
  type?: MessageType;
}

export function fetchMessageCounts(filter: CountFilter): Promise<MessageCounts> {
  return api.get<MessageCounts>('/messages/counts', { ...filter });
}

export function useMessageCounts(filter: CountFilter, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['messages', 'counts', filter],
    queryFn: () => fetchMessageCounts(filter),
    enabled: options.enabled ?? true,
    // Changing a filter keeps the old numbers on the tabs until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
