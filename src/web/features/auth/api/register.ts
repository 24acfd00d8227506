import { useMutation, useQueryClient } from '@tanstack/react-query';
import { startSession, type SessionResponse } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

export interface RegisterInput {
  mobile: string;
  code: string;
  password: string;
  nickname: string;
}

export function register(input: RegisterInput): Promise<SessionResponse> {
  return api.post<SessionResponse>('/auth/register', input);
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: (session) => startSession(queryClient, session),
  });
}
