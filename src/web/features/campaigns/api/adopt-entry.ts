import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CampaignEntry } from '../../../../shared/campaigns';
import { api } from '../../../lib/api-client';
import { replaceEntry } from './support-entry';

export interface AdoptionInput {
  /** Public: what was adopted and where, e.g. 写入'十四五'规划《建议》. */
  note: string;
  prize?: string | null;
}

/** POST /campaigns/{id}/entries/{entryId}/adoption (again: changes note and prize); the author is told the first time. */
export function adoptEntry({ campaignId, entryId, input }: { campaignId: number; entryId: number; input: AdoptionInput }): Promise<CampaignEntry> {
  return api.post<CampaignEntry>(`/campaigns/${campaignId}/entries/${entryId}/adoption`, input);
}

/** DELETE …/adoption: takes the adoption back. */
export function unadoptEntry({ campaignId, entryId }: { campaignId: number; entryId: number }): Promise<CampaignEntry> {
  return api.delete<CampaignEntry>(`/campaigns/${campaignId}/entries/${entryId}/adoption`);
}

function useAdoptionChange<V>(mutationFn: (v: V) => Promise<CampaignEntry>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (updated) => {
      replaceEntry(queryClient, updated);
      // Counts, stats and the adopted list follow.
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      void queryClient.invalidateQueries({ queryKey: ['adopted'] });
    },
  });
}

export const useAdoptEntry = () => useAdoptionChange(adoptEntry);
export const useUnadoptEntry = () => useAdoptionChange(unadoptEntry);
