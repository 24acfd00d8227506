import { api } from '../../../lib/api-client';
import type { ReplyRecord } from './get-reviews';
import { useHandlingMutation } from './use-handling-mutation';

/** 回复 by the signed lead unit: published at once, or held for review (status pending_review). */
export function submitReply({ messageId, body, final }: { messageId: number; body: string; final: boolean }): Promise<ReplyRecord> {
  return api.post<ReplyRecord>(`/messages/${messageId}/replies`, { body, final });
}

export const useSubmitReply = () => useHandlingMutation(submitReply);
