import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';
import { handlingQueryKey } from './use-handling-mutation';

/** A reply as its writer and reviewer see it (handling.schemas.ts, `ReplyRecord`). */
export interface ReplyRecord {
  id: number;
  messageId: number;
  messageNumber: string;
  messageTitle: string;
  round: number;
  kind: 'interim' | 'final';
  final: boolean;
  body: string;
  status: 'pending_review' | 'published' | 'rejected';
  reviewBy: 'unit_admin' | 'coordinator' | null;
  reviewNote: string | null;
  unit: { id: number; name: string };
  submittedAt: string;
  publishedAt: string | null;
}

export function fetchReviews(query: { cursor?: string; limit?: number }): Promise<Page<ReplyRecord>> {
  return api.get<Page<ReplyRecord>>('/reviews', { ...query });
}

/** Replies waiting for the caller's review, newest first. */
export function useReviews() {
  return useCursorList([...handlingQueryKey, 'reviews'], (cursor) => fetchReviews({ cursor, limit: 20 }));
}
