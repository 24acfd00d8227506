import { useQuery } from '@tanstack/react-query';
import type { CampaignDetail } from '../../../../shared/campaigns';
import { api } from '../../../lib/api-client';

export type { CampaignDetail };

export const campaignQueryKey = (id: string) => ['campaigns', 'detail', id] as const;

/** How often an open campaign's entry counter is asked again. */
export const LIVE_COUNTER_MS = 5_000;

export function fetchCampaign(id: string): Promise<CampaignDetail> {
  return api.get<CampaignDetail>(`/campaigns/${encodeURIComponent(id)}`);
}

/** GET /campaigns/{id}; while the campaign takes entries, asked again every few seconds so the counter moves. */
export function useCampaign(id: string) {
  return useQuery({
    queryKey: campaignQueryKey(id),
    queryFn: () => fetchCampaign(id),
    refetchInterval: (query) => (query.state.data?.phase === 'open' && query.state.data.status === 'published' ? LIVE_COUNTER_MS : false),
    // A background tab does not need the counter.
    refetchIntervalInBackground: false,
  });
}
