import type { HandlingClass } from '../../../../shared/handling';
import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

export interface AssignInput {
  leadUnitId: number;
  coUnitIds?: number[];
  handlingClass: HandlingClass;
  instructions?: string;
}

/** 交办: the coordinator gives an accepted message to a lead unit and co-handlers. */
export function assignMessage({ id, input }: { id: number; input: AssignInput }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/messages/${id}/assignments`, input);
}

export const useAssignMessage = () => useHandlingMutation(assignMessage);
