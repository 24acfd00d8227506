import { Button, Empty, Segmented, Skeleton } from 'antd';
import { useState, type MouseEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { DateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useNotifications, type Notification } from '../api/get-notifications';
import { useUnreadCount } from '../api/get-unread-count';
import { useMarkAllNotificationsRead } from '../api/mark-all-read';
import { useMarkNotificationRead } from '../api/mark-read';

/** /me/notifications (citizens) and /console/notifications (staff): the own notifications, newest first. */
export function NotificationsPage() {
  const t = useT();
  const { locale } = usePreferences();
  const navigate = useNavigate();
  useDocumentTitle(t('notifications.title'));
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const unread = useUnreadCount(true);
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unreadCount = unread.data?.count ?? 0;

  // Opening a notification reads it; a new tab (Ctrl/⌘-click, middle click) is left to the browser.
  const open = (n: Notification, event: MouseEvent<HTMLAnchorElement>) => {
    if (n.readAt === null) markRead.mutate(n.id);
    if (!n.link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(n.link);
  };

  return (
    <>
      <h1 className="page-title">{t('notifications.title')}</h1>
      <div className="notifications-toolbar">
        <Segmented<'all' | 'unread'>
          aria-label={t('notifications.filter')}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => setUnreadOnly(value === 'unread')}
          options={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: t('notifications.unreadCount', { count: unreadCount }) },
          ]}
        />
        <Button onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={unreadCount === 0} data-testid="notifications-read-all">
          {t('notifications.markAllRead')}
        </Button>
      </div>
      {(markRead.isError || markAll.isError) && <ErrorAlert error={markRead.error ?? markAll.error} />}
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(unreadOnly ? 'notifications.emptyUnread' : 'notifications.empty')} />
      ) : (
        <>
          <ul className="notification-list" data-testid="notifications">
            {items.map((n) => {
              const isUnread = n.readAt === null;
              const title = n.title[locale];
              return (
                <li key={n.id} className={isUnread ? 'notification-item notification-unread' : 'notification-item'}>
                  <span className={isUnread ? 'notification-dot' : 'notification-dot notification-dot-read'} aria-hidden />
                  <div className="notification-content">
                    <h2 className="notification-title">
                      {n.link ? (
                        <a href={n.link} onClick={(event) => open(n, event)} onAuxClick={(event) => open(n, event)}>
                          {title}
                        </a>
                      ) : (
                        title
                      )}
                      {isUnread && <span className="visually-hidden">{t('notifications.unreadMark')}</span>}
                    </h2>
                    {n.body && <p className="notification-body">{n.body[locale]}</p>}
                    <div className="notification-meta">
                      <DateTime value={n.createdAt} />
                      {isUnread && !n.link && (
                        <Button type="link" size="small" onClick={() => markRead.mutate(n.id)}>
                          {t('notifications.markRead')}
                        </Button>
                      )}
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
          <LoadMore list={list} endNote />
        </>
      )}
    </>
  );
}
