import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey, type Account } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

export interface UpdateMeInput {
  nickname?: string;
  /** Staff only; null removes it. */
  email?: string | null;
}

export async function updateMe(input: UpdateMeInput): Promise<Account> {
  const answer = await api.patch<{ account: Account }>('/me', input);
  return answer.account;
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (account) => queryClient.setQueryData(meQueryKey, account),
  });
}
