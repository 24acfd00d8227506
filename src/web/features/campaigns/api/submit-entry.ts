import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CampaignEntryInput } from '../../../../shared/campaigns';
import type { MessageStatus } from '../../../../shared/messages';
import { api } from '../../../lib/api-client';

export type { CampaignEntryInput };

export interface EntryCreated {
  /** The message the entry is. */
  id: number;
  number: string;
  status: MessageStatus;
}

/** POST /campaigns/{id}/entries; the same key with the same body never makes a second entry. */
export function submitEntry({ campaignId, input, idempotencyKey }: { campaignId: number; input: CampaignEntryInput; idempotencyKey: string }): Promise<EntryCreated> {
  return api.post<EntryCreated>(`/campaigns/${campaignId}/entries`, input, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useSubmitEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitEntry,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
    },
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
