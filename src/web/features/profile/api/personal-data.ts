import { useMutation, useQueryClient } from '@tanstack/react-query';
import { endSession } from '../../../lib/api/get-me';
import { api } from '../../../lib/api-client';

/** GET /me/data-export as a link the browser downloads (the session cookie goes along). */
export const DATA_EXPORT_URL = '/api/v1/me/data-export';

/** A code to the own number to confirm closing; 403 citizens_only. */
export function sendCloseCode(): Promise<{ expiresInSeconds: number; retryAfterSeconds: number }> {
  return api.post('/me/close/sms-codes');
}

export function useSendCloseCode() {
  return useMutation({ mutationFn: sendCloseCode });
}

export type CloseAccountInput = { password: string } | { code: string };

/** 422 wrong_password (password) or sms_code_invalid (code); the server ends the session on success. */
export function closeAccount(input: CloseAccountInput): Promise<void> {
  return api.post<void>('/me/close', input);
}

/**
 * Closes the own account. The caller leaves the page first and then calls the returned `endSession`:
 * ended here, the session's end would send a page behind a login guard to /login before the
 * caller could leave it.
 */
export function useCloseAccount() {
  const queryClient = useQueryClient();
  const mutation = useMutation({ mutationFn: closeAccount });
  return { ...mutation, endSession: () => endSession(queryClient) };
}
