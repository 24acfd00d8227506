import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AgeBand, UrgeGroupResult } from '../../../../shared/oversight';
import { api } from '../../../lib/api-client';
import { oversightQueryKey } from './get-clearance';

export type { UrgeGroupResult };

export interface UrgeGroupInput {
  regionCode?: string;
  unitId?: number;
  unassigned?: boolean;
  ageBand?: AgeBand;
  body?: string;
}

/** POST /oversight/clearance/urge: 催办 every open message of a unit or an age band, one result per message. */
export function urgeGroup(input: UrgeGroupInput): Promise<UrgeGroupResult> {
  return api.post<UrgeGroupResult>('/oversight/clearance/urge', input);
}

export function useUrgeGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: urgeGroup,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: oversightQueryKey }),
  });
}
