import type { ContactMethod } from '../../../../shared/handling';
import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

/** 联系网民: how and what was said (internal). */
export function recordContact({ assignmentId, method, summary }: { assignmentId: number; method: ContactMethod; summary: string }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/assignments/${assignmentId}/contacts`, { method, summary });
}

export const useRecordContact = () => useHandlingMutation(recordContact);
