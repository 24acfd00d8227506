import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StatHotTopics } from '../../../../shared/stats';
import { api } from '../../../lib/api-client';
import { STATS_STALE_TIME, statsQueryKey, windowQuery, type StatsWindow } from './stats-query';

export function fetchHotTopics(w: StatsWindow, limit: number): Promise<StatHotTopics> {
  return api.get<StatHotTopics>('/stats/hot-topics', { ...windowQuery(w), limit });
}

export function useHotTopics(w: StatsWindow | null, limit = 20) {
  return useQuery({
    queryKey: [...statsQueryKey, 'hot-topics', w, limit],
    queryFn: () => fetchHotTopics(w!, limit),
    enabled: w !== null,
    staleTime: STATS_STALE_TIME,
    placeholderData: keepPreviousData,
  });
}
