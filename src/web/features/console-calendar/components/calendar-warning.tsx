import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { can, useMe } from '../../../lib/api/get-me';
import { useT } from '../../../lib/i18n';
import { useCalendarStatus } from '../api/get-calendar-status';

/**
 * The console's banner for platform admins while a year's holidays are missing (from 1 November
 * for the next year): deadlines in it count weekends only until someone enters the notice.
 */
export function CalendarWarning() {
  const t = useT();
  const me = useMe();
  const admin = can(me.data, 'calendar.manage');
  const status = useCalendarStatus(admin);
  const warning = status.data?.warning;
  if (!admin || !warning) return null;
  return (
    <Alert
      className="calendar-warning"
      type="warning"
      showIcon
      role="alert"
      data-testid="calendar-warning"
      title={t('calendar.warning', { year: warning.year })}
      action={<Link to={`/console/calendar?year=${warning.year}`}>{t('calendar.warningAction')}</Link>}
    />
  );
}
