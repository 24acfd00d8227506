import type { HandlingClass } from '../../../../shared/handling';
import { api } from '../../../lib/api-client';
import { useHandlingMutation } from './use-handling-mutation';

/** Removes a region's own deadlines: the parent region's apply again. The national default cannot go. */
export function deletePolicy({ regionCode, handlingClass }: { regionCode: string; handlingClass: HandlingClass }): Promise<void> {
  return api.delete<void>(`/deadline-policies/${encodeURIComponent(regionCode)}/${handlingClass}`);
}

export const useDeletePolicy = () => useHandlingMutation(deletePolicy);
