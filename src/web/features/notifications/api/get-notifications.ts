import type { Locale } from '../../../../shared/domain';
import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';

export type LocalizedText = Record<Locale, string>;

/** One in-app notification (docs/api.md, "Notifications"). */
export interface Notification {
  id: number;
  kind: string;
  messageId: number | null;
  title: LocalizedText;
  body: LocalizedText | null;
  /** A path of this web app. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** Every notification query starts with this: an update of the live count invalidates them all. */
export const notificationsQueryKey = ['notifications'] as const;

export function fetchNotifications(query: { cursor?: string; limit?: number; unread?: boolean }): Promise<Page<Notification>> {
  return api.get<Page<Notification>>('/notifications', { cursor: query.cursor, limit: query.limit, unread: query.unread ? 'true' : undefined });
}

export function useNotifications(unreadOnly: boolean) {
  return useCursorList([...notificationsQueryKey, 'list', { unreadOnly }], (cursor) => fetchNotifications({ cursor, limit: 20, unread: unreadOnly }));
}
