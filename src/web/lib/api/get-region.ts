import { useQuery } from '@tanstack/react-query';
import { REGIONS_STALE_TIME, type Region } from './get-regions';
import { api } from '../api-client';

export interface RegionWithAncestors extends Region {
  /** From the province down, not including the region itself. */
  ancestors: Region[];
}

export function fetchRegion(code: string): Promise<RegionWithAncestors> {
  return api.get<RegionWithAncestors>(`/regions/${encodeURIComponent(code)}`);
}

export const regionQueryKey = (code: string | undefined) => ['region', code] as const;

export function useRegion(code: string | undefined) {
  return useQuery({
    queryKey: regionQueryKey(code),
    queryFn: () => fetchRegion(code ?? ''),
    enabled: code !== undefined,
    staleTime: REGIONS_STALE_TIME,
  });
}
