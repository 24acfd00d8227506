import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface ResetPasswordInput {
  mobile: string;
  code: string;
  password: string;
}

/** 忘记密码: 422 wrong or expired code (field code); every session of the account ends. */
export function resetPassword(input: ResetPasswordInput): Promise<void> {
  return api.post<void>('/auth/password-reset', input);
}

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword });
}
