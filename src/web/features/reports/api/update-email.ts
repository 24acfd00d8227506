import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey, type Account } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

/** PATCH /me with the own e-mail address (where subscribed reports are sent); null removes it. */
export async function updateEmail(email: string | null): Promise<Account> {
  const answer = await api.patch<{ account: Account }>('/me', { email });
  return answer.account;
}

export function useUpdateEmail() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateEmail, onSuccess: (account) => queryClient.setQueryData(meQueryKey, account) });
}
