import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

/** 退回: back to whoever assigned it, with the reason. */
export function returnAssignment({ assignmentId, reason }: { assignmentId: number; reason: string }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/assignments/${assignmentId}/return`, { reason });
}

export const useReturnAssignment = () => useHandlingMutation(returnAssignment);
