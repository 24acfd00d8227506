import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Unit } from '../../../lib/api/get-units';
import { api } from '../../../lib/api-client';

export interface UpdateUnitInput {
  name?: string;
  shortName?: string | null;
  contact?: string | null;
  regionCode?: string;
  replyReview?: Unit['replyReview'];
  /** Another parent: the unit moves with its whole subtree. */
  parentId?: number | null;
}

/** 422 unit_cycle / unit_not_found / unit_retired (parentId), region_outside_parent / region_excludes_children (regionCode); 409 unit_name_taken (name). */
export function updateUnit(id: number, input: UpdateUnitInput): Promise<Unit> {
  return api.patch<Unit>(`/units/${id}`, input);
}

/** 409 unit_has_open_work: `errors[]` says, in the UI language, which work must move first. */
export function retireUnit(id: number): Promise<Unit> {
  return api.post<Unit>(`/units/${id}/retire`);
}

export function reactivateUnit(id: number): Promise<Unit> {
  return api.post<Unit>(`/units/${id}/reactivate`);
}

function useUnitsMutation<A>(fn: (args: A) => Promise<Unit>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['units'] }) });
}

export const useUpdateUnit = () => useUnitsMutation(({ id, input }: { id: number; input: UpdateUnitInput }) => updateUnit(id, input));
export const useRetireUnit = () => useUnitsMutation((id: number) => retireUnit(id));
export const useReactivateUnit = () => useUnitsMutation((id: number) => reactivateUnit(id));
