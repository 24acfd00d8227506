import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StatOverdueUnits } from '../../../../shared/stats';
import { api } from '../../../lib/api-client';
import { STATS_STALE_TIME, statsQueryKey } from './stats-query';

/** Units with the most overdue open work now (internal view only). */
export function fetchOverdueUnits(region: string, limit: number): Promise<StatOverdueUnits> {
  return api.get<StatOverdueUnits>('/stats/overdue-units', { region, limit });
}

export function useOverdueUnits(region: string, enabled: boolean, limit = 10) {
  return useQuery({
    queryKey: [...statsQueryKey, 'overdue-units', region, limit],
    queryFn: () => fetchOverdueUnits(region, limit),
    enabled,
    staleTime: STATS_STALE_TIME,
    placeholderData: keepPreviousData,
  });
}
