import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageStatus, NewMessage } from '../../../../shared/messages';
import { api } from '../../../lib/api-client';

export type { NewMessage };

export interface MessageCreated {
  id: number;
  /** e.g. 2026-11-23-000123 */
  number: string;
  status: MessageStatus;
}

/**
 * The same `idempotencyKey` with the same body never makes a second message, so a
 * submission whose answer was lost can simply be sent again.
 */
export function createMessage({ input, idempotencyKey }: { input: NewMessage; idempotencyKey: string }): Promise<MessageCreated> {
  return api.post<MessageCreated>('/messages', input, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useCreateMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMessage,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
}
