import type { RatingGrade } from '../../../../shared/messages';
import { api } from '../../../lib/api-client';
import type { StaffMessage } from './get-staff-message';
import { useHandlingMutation } from './use-handling-mutation';

export const CALLBACK_METHODS = ['phone', 'visit', 'sms', 'other'] as const;
export type CallbackMethod = (typeof CALLBACK_METHODS)[number];

export interface CallbackInput {
  /** YYYY-MM-DD */
  visitedOn: string;
  method: CallbackMethod;
  outcome: string;
  satisfaction: RatingGrade;
}

/** 回访: a record of a callback visit (internal). */
export function recordCallback({ id, input }: { id: number; input: CallbackInput }): Promise<StaffMessage> {
  return api.post<StaffMessage>(`/messages/${id}/callbacks`, input);
}

export const useRecordCallback = () => useHandlingMutation(recordCallback);
