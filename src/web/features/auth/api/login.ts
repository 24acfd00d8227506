import { useMutation, useQueryClient } from '@tanstack/react-query';
import { startSession, type SessionResponse } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

export interface LoginInput {
  /** Mobile for citizens, login name for staff. */
  login: string;
  password: string;
}

/** 401 bad credentials, 423 locked, 429 rate limited (thrown as ApiError). */
export function login(input: LoginInput): Promise<SessionResponse> {
  return api.post<SessionResponse>('/auth/login', input);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => startSession(queryClient, session),
  });
}
