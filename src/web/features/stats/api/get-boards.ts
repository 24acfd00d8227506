import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StatBoards } from '../../../../shared/stats';
import { api } from '../../../lib/api-client';
import { STATS_STALE_TIME, statsQueryKey, windowQuery, type StatsWindow } from './stats-query';

/** The leader list: each leader board of the region (the ministries for the country) and its figures. */
export function fetchStatBoards(w: StatsWindow): Promise<StatBoards> {
  return api.get<StatBoards>('/stats/boards', windowQuery(w));
}

export function useStatBoards(w: StatsWindow | null) {
  return useQuery({
    queryKey: [...statsQueryKey, 'boards', w],
    queryFn: () => fetchStatBoards(w!),
    enabled: w !== null,
    staleTime: STATS_STALE_TIME,
    placeholderData: keepPreviousData,
  });
}
