import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface SmsCodeResponse {
  expiresInSeconds: number;
  retryAfterSeconds: number;
}

export function sendSmsCode(mobile: string): Promise<SmsCodeResponse> {
  return api.post<SmsCodeResponse>('/auth/sms-codes', { mobile, purpose: 'register' });
}

export function useSendSmsCode() {
  return useMutation({ mutationFn: sendSmsCode });
}
