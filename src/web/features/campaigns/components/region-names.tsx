import { useQueries } from '@tanstack/react-query';
import { fetchRegion, regionQueryKey } from '../../../lib/api/get-region';
import { REGIONS_STALE_TIME } from '../../../lib/api/get-regions';
import { useT } from '../../../lib/i18n';

/** The names of regions by code, the whole path ("江西省 南昌市"); the code while it loads. */
export function useRegionNames(codes: readonly string[]): Map<string, string> {
  const results = useQueries({
    queries: codes.map((code) => ({ queryKey: regionQueryKey(code), queryFn: () => fetchRegion(code), staleTime: REGIONS_STALE_TIME })),
  });
  const names = new Map<string, string>();
  codes.forEach((code, i) => {
    const region = results[i]?.data;
    names.set(code, region ? [...region.ancestors.map((a) => a.name), region.name].join(' ') : code);
  });
  return names;
}

/** The regions a campaign concerns, in words; none: the whole country. */
export function RegionList({ codes }: { codes: readonly string[] }) {
  const t = useT();
  const names = useRegionNames(codes);
  if (codes.length === 0) return <>{t('campaigns.regions.all')}</>;
  return <>{codes.map((c) => names.get(c) ?? c).join(t('common.listSeparator'))}</>;
}
