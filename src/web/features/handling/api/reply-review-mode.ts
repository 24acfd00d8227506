import { useQuery } from '@tanstack/react-query';
import type { ReplyReviewMode } from '../../../../shared/handling';
import { api } from '../../../lib/api-client';
import { handlingQueryKey, useHandlingMutation } from './use-handling-mutation';

export interface UnitReviewMode {
  unitId: number;
  unitName: string;
  mode: ReplyReviewMode;
}

const reviewModeKey = (unitId: number | undefined) => [...handlingQueryKey, 'reply-review', unitId ?? null] as const;

export function fetchReviewMode(unitId: number): Promise<UnitReviewMode> {
  return api.get<UnitReviewMode>(`/units/${unitId}/reply-review`);
}

/** Whether a unit's replies need approval before publication, and by whom. */
export function useReviewMode(unitId: number | undefined) {
  return useQuery({ queryKey: reviewModeKey(unitId), queryFn: () => fetchReviewMode(unitId ?? 0), enabled: unitId !== undefined });
}

export function setReviewMode({ unitId, mode }: { unitId: number; mode: ReplyReviewMode }): Promise<UnitReviewMode> {
  return api.put<UnitReviewMode>(`/units/${unitId}/reply-review`, { mode });
}

export const useSetReviewMode = () => useHandlingMutation(setReviewMode);
