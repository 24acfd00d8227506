import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StatDim, StatSummary } from '../../../../shared/stats';
import { api, isApiError } from '../../../lib/api-client';
import type { Period } from '../lib/periods';
import { STATS_STALE_TIME, statsQueryKey, windowQuery, type StatsWindow } from './stats-query';

export function fetchSummary(w: StatsWindow, cut?: StatDim): Promise<StatSummary> {
  return api.get<StatSummary>('/stats/summary', { ...windowQuery(w), cut });
}

/**
 * For staff: the internal view where the server allows it (the own region subtree), else the
 * published figures. The server decides; the answer's `view` says which one came back.
 */
export async function fetchStaffSummary(w: Period & { region: string }): Promise<StatSummary> {
  try {
    return await fetchSummary({ ...w, view: 'internal' });
  } catch (error) {
    if (isApiError(error) && error.status === 403) return fetchSummary({ ...w, view: 'public' });
    throw error;
  }
}

export function useStaffSummary(w: Period & { region: string }) {
  return useQuery({
    queryKey: [...statsQueryKey, 'summary', 'staff', w.region, w.from, w.to],
    queryFn: () => fetchStaffSummary(w),
    staleTime: STATS_STALE_TIME,
    // The figures of the last region stay on screen while the next one loads (no jumping layout).
    placeholderData: keepPreviousData,
  });
}

export function usePublicSummary(w: Period & { region: string }) {
  const window: StatsWindow = { ...w, view: 'public' };
  return useQuery({
    queryKey: [...statsQueryKey, 'summary', window],
    queryFn: () => fetchSummary(window),
    staleTime: STATS_STALE_TIME,
    placeholderData: keepPreviousData,
  });
}
