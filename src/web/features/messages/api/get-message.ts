import { useQuery } from '@tanstack/react-query';
import type { Channel, RatingGrade, RejectReason } from '../../../../shared/messages';
import { api } from '../../../lib/api-client';
import type { MessageSummary } from './get-messages';

export interface Photo {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
}

export type TimelineKind =
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'withdrawn'
  | 'follow_up'
  | 'reply'
  | 'rated'
  | 'rating_changed'
  | 'closed'
  | 'flagged';

export interface TimelineEntry {
  id: number;
  /** More kinds come with the handling issue; unknown ones are shown generically. */
  kind: TimelineKind | (string & {});
  at: string;
  body: string | null;
  unit: { id: number; name: string } | null;
  final?: boolean;
  data: Record<string, unknown>;
}

export interface Rating {
  resolution: number;
  attitude: number;
  speed: number;
  grade: RatingGrade;
  comment: string | null;
  ratedAt: string;
  changedAt: string | null;
  canChange: boolean;
}

/** What the caller may do with this message; the web never re-derives these rules. */
export interface MessageAbilities {
  withdraw: boolean;
  followUp: boolean;
  rate: boolean;
  screen: boolean;
  reply: boolean;
}

export interface MessageDetail extends MessageSummary {
  body: string;
  isPublic: boolean;
  photosPublic: boolean;
  locationPublic: boolean;
  channel: Channel;
  author: { nickname: string };
  photos: Photo[];
  timeline: TimelineEntry[];
  rating: Rating | null;
  rejectReason?: RejectReason | null;
  /** Staff only. */
  privateNote?: string | null;
  /** Staff only, e.g. 'personal_data:mobile', 'sensitive_word'. */
  flags?: string[];
  abilities: MessageAbilities;
}

export const messageQueryKey = (id: string | number) => ['messages', 'detail', String(id)] as const;

export function fetchMessage(id: string): Promise<MessageDetail> {
  return api.get<MessageDetail>(`/messages/${encodeURIComponent(id)}`);
}

export function useMessage(id: string) {
  return useQuery({ queryKey: messageQueryKey(id), queryFn: () => fetchMessage(id) });
}
