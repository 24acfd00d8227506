import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The title of the campaign a questionnaire belongs to (GET /campaigns/{id}), for links back to it. */
export function useCampaignTitle(campaignId: number | null) {
  return useQuery({
    queryKey: ['campaigns', 'detail', String(campaignId)],
    queryFn: () => api.get<{ id: number; title: string }>(`/campaigns/${campaignId}`),
    enabled: campaignId !== null,
    select: (campaign) => campaign.title,
    staleTime: 60_000,
  });
}
