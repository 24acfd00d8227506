import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The part of a board the write form needs (docs/api.md, `Board`). */
export interface BoardInfo {
  id: number;
  kind: 'leader' | 'ministry';
  name: string;
  regionCode: string | null;
  regionName: string | null;
  status: 'open' | 'retired';
}

export function fetchBoard(id: string): Promise<BoardInfo> {
  return api.get<BoardInfo>(`/boards/${encodeURIComponent(id)}`);
}

// Same key as the boards feature: one request for both.
export function useBoard(id: string) {
  return useQuery({ queryKey: ['board', id], queryFn: () => fetchBoard(id) });
}
