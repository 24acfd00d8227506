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

/** A random UUID v4; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
