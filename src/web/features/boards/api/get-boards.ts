import { useQuery } from '@tanstack/react-query';
import type { BoardKind } from '../../../../shared/domain';
import { api } from '../../../lib/api-client';

export type BoardLevel = 'national' | 'province' | 'city' | 'county';

export interface Board {
  id: number;
  kind: BoardKind;
  title: string;
  name: string;
  regionCode: string | null;
  regionName: string | null;
  level: BoardLevel;
  unit: { id: number; name: string } | null;
  /** retired: closed for new messages; its page and messages stay public. */
  status: 'open' | 'retired';
  retiredAt: string | null;
}

/** Leader boards of exactly one region, or all ministries. */
export type BoardFilter = { region: string } | { kind: 'ministry' };

export async function fetchBoards(filter: BoardFilter): Promise<Board[]> {
  const page = await api.get<{ items: Board[] }>('/boards', filter);
  return page.items;
}

export function useBoards(filter: BoardFilter) {
  return useQuery({ queryKey: ['boards', filter], queryFn: () => fetchBoards(filter) });
}
