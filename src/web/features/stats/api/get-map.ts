import { useQuery } from '@tanstack/react-query';

/**
 * Outlines for the map (docs/decisions/0009-map-data.md): static files beside the app, not API
 * calls. /maps/index.json lists the regions whose children have outlines; /maps/CODE.json holds
 * them, one feature per child with `properties.adcode` and `properties.name`.
 */
export interface MapFeature {
  properties: { adcode: string; name: string };
}

export interface MapOutlines {
  type: 'FeatureCollection';
  features: MapFeature[];
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The outlines never change during a visit. */
const FOREVER = Number.POSITIVE_INFINITY;

function useMapIndex() {
  return useQuery({ queryKey: ['maps', 'index'], queryFn: () => getJson<string[]>('/maps/index.json'), staleTime: FOREVER, gcTime: FOREVER });
}

/**
 * The outlines of a region's children, or null when there are none (a county, a region the
 * map data does not cover): the page then shows the table alone.
 */
export function useMapOutlines(region: string | undefined) {
  const index = useMapIndex();
  const available = region !== undefined && (index.data?.includes(region) ?? false);
  const outlines = useQuery({
    queryKey: ['maps', region],
    queryFn: () => getJson<MapOutlines>(`/maps/${region}.json`),
    enabled: available,
    staleTime: FOREVER,
    gcTime: FOREVER,
  });
  return {
    isPending: index.isPending || (available && outlines.isPending),
    isError: index.isError || outlines.isError,
    data: available ? (outlines.data ?? null) : null,
  };
}
