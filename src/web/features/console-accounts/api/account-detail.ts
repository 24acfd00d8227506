import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffRole } from '../../../../shared/permissions';
import { api } from '../../../lib/api-client';

/** GET /accounts/{id}: a staff account in scope, or (platform admins) a citizen. */
export interface AccountDetail {
  id: number;
  kind: 'citizen' | 'staff';
  login: string | null;
  displayName: string;
  nickname: string;
  mobileMasked: string | null;
  email: string | null;
  unit: { id: number; name: string } | null;
  roles: StaffRole[];
  status: 'active' | 'disabled' | 'closed';
  mustChangePassword: boolean;
  locked: boolean;
  lockedUntil: string | null;
  failedLogins: number;
  createdAt: string;
  closedAt: string | null;
}

const key = (id: number) => ['accounts', 'detail', id] as const;

/** 404 outside the actor's scope. */
export function fetchAccount(id: number): Promise<AccountDetail> {
  return api.get<AccountDetail>(`/accounts/${id}`);
}

export function useAccount(id: number | null) {
  return useQuery({ queryKey: key(id ?? 0), queryFn: () => fetchAccount(id!), enabled: id !== null });
}

/** A citizen account by its current number (platform admins); 404 when none. */
export function findCitizen(mobile: string): Promise<AccountDetail> {
  return api.get<AccountDetail>('/accounts/citizen-lookup', { mobile });
}

export function useFindCitizen() {
  return useMutation({ mutationFn: findCitizen });
}

function useAccountMutation<A>(fn: (args: A) => Promise<AccountDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (account) => {
      queryClient.setQueryData(key(account.id), account);
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
}

/** Lifts a login lockout; 404 outside scope, 409 account_closed. */
export const useUnlockAccount = () => useAccountMutation((id: number) => api.post<AccountDetail>(`/accounts/${id}/unlock`));

/** The code for a recovery goes to the NEW number; 409 mobile_taken (mobile). */
export function useSendRecoveryCode() {
  return useMutation({ mutationFn: ({ id, mobile }: { id: number; mobile: string }) => api.post<{ expiresInSeconds: number; retryAfterSeconds: number }>(`/accounts/${id}/mobile/sms-codes`, { mobile }) });
}

export interface RecoverMobileInput {
  mobile: string;
  code: string;
  reason: string;
}

/** 422 sms_code_invalid (code), 409 mobile_taken (mobile), 400 naming reason. */
export const useRecoverMobile = () => useAccountMutation(({ id, input }: { id: number; input: RecoverMobileInput }) => api.post<AccountDetail>(`/accounts/${id}/mobile`, input));
