import { GiftOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { CampaignPhase, CampaignStatus, EntryKind } from '../../../../shared/campaigns';
import { useT } from '../../../lib/i18n';

// The message status colours (styles.css .status-tag-*): checked for contrast, and the words carry the meaning.
const PHASE_TONE: Record<CampaignPhase, string> = { open: 'done', upcoming: 'waiting', ended: 'ended' };

/** 征集中 / 未开始 / 已结束 (by the clock); a published result says 已公布结果. */
export function PhaseTag({ phase, status }: { phase: CampaignPhase; status?: CampaignStatus }) {
  const t = useT();
  if (status === 'results_published') return <Tag className="status-tag status-tag-handling" data-testid="campaign-phase">{t('campaigns.phase.results')}</Tag>;
  return (
    <Tag className={`status-tag status-tag-${PHASE_TONE[phase]}`} data-testid="campaign-phase">
      {t(`campaigns.phase.${phase}`)}
    </Tag>
  );
}

/** 有奖 */
export function PrizeTag() {
  const t = useT();
  return (
    <Tag className="status-tag status-tag-bad" icon={<GiftOutlined aria-hidden />}>
      {t('campaigns.prizes')}
    </Tag>
  );
}

/** The organiser's step: 草稿 / 已发布 / 已公布结果. */
export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const t = useT();
  const tone = status === 'draft' ? 'pending' : status === 'published' ? 'done' : 'handling';
  return <Tag className={`status-tag status-tag-${tone}`}>{t(`campaigns.status.${status}`)}</Tag>;
}

/** 建议 / 问题线索 */
export function EntryKindTag({ kind }: { kind: EntryKind }) {
  const t = useT();
  return <Tag className={`status-tag status-tag-${kind === 'suggestion' ? 'handling' : 'pending'}`}>{t(`campaigns.kind.${kind}`)}</Tag>;
}
