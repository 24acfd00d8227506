import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

/** 督办: the message joins the supervision list and a 督办函 is issued. */
export function superviseMessage({ id, requirements }: { id: number; requirements: string }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/messages/${id}/supervision`, { requirements });
}

export const useSuperviseMessage = () => useHandlingMutation(superviseMessage);
