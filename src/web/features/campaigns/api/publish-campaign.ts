import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CampaignDetail } from '../../../../shared/campaigns';
import { api } from '../../../lib/api-client';
import { campaignQueryKey } from './get-campaign';

/** POST /campaigns/{id}/publish: the draft appears on the public site. */
export function publishCampaign(id: number): Promise<CampaignDetail> {
  return api.post<CampaignDetail>(`/campaigns/${id}/publish`);
}

/** POST /campaigns/{id}/results: the result page (after the end; again: edits the summary). */
export function publishResults({ id, summary }: { id: number; summary: string }): Promise<CampaignDetail> {
  return api.post<CampaignDetail>(`/campaigns/${id}/results`, { summary });
}

function useCampaignStep<V>(mutationFn: (v: V) => Promise<CampaignDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignQueryKey(String(campaign.id)), campaign);
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      void queryClient.invalidateQueries({ queryKey: ['adopted'] });
    },
  });
}

export const usePublishCampaign = () => useCampaignStep(publishCampaign);
export const usePublishResults = () => useCampaignStep(publishResults);
