import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Interval, StatTimeseries } from '../../../../shared/stats';
import { api } from '../../../lib/api-client';
import { STATS_STALE_TIME, statsQueryKey, windowQuery, type StatsWindow } from './stats-query';

export function fetchTimeseries(w: StatsWindow, interval: Interval): Promise<StatTimeseries> {
  return api.get<StatTimeseries>('/stats/timeseries', { ...windowQuery(w), interval });
}

export function useTimeseries(w: StatsWindow | null, interval: Interval) {
  return useQuery({
    queryKey: [...statsQueryKey, 'timeseries', w, interval],
    queryFn: () => fetchTimeseries(w!, interval),
    enabled: w !== null,
    staleTime: STATS_STALE_TIME,
    placeholderData: keepPreviousData,
  });
}
