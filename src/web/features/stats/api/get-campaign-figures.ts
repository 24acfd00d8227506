import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CampaignFigures } from '../../../../shared/campaigns';
import { api } from '../../../lib/api-client';
import type { Period } from '../lib/periods';
import { STATS_STALE_TIME, statsQueryKey } from './stats-query';

export type { CampaignFigures };

/** GET /stats/campaigns: campaigns, entries, adoptions and questionnaire responses of a window (always the published figures). */
export function fetchCampaignFigures(w: Period & { region: string }): Promise<CampaignFigures> {
  return api.get<CampaignFigures>('/stats/campaigns', { region: w.region, from: w.from, to: w.to });
}

export function useCampaignFigures(w: Period & { region: string }) {
  return useQuery({
    queryKey: [...statsQueryKey, 'campaigns', w.region, w.from, w.to],
    queryFn: () => fetchCampaignFigures(w),
    staleTime: STATS_STALE_TIME,
    placeholderData: keepPreviousData,
  });
}
