import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Clearance } from '../../../../shared/oversight';
import { api } from '../../../lib/api-client';

export type { Clearance };

export const oversightQueryKey = ['oversight'] as const;

export interface ClearanceQuery {
  regionCode?: string;
  from?: string;
  to?: string;
}

/** GET /oversight/clearance: what is still open and unanswered, by unit and age, and the drive's progress. */
export function fetchClearance(q: ClearanceQuery): Promise<Clearance> {
  return api.get<Clearance>('/oversight/clearance', { ...q });
}

export function useClearance(q: ClearanceQuery) {
  return useQuery({ queryKey: [...oversightQueryKey, 'clearance', q], queryFn: () => fetchClearance(q), placeholderData: keepPreviousData });
}
