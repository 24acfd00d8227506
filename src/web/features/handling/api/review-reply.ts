import { api } from '../../../lib/api-client';
import type { ReplyRecord } from './get-reviews';
import { useHandlingMutation } from './use-handling-mutation';

/** 审核回复: approve (publish) or send back for changes. */
export function reviewReply({ replyId, approve, note }: { replyId: number; approve: boolean; note?: string }): Promise<ReplyRecord> {
  return api.post<ReplyRecord>(`/replies/${replyId}/review`, { approve, note });
}

export const useReviewReply = () => useHandlingMutation(reviewReply);
