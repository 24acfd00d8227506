import { CheckOutlined, ClockCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { DeadlineKind } from '../../../../shared/handling';
import { DateTime } from '../../../components/date-time';
import { useT, type Translate } from '../../../lib/i18n';
import type { Deadline } from '../api/get-staff-message';

/** The current time, renewed every `everyMs` so countdowns move while the page is open. */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "2天3小时", "5小时", "12分钟": calendar time, whatever the working days (the server placed the due time on them). */
export function formatDuration(t: Translate, ms: number): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? t('duration.daysHours', { d: days, h: hours }) : t('duration.days', { d: days });
  if (hours > 0) return t('duration.hours', { h: hours });
  return t('duration.minutes', { m: minutes });
}

interface Props {
  kind: DeadlineKind;
  deadline: Deadline;
  /** A co-handler has no contact deadline of its own. */
  notApplicable?: boolean;
  now: Date;
}

/**
 * One deadline: its name, where it stands in words and colour (colour is never
 * the only signal: 即将超期 / 已超期 are written out), and the due time.
 */
export function DeadlineCountdown({ kind, deadline, notApplicable = false, now }: Props) {
  const t = useT();
  const label = t(`deadline.${kind}`);
  const remaining = new Date(deadline.due).getTime() - now.getTime();
  let tone: string;
  let icon;
  let text: string;
  switch (deadline.state) {
    case 'ok':
      tone = 'ok';
      icon = <ClockCircleOutlined aria-hidden />;
      text = t('deadline.remaining', { duration: formatDuration(t, remaining) });
      break;
    case 'amber':
      tone = 'amber';
      icon = <WarningOutlined aria-hidden />;
      text = t('deadline.dueSoon', { duration: formatDuration(t, remaining) });
      break;
    case 'red':
      tone = 'red';
      icon = <ExclamationCircleOutlined aria-hidden />;
      text = t('deadline.overdue', { duration: formatDuration(t, remaining) });
      break;
    default:
      tone = 'met';
      icon = deadline.doneAt ? <CheckOutlined aria-hidden /> : null;
      text = deadline.doneAt ? t(`deadline.done.${kind}`) : notApplicable ? t('deadline.notApplicable') : t('deadline.stopped');
  }
  return (
    <div className={`deadline deadline-${tone}`} data-testid={`deadline-${kind}`} data-state={deadline.state}>
      <span className="deadline-label">{label}</span>
      <span className="deadline-status">
        {icon} {text}
        {deadline.state === 'met' && deadline.late && <Tag className="status-tag status-tag-bad deadline-late">{t('deadline.late')}</Tag>}
      </span>
      {!(deadline.state === 'met' && !deadline.doneAt && notApplicable) && (
      <span className="deadline-due muted">
        {deadline.state === 'met' && deadline.doneAt ? (
          <>
            {t('deadline.doneAt')} <DateTime value={deadline.doneAt} />
          </>
        ) : (
          <>
            {t('deadline.due')} <DateTime value={deadline.due} />
          </>
        )}
      </span>
      )}
    </div>
  );
}
