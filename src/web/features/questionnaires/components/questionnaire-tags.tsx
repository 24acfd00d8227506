import { Tag } from 'antd';
import type { QuestionnaireSummary } from '../../../../shared/campaigns';
import { useT } from '../../../lib/i18n';

// The message status colours (styles.css .status-tag-*): checked for contrast; the words carry the meaning.
const PHASE_TONE = { open: 'done', upcoming: 'waiting', ended: 'ended' } as const;

/** 草稿, or by the clock 未开始 / 进行中 / 已结束. */
export function QuestionnairePhaseTag({ questionnaire: q }: { questionnaire: Pick<QuestionnaireSummary, 'status' | 'phase'> }) {
  const t = useT();
  if (q.status === 'draft') return <Tag className="status-tag status-tag-pending">{t('questionnaires.status.draft')}</Tag>;
  return (
    <Tag className={`status-tag status-tag-${PHASE_TONE[q.phase]}`} data-testid="questionnaire-phase">
      {t(`questionnaires.phase.${q.phase}`)}
    </Tag>
  );
}
