import { useQuery } from '@tanstack/react-query';
import { REGIONS_STALE_TIME, type Region } from '../../../lib/api/get-regions';
import { api } from '../../../lib/api-client';

export interface RegionDetail extends Region {
  /** From the province down, not including the region itself. */
  ancestors: Region[];
}

export function fetchRegion(code: string): Promise<RegionDetail> {
  return api.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`);
}

export function useRegion(code: string | undefined) {
  return useQuery({
    queryKey: ['region', code],
    queryFn: () => fetchRegion(code ?? ''),
    enabled: code !== undefined,
    staleTime: REGIONS_STALE_TIME,
  });
}
