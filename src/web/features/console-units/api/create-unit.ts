import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UnitKind } from '../../../../shared/domain';
import type { Unit } from '../../../lib/api/get-units';
import { api } from '../../../lib/api-client';

export interface CreateUnitInput {
  name: string;
  kind: UnitKind;
  regionCode: string;
  parentId?: number;
}

export function createUnit(input: CreateUnitInput): Promise<Unit> {
  return api.post<Unit>('/units', input);
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUnit,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['units'] }),
  });
}
