import type { HandlingClass } from '../../../../shared/handling';
import { api } from '../../../lib/api-client';
import type { DeadlinePolicy } from './get-policies';
import { useHandlingMutation } from './use-handling-mutation';

export interface PolicyDays {
  signDays: number;
  contactDays: number;
  replyDays: number;
  maxExtensionDays: number;
}

/** Sets (or adds) a region's deadlines for one handling class. */
export function savePolicy({ regionCode, handlingClass, days }: { regionCode: string; handlingClass: HandlingClass; days: PolicyDays }): Promise<DeadlinePolicy> {
  return api.put<DeadlinePolicy>(`/deadline-policies/${encodeURIComponent(regionCode)}/${handlingClass}`, days);
}

export const useSavePolicy = () => useHandlingMutation(savePolicy);
