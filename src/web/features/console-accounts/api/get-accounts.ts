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
  email: string | null;
  /** A new or reset account that has not set its own password yet. */
  mustChangePassword: boolean;
  /** Temporarily locked after repeated failed logins. */
  locked: boolean;
  createdAt: string;
}

export interface AccountFilters {
  /** The unit and its subtree. */
  unit?: number;
  role?: StaffRole;
  status?: 'active' | 'disabled';
  q?: string;
}

export interface AccountQuery extends AccountFilters {
  cursor?: string;
  limit?: number;
}

/** A page, and how many accounts match the filters over all pages. */
export type AccountPage = Page<StaffAccount> & { total: number };

export function fetchAccounts(query: AccountQuery): Promise<AccountPage> {
  return api.get<AccountPage>('/accounts', { ...query });
}

export function useAccounts(filters: AccountFilters) {
  return useCursorList(['accounts', filters], (cursor) => fetchAccounts({ ...filters, q: filters.q || undefined, cursor, limit: 50 }));
}
