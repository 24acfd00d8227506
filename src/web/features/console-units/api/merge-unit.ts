import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Unit } from '../../../lib/api/get-units';
import { api } from '../../../lib/api-client';

export interface MergeUnitInput {
  intoUnitId: number;
  note?: string;
  /** Check and count only; nothing changes. */
  dryRun?: boolean;
}

export interface MergeUnitResult {
  unit: Unit;
  into: Unit;
  moved: { openAssignments: number; messages: number; accounts: number; boards: number; children: number };
  dryRun: boolean;
}

/**
 * 机构改革 (docs/api.md): 404 not_found (intoUnitId), 422 unit_merge_self / unit_retired / unit_cycle /
 * region_outside_parent (intoUnitId), 409 unit_merge_conflict / unit_name_taken (intoUnitId; `errors[]` says which).
 */
export function mergeUnit(id: number, input: MergeUnitInput): Promise<MergeUnitResult> {
  return api.post<MergeUnitResult>(`/units/${id}/merge`, input);
}

/** The preview (dryRun) changes nothing, so it refreshes nothing. */
export function useMergeUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: MergeUnitInput }) => mergeUnit(id, input),
    onSuccess: (result) => {
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: ['units'] });
    },
  });
}
