import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

/** 内部备注: staff only, never public. */
export function addNote({ id, body }: { id: number; body: string }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/messages/${id}/notes`, { body });
}

export const useAddNote = () => useHandlingMutation(addNote);
