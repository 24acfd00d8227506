import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { AccountKind } from '../../../shared/domain';
import type { Action, StaffRole } from '../../../shared/permissions';
import { api, isApiError, setCsrfToken } from '../api-client';

/** The caller's own view of the account (docs/api.md, "account"). */
export interface Account {
  id: number;
  kind: AccountKind;
  login: string | null;
  mobileMasked: string | null;
  nickname: string;
  displayName: string;
  /** Staff: where e-mail notifications and subscribed reports go. */
  email: string | null;
  unit: { id: number; name: string; regionCode: string } | null;
  roles: StaffRole[];
  permissions: Action[];
  /** Roles this account may give to the staff accounts it creates. */
  grantableRoles: StaffRole[];
  /** Set on a new or admin-reset staff account: the password must be changed before anything else. */
  mustChangePassword: boolean;
}

/** What login, register and GET /auth/me answer. */
export interface SessionResponse {
  account: Account;
  csrfToken: string;
}

export const meQueryKey = ['me'] as const;

/** Resolves to null when nobody is logged in (401); throws ApiError otherwise. */
export async function fetchMe(): Promise<Account | null> {
  try {
    const session = await api.get<SessionResponse>('/auth/me');
    setCsrfToken(session.csrfToken);
    return session.account;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** After login or register: remember the token and show the account without a round trip. */
export function startSession(queryClient: QueryClient, session: SessionResponse): void {
  setCsrfToken(session.csrfToken);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  queryClient.setQueryData(meQueryKey, session.account);
}

/** After logout, or when the server says the session is gone. */
export function endSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
  queryClient.setQueryData(meQueryKey, null);
}

export function can(account: Account | null | undefined, action: Action): boolean {
  return account?.permissions.includes(action) ?? false;
}
