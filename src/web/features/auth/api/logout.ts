import { useMutation, useQueryClient } from '@tanstack/react-query';
import { endSession } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

export function logout(): Promise<void> {
  return api.post<void>('/auth/logout');
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Even when the server could not be reached, the visitor asked to leave.
    onSettled: () => endSession(queryClient),
  });
}
