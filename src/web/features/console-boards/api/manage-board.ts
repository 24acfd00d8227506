import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BoardKind } from '../../../../shared/domain';
import { api } from '../../../lib/api-client';

/** A board as the console sees it (docs/api.md, `Board`). */
export interface ConsoleBoard {
  id: number;
  kind: BoardKind;
  title: string;
  name: string;
  regionCode: string | null;
  regionName: string | null;
  unit: { id: number; name: string } | null;
  status: 'open' | 'retired';
  retiredAt: string | null;
}

export type BoardScope = { region: string } | { kind: 'ministry' };
export type BoardStatusFilter = 'all' | 'open' | 'retired';

/** The boards of one region (or the ministries), retired ones included unless filtered. */
export function fetchConsoleBoards(scope: BoardScope, status: BoardStatusFilter): Promise<ConsoleBoard[]> {
  return api.get<{ items: ConsoleBoard[] }>('/boards', { ...scope, status }).then((page) => page.items);
}

export function useConsoleBoards(scope: BoardScope | null, status: BoardStatusFilter) {
  return useQuery({
    queryKey: ['boards', 'console', scope, status],
    queryFn: () => fetchConsoleBoards(scope!, status),
    enabled: scope !== null,
    placeholderData: keepPreviousData,
  });
}

export interface UpdateBoardInput {
  title?: string;
  name?: string;
  unitId?: number | null;
}

/** 409 board_taken (title); 422 unit_not_found / unit_retired (unitId). */
export function updateBoard(id: number, input: UpdateBoardInput): Promise<ConsoleBoard> {
  return api.patch<ConsoleBoard>(`/boards/${id}`, input);
}

export function retireBoard(id: number): Promise<ConsoleBoard> {
  return api.post<ConsoleBoard>(`/boards/${id}/retire`);
}

/** 422 unit_retired (unitId) while the board's unit is retired. */
export function reopenBoard(id: number): Promise<ConsoleBoard> {
  return api.post<ConsoleBoard>(`/boards/${id}/reopen`);
}

function useBoardsMutation<A>(fn: (args: A) => Promise<ConsoleBoard>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['boards'] });
      void queryClient.invalidateQueries({ queryKey: ['board'] });
    },
  });
}

export const useUpdateBoard = () => useBoardsMutation(({ id, input }: { id: number; input: UpdateBoardInput }) => updateBoard(id, input));
export const useRetireBoard = () => useBoardsMutation((id: number) => retireBoard(id));
export const useReopenBoard = () => useBoardsMutation((id: number) => reopenBoard(id));
