import { FormOutlined } from '@ant-design/icons';
import { Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { DateTime } from '../../../components/date-time';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useCampaignQuestionnaires, type QuestionnaireSummary } from '../api/get-questionnaires';
import { QuestionnairePhaseTag } from './questionnaire-tags';
import './questionnaires.css';

/** Questionnaires as links to take them, each with its phase, size, responses and closing time. */
export function QuestionnaireLinks({ items, testId, label }: { items: QuestionnaireSummary[]; testId?: string; label?: string }) {
  const t = useT();
  return (
    <ul className="questionnaire-links" data-testid={testId} aria-label={label}>
      {items.map((q) => (
        <li key={q.id} className="questionnaire-link">
          <FormOutlined aria-hidden className="questionnaire-link-icon" />
          <div>
            <h3 className="questionnaire-link-title">
              <Link to={`/questionnaires/${q.id}`}>{q.title}</Link>
            </h3>
            <p className="muted">
              <QuestionnairePhaseTag questionnaire={q} /> {q.organiser.name} · {t('questionnaires.questionCount', { count: q.questionCount })} ·{' '}
              {t('questionnaires.responseCount', { count: q.responseCount })} · {t('questionnaires.closesAt')} <DateTime value={q.closesAt} />
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The published questionnaires of a campaign, on its public page: each with its window and a link to take it. */
export function CampaignQuestionnaires({ campaignId }: { campaignId: number }) {
  const list = useCampaignQuestionnaires(campaignId, 'public');
  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.length === 0) return null;
  return <QuestionnaireLinks items={list.data} testId="campaign-questionnaires" />;
}
