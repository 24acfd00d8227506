import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

/** 说明办结: close a badly rated message, explaining why to the citizen (public). */
export function closeMessage({ id, explanation }: { id: number; explanation: string }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/messages/${id}/close`, { explanation });
}

export const useCloseMessage = () => useHandlingMutation(closeMessage);
