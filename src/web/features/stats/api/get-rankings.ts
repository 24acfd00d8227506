import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RankingMetric, StatRanking } from '../../../../shared/stats';
import { api } from '../../../lib/api-client';
import { STATS_STALE_TIME, statsQueryKey, windowQuery, type StatsWindow } from './stats-query';

export type PeerLevel = StatRanking['peers'];

export interface RankingQuery {
  /** Defaults to the level just below the region. */
  peers?: PeerLevel;
  metric: RankingMetric;
  order?: 'desc' | 'asc';
  limit?: number;
}

/** The most peers a region has (the counties of a large city stay well under it); the map needs them all. */
export const ALL_PEERS = 500;

export function fetchRankings(w: StatsWindow, q: RankingQuery): Promise<StatRanking> {
  return api.get<StatRanking>('/stats/rankings', { ...windowQuery(w), peers: q.peers, metric: q.metric, order: q.order, limit: q.limit });
}

export function useRankings(w: StatsWindow | null, q: RankingQuery, enabled = true) {
  return useQuery({
    queryKey: [...statsQueryKey, 'rankings', w, q],
    queryFn: () => fetchRankings(w!, q),
    enabled: enabled && w !== null,
    staleTime: STATS_STALE_TIME,
    placeholderData: keepPreviousData,
  });
}
