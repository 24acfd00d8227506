import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { meQueryKey } from '../../../lib/api/get-me';
import { notificationsQueryKey } from './get-notifications';
import { unreadCountQueryKey } from './get-unread-count';

const MAX_RETRY_MS = 60_000;

/**
 * Keeps the unread count live over server-sent events
 * (GET /api/v1/notifications/stream): each `unread` event sets the count and,
 * when it changed, refreshes the open notification lists. The browser
 * reconnects by itself after a dropped connection; when it gives up (an
 * answer that is not a stream, e.g. 401 after a logout elsewhere) this hook
 * tries again with a growing pause and asks who is logged in.
 */
export function useUnreadStream(accountId: number | null): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (accountId === null || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const connect = () => {
      source = new EventSource('/api/v1/notifications/stream', { withCredentials: true });
      source.addEventListener('unread', (event) => {
        failures = 0;
        const { count } = JSON.parse((event as MessageEvent<string>).data) as { count: number };
        const before = queryClient.getQueryData<{ count: number }>(unreadCountQueryKey);
        queryClient.setQueryData(unreadCountQueryKey, { count });
        if (before?.count !== count) void queryClient.invalidateQueries({ queryKey: [...notificationsQueryKey, 'list'] });
      });
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        source.close();
        void queryClient.invalidateQueries({ queryKey: meQueryKey });
        const delay = Math.min(MAX_RETRY_MS, 2_000 * 2 ** failures++);
        timer = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [accountId, queryClient]);
}
