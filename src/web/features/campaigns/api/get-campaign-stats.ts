import { useQuery } from '@tanstack/react-query';
import type { CampaignStats } from '../../../../shared/campaigns';
import { api } from '../../../lib/api-client';

export type { CampaignStats };

/** GET /campaigns/{id}/stats: entries and adoptions by day, province, topic and kind. */
export function fetchCampaignStats(id: number): Promise<CampaignStats> {
  return api.get<CampaignStats>(`/campaigns/${id}/stats`);
}

export function useCampaignStats(id: number, options: { live?: boolean } = {}) {
  return useQuery({
    queryKey: ['campaigns', 'stats', id],
    queryFn: () => fetchCampaignStats(id),
    refetchInterval: options.live ? 10_000 : false,
  });
}
