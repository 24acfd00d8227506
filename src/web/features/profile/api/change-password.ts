import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey, type Account } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

export interface ChangePasswordInput {
  currentPassword: string;
  password: string;
}

/** 422 wrong_password (field currentPassword); other sessions end. */
export function changePassword(input: ChangePasswordInput): Promise<void> {
  return api.put<void>('/me/password', input);
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    // A forced change is over: the gate lets the account through.
    onSuccess: () => queryClient.setQueryData<Account | null>(meQueryKey, (me) => (me ? { ...me, mustChangePassword: false } : me)),
  });
}
