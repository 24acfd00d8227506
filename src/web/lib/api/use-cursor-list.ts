import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { Page } from '../api-client';

/**
 * A "load more" list over a keyset-paginated endpoint: the first page without a cursor, each next
 * one with the cursor the last page sent, until a page sends none. Show it with <LoadMore>.
 */
export function useCursorList<T>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<Page<T>>, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
  });
}
