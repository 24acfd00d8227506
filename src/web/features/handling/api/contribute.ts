import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

/** 协办意见: a co-handler's part, for the lead unit; it ends the co-handler's assignment. */
export function contribute({ assignmentId, body }: { assignmentId: number; body: string }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/assignments/${assignmentId}/contributions`, { body });
}

export const useContribute = () => useHandlingMutation(contribute);
