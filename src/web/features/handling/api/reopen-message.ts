import type { HandlingClass } from '../../../../shared/handling';
import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

export interface ReopenInput {
  reason: string;
  /** Default: the unit that gave the last final reply. */
  leadUnitId?: number;
  coUnitIds?: number[];
  /** Default: the message's class. */
  handlingClass?: HandlingClass;
}

/** 重办 after 不满意: a new round with fresh deadlines. */
export function reopenMessage({ id, input }: { id: number; input: ReopenInput }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/messages/${id}/reopen`, input);
}

export const useReopenMessage = () => useHandlingMutation(reopenMessage);
