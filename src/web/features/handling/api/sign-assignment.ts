import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

/** 签收. */
export function signAssignment(assignmentId: number): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/assignments/${assignmentId}/sign`);
}

export const useSignAssignment = () => useHandlingMutation(signAssignment);
