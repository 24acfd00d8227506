import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CampaignDetail, CampaignInput } from '../../../../shared/campaigns';
import { api } from '../../../lib/api-client';
import { campaignQueryKey } from './get-campaign';

export type { CampaignInput };

/** POST /campaigns (a new draft) or PATCH /campaigns/{id} (only the fields given). */
export function saveCampaign({ id, input }: { id?: number; input: Partial<CampaignInput> }): Promise<CampaignDetail> {
  return id === undefined ? api.post<CampaignDetail>('/campaigns', input) : api.patch<CampaignDetail>(`/campaigns/${id}`, input);
}

export function useSaveCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveCampaign,
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignQueryKey(String(campaign.id)), campaign);
      void queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
    },
  });
}
