import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Unscreened messages on one matter (docs/api.md, GET /screening/clusters). */
export interface Cluster {
  size: number;
  firstAt: string;
  lastAt: string;
  spanHours: number;
  area: { code: string; name: string };
  regions: { code: string; name: string }[];
  messageIds: number[];
  sampleTitles: string[];
}

export interface Clusters {
  considered: number;
  truncated: boolean;
  items: Cluster[];
}

export function fetchClusters(): Promise<Clusters> {
  return api.get<Clusters>('/screening/clusters');
}

// Under the queue's key: screening a message refreshes the clusters too.
export const clustersQueryKey = ['screening', 'clusters'] as const;

export function useClusters(enabled: boolean) {
  return useQuery({ queryKey: clustersQueryKey, queryFn: fetchClusters, enabled });
}
