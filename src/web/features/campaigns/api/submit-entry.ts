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
