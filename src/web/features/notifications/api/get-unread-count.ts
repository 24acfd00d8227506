import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { notificationsQueryKey } from './get-notifications';

export const unreadCountQueryKey = [...notificationsQueryKey, 'unread-count'] as const;

export function fetchUnreadCount(): Promise<{ count: number }> {
  return api.get<{ count: number }>('/notifications/unread-count');
}

/** The badge's number; the live stream (useUnreadStream) keeps it current. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({ queryKey: unreadCountQueryKey, queryFn: fetchUnreadCount, enabled });
}
