import { Tag } from 'antd';
import type { AssignmentRole, AssignmentStatus, HandlingClass } from '../../../../shared/handling';
import { useT } from '../../../lib/i18n';

/** 特别办 / 及时办 / 协调办 / 高位办. */
export function HandlingClassTag({ value }: { value: HandlingClass }) {
  const t = useT();
  return (
    <Tag className={`status-tag class-tag class-tag-${value}`} data-testid="handling-class">
      {t(`handlingClass.${value}`)}
    </Tag>
  );
}

/** 主办 / 协办. */
export function RoleTag({ role }: { role: AssignmentRole }) {
  const t = useT();
  return <Tag className={`status-tag ${role === 'lead' ? 'status-tag-handling' : 'status-tag-ended'}`}>{t(`assignmentRole.${role}`)}</Tag>;
}

const STATUS_TONE: Record<AssignmentStatus, string> = {
  pending: 'pending',
  signed: 'handling',
  passed_down: 'handling',
  returned: 'bad',
  done: 'done',
  cancelled: 'ended',
};

/** 待签收, 办理中, 已转交下级 … */
export function AssignmentStatusTag({ status }: { status: AssignmentStatus }) {
  const t = useT();
  return (
    <Tag className={`status-tag status-tag-${STATUS_TONE[status]}`} data-testid="assignment-status">
      {t(`assignmentStatus.${status}`)}
    </Tag>
  );
}

/** 督办 / 领导关注 markers of a message. */
export function SupervisedTag() {
  const t = useT();
  return <Tag className="status-tag status-tag-bad">{t('handling.supervisedTag')}</Tag>;
}

export function LeaderAttentionTag() {
  const t = useT();
  return <Tag className="status-tag status-tag-waiting">{t('handling.leaderAttentionTag')}</Tag>;
}

/** 待审批 / 已批准 / 未批准. */
export function ExtensionStatusTag({ status }: { status: string }) {
  const t = useT();
  const tone = status === 'approved' ? 'done' : status === 'refused' ? 'bad' : 'pending';
  const key = status === 'approved' ? 'extensionStatus.approved' : status === 'refused' ? 'extensionStatus.refused' : 'extensionStatus.pending';
  return <Tag className={`status-tag status-tag-${tone}`}>{t(key)}</Tag>;
}
