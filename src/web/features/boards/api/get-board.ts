import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Board } from './get-boards';

export function fetchBoard(id: string): Promise<Board> {
  return api.get<Board>(`/boards/${encodeURIComponent(id)}`);
}

export function useBoard(id: string) {
  return useQuery({ queryKey: ['board', id], queryFn: () => fetchBoard(id) });
}
