import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StaffRole } from '../../../../shared/permissions';
import { api } from '../../../lib/api-client';
import type { StaffAccount } from './get-accounts';

export interface UpdateAccountInput {
  displayName?: string;
  unitId?: number;
  roles?: StaffRole[];
  email?: string | null;
  mobile?: string | null;
}

/** 403 role_not_grantable (roles), 422 unit_not_found (unitId), 409 mobile_taken (mobile). */
export function updateAccount(id: number, input: UpdateAccountInput): Promise<StaffAccount> {
  return api.patch<StaffAccount>(`/accounts/${id}`, input);
}

/** Disabling ends the account's sessions at once; 422 cannot_disable_self. */
export function setAccountStatus(id: number, status: 'active' | 'disabled'): Promise<StaffAccount> {
  return api.post<StaffAccount>(`/accounts/${id}/${status === 'disabled' ? 'disable' : 'enable'}`);
}

/** A one-time login code by SMS or e-mail; 422 reset_channel_unavailable (channel). */
export function resetAccountPassword(id: number, channel: 'sms' | 'email'): Promise<{ channel: 'sms' | 'email'; sentTo: string }> {
  return api.post(`/accounts/${id}/password-reset`, { channel });
}

function useAccountsMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['accounts'] }) });
}

export const useUpdateAccount = () => useAccountsMutation(({ id, input }: { id: number; input: UpdateAccountInput }) => updateAccount(id, input));
export const useSetAccountStatus = () => useAccountsMutation(({ id, status }: { id: number; status: 'active' | 'disabled' }) => setAccountStatus(id, status));
export const useResetAccountPassword = () => useAccountsMutation(({ id, channel }: { id: number; channel: 'sms' | 'email' }) => resetAccountPassword(id, channel));
