import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface BoardRef {
  id: number;
  name: string;
}

/** The leaders' boards of a region, for the leader's board filter; closed boards too, for their history. */
export function fetchRegionBoards(region: string): Promise<BoardRef[]> {
  return api.get<{ items: BoardRef[] }>('/boards', { region, status: 'all' }).then((page) => page.items);
}

export function useRegionBoards(region: string | undefined) {
  return useQuery({ queryKey: ['boards', 'region', region ?? null], queryFn: () => fetchRegionBoards(region ?? ''), enabled: region !== undefined, staleTime: 10 * 60_000 });
}
