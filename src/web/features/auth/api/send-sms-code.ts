import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface SmsCodeResponse {
  expiresInSeconds: number;
  retryAfterSeconds: number;
}

export type SmsPurpose = 'register' | 'login' | 'reset_password';

export function sendSmsCode(mobile: string, purpose: SmsPurpose = 'register'): Promise<SmsCodeResponse> {
  return api.post<SmsCodeResponse>('/auth/sms-codes', { mobile, purpose });
}

export function useSendSmsCode(purpose: SmsPurpose = 'register') {
  return useMutation({ mutationFn: (mobile: string) => sendSmsCode(mobile, purpose) });
}
