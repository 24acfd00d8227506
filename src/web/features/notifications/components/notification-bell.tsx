import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { ButtonLink } from '../../../components/button-link';
import { useMe } from '../../../lib/api/get-me';
import { useT } from '../../../lib/i18n';
import { useUnreadCount } from '../api/get-unread-count';
import { useUnreadStream } from '../api/use-unread-stream';

/** The bell with the live unread count, for a logged-in account; nothing for visitors. */
export function NotificationBell() {
  const t = useT();
  const me = useMe();
  const accountId = me.data?.id ?? null;
  useUnreadStream(accountId);
  const unread = useUnreadCount(accountId !== null);
  if (accountId === null) return null;
  const to = me.data?.kind === 'citizen' ? '/me/notifications' : '/console/notifications';
  const count = unread.data?.count ?? 0;
  return (
    <Badge count={count} overflowCount={99} size="small" offset={[-6, 6]}>
      <ButtonLink
        to={to}
        type="text"
        shape="circle"
        className="notification-bell"
        icon={<BellOutlined aria-hidden />}
        aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
        data-testid="notification-bell"
      />
    </Badge>
  );
}
