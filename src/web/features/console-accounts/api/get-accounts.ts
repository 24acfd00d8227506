import { useInfiniteQuery } from '@tanstack/react-query';
import type { StaffRole } from '../../../../shared/permissions';
import { api, type Page } from '../../../lib/api-client';

export interface StaffAccount {
  id: number;
  login: string;
  displayName: string;
  mobileMasked: string | null;
  unit: { id: number; name: string };
  roles: StaffRole[];
  status: 'active' | 'disabled';
  createdAt: string;
}

export interface AccountQuery {
  unit?: number;
  q?: string;
  cursor?: string;
  limit?: number;
}

export function fetchAccounts(query: AccountQuery): Promise<Page<StaffAccount>> {
  return api.get<Page<StaffAccount>>('/accounts', { ...query });
}

export function useAccounts(q: string) {
  return useInfiniteQuery({
    queryKey: ['accounts', { q }],
    queryFn: ({ pageParam }) => fetchAccounts({ q: q || undefined, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
