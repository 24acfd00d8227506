import { useMutation, useQueryClient } from '@tanstack/react-query';
import { startSession, type SessionResponse } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

export interface SmsLoginInput {
  mobile: string;
  code: string;
}

/** 422 wrong or expired code (field code), 403 disabled, 423 locked, 429 rate limited. */
export function loginWithSms(input: SmsLoginInput): Promise<SessionResponse> {
  return api.post<SessionResponse>('/auth/login/sms', input);
}

export function useSmsLogin() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: loginWithSms, onSuccess: (session) => startSession(queryClient, session) });
}
