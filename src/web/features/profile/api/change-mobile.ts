import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey, type Account } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

export interface ChangeMobileInput {
  mobile: string;
  oldCode?: string;
  newCode: string;
}

/** Codes to the current number and to the new one; 409 mobile_taken. */
export function sendMobileCodes(mobile: string): Promise<{ expiresInSeconds: number; retryAfterSeconds: number }> {
  return api.post('/me/mobile/sms-codes', { mobile });
}

export function useSendMobileCodes() {
  return useMutation({ mutationFn: sendMobileCodes });
}

/** 422 sms_code_invalid (field oldCode or newCode), 409 mobile_taken. */
export async function changeMobile(input: ChangeMobileInput): Promise<Account> {
  return (await api.put<{ account: Account }>('/me/mobile', input)).account;
}

export function useChangeMobile() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: changeMobile, onSuccess: (account) => queryClient.setQueryData(meQueryKey, account) });
}
