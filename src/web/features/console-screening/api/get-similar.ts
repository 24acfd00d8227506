import { useQuery } from '@tanstack/react-query';
import type { MessageBasics } from '../../../lib/api/message-basics';
import { api } from '../../../lib/api-client';

/** An earlier public message like the one being screened (docs/api.md, GET /messages/{id}/similar). */
export interface SimilarMessage extends MessageBasics {
  region: { code: string; name: string } | null;
  excerpt: string;
  /** 0–1: how alike the words are (docs/decisions/0014-similar-messages.md). */
  similarity: number;
}

export function fetchSimilar(id: number): Promise<{ items: SimilarMessage[] }> {
  return api.get<{ items: SimilarMessage[] }>(`/messages/${id}/similar`, { limit: 10 });
}

export const similarQueryKey = (id: number) => ['screening', 'similar', id] as const;

/** Asked only while the drawer is open (`id` not null). */
export function useSimilarMessages(id: number | null) {
  return useQuery({ queryKey: similarQueryKey(id ?? 0), queryFn: () => fetchSimilar(id!), enabled: id !== null });
}
