import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BoardKind } from '../../../../shared/domain';
import { api } from '../../../lib/api-client';

export interface CreateBoardInput {
  kind: BoardKind;
  /** The position (副省长) or, for a ministry, its name. */
  title: string;
  regionCode?: string;
  unitId?: number;
  /** Defaults on the server to region + title (江西省副省长). */
  name?: string;
}

export interface CreatedBoard {
  id: number;
  kind: BoardKind;
  title: string;
  name: string;
  regionCode: string | null;
}

export function createBoard(input: CreateBoardInput): Promise<CreatedBoard> {
  return api.post<CreatedBoard>('/boards', input);
}

export function useCreateBoard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBoard,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['boards'] }),
  });
}
