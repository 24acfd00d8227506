import type { StaffRole } from '../../../../shared/permissions';
import { useCursorList } from '../../../lib/api/use-cursor-list';
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
  return useCursorList(['accounts', { q }], (cursor) => fetchAccounts({ q: q || undefined, cursor, limit: 50 }));
}
