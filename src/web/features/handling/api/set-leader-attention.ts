import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

/** 呈领导阅示, or take the message off the leader's list. */
export function setLeaderAttention({ id, attention, note }: { id: number; attention: boolean; note?: string }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/messages/${id}/leader-attention`, { attention, note });
}

export const useSetLeaderAttention = () => useHandlingMutation(setLeaderAttention);
