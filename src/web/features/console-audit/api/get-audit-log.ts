import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Page } from '../../../lib/api-client';

export interface AuditEntry {
  id: number;
  at: string;
  actor: { id: number; displayName: string } | null;
  action: string;
  targetType: string;
  targetId: string | number | null;
  details: unknown;
}

export function fetchAuditLog(query: { cursor?: string; limit?: number; action?: string }): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/audit-log', query);
}

export function useAuditLog(action: string) {
  return useInfiniteQuery({
    queryKey: ['audit', { action }],
    queryFn: ({ pageParam }) => fetchAuditLog({ cursor: pageParam, limit: 50, action: action || undefined }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
