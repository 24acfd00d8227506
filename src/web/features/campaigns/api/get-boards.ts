import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** A board as the campaign form offers it (docs/api.md "Public: regions and boards"). */
export interface BoardOption {
  id: number;
  kind: 'leader' | 'ministry';
  name: string;
  regionCode: string | null;
  unit: { id: number; name: string } | null;
}

/** The ministries' boards, or the leader boards of exactly one region. */
export type BoardFilter = { kind: 'ministry' } | { region: string };

export function fetchBoards(filter: BoardFilter): Promise<BoardOption[]> {
  return api.get<{ items: BoardOption[] }>('/boards', filter).then((page) => page.items);
}

export function useBoardOptions(filter: BoardFilter | null) {
  return useQuery({
    queryKey: ['boards', 'campaign-form', filter],
    queryFn: () => fetchBoards(filter!),
    enabled: filter !== null,
    staleTime: 10 * 60_000,
  });
}
