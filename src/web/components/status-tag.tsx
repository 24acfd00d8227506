import { Tag } from 'antd';
import type { MessageStatus, PublicStatus } from '../../shared/messages';
import { useT } from '../lib/i18n';

/*
 * Own colours instead of antd's presets: their green and orange text on the light
 * background stays under 4.5:1 (WCAG 1.4.3). Styles: .status-tag in styles.css.
 */
const TONE: Record<MessageStatus, string> = {
  submitted: 'waiting',
  accepted: 'pending',
  rejected: 'ended',
  withdrawn: 'ended',
  assigned: 'pending',
  handling: 'handling',
  replied: 'done',
  dissatisfied: 'bad',
  closed: 'done',
};

/** The full status, for the author and staff: 待审核, 已受理, 不予受理 … */
export function StatusTag({ status }: { status: MessageStatus }) {
  const t = useT();
  return <Tag className={`status-tag status-tag-${TONE[status]}`}>{t(`messageStatus.${status}`)}</Tag>;
}

/** The public tab a message is on: 待回复, 办理中, 已办理. */
export function PublicStatusTag({ status }: { status: PublicStatus }) {
  const t = useT();
  const tone = status === 'pending' ? 'pending' : status === 'handling' ? 'handling' : 'done';
  return <Tag className={`status-tag status-tag-${tone}`}>{t(`publicStatus.${status}`)}</Tag>;
}
