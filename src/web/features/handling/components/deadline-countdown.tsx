import { CheckOutlined, ClockCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { DeadlineKind } from '../../../../shared/handling';
import { DateTime } from '../../../components/date-time';
import { useT } from '../../../lib/i18n';
import { formatDuration } from '../../../lib/use-now';
import type { Deadline } from '../api/get-staff-message';

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
            {deadline.provisional && (
              <Tooltip title={t('deadline.provisionalHint')}>
                <Tag className="deadline-provisional" data-testid="deadline-provisional" tabIndex={0}>
                  {t('deadline.provisional')}
                </Tag>
              </Tooltip>
            )}
          </>
        )}
      </span>
      )}
    </div>
  );
}
