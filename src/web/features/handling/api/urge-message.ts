import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

/** 催办: every unit with open work on the round hears it. */
export function urgeMessage({ id, body }: { id: number; body?: string }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/messages/${id}/urges`, { body });
}

export const useUrgeMessage = () => useHandlingMutation(urgeMessage);
