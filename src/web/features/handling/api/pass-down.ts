import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

export interface PassDownInput {
  leadUnitId: number;
  coUnitIds?: number[];
  instructions?: string;
}

/** 链式交办: a signed lead unit passes the work to units below it. */
export function passDown({ assignmentId, input }: { assignmentId: number; input: PassDownInput }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/assignments/${assignmentId}/pass-down`, input);
}

export const usePassDown = () => useHandlingMutation(passDown);
