import type { MessageType } from '../../../../shared/messages';
import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';

/** The part of a `MessageDetail` the screening queue shows (docs/api.md, GET /screening). */
export interface ScreeningItem {
  id: number;
  number: string;
  title: string;
  type: MessageType;
  fieldCode: string;
  board: { id: number; name: string };
  region: { code: string; name: string } | null;
  createdAt: string;
  body: string;
  isPublic: boolean;
  author: { nickname: string };
  photos: { id: string; url: string; thumbUrl: string }[];
  privateNote?: string | null;
  flags?: string[];
}

/** Submitted messages of the boards in the coordinator's scope, oldest first. */
export function fetchScreening(query: { cursor?: string; limit?: number }): Promise<Page<ScreeningItem>> {
  return api.get<Page<ScreeningItem>>('/screening', { ...query });
}

export const screeningQueryKey = ['screening'] as const;

export function useScreening() {
  return useCursorList(screeningQueryKey, (cursor) => fetchScreening({ cursor, limit: 20 }));
}
