import { useQuery } from '@tanstack/react-query';
import type { RegionLevel } from '../../../shared/domain';
import { api } from '../api-client';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  hasChildren: boolean;
}

/** Children of `parent`; the provinces when `parent` is undefined. */
export async function fetchRegions(parent?: string): Promise<Region[]> {
  const page = await api.get<{ items: Region[] }>('/regions', { parent });
  return page.items;
}

export const regionsQueryKey = (parent?: string) => ['regions', parent ?? null] as const;

// Regions change a few times a year; no need to refetch them during a visit.
export const REGIONS_STALE_TIME = 60 * 60_000;

export function useRegions(parent?: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: regionsQueryKey(parent),
    queryFn: () => fetchRegions(parent),
    staleTime: REGIONS_STALE_TIME,
    enabled: options.enabled ?? true,
  });
}
