import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

/** 批示: a leader's instruction to every unit on the chain. */
export function instructMessage({ id, body }: { id: number; body: string }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/messages/${id}/instructions`, { body });
}

export const useInstructMessage = () => useHandlingMutation(instructMessage);
