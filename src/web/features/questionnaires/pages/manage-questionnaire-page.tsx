import { EditOutlined, EyeOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Skeleton, Space, Switch } from 'antd';
import { PublishButton } from '../../../components/publish-button';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { QuestionnaireDetail } from '../../../../shared/campaigns';
import { ButtonLink } from '../../../components/button-link';
import { DateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { QueryError, RecordFallback } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCampaignTitle } from '../api/get-campaign-title';
import { useQuestionnaire } from '../api/get-questionnaire';
import { responsesXlsxUrl, useResults } from '../api/get-results';
import { usePublishQuestionnaire } from '../api/save-questionnaire';
import { QuestionResultView } from '../components/question-result';
import { QuestionnairePhaseTag } from '../components/questionnaire-tags';
import '../components/questionnaires.css';

/** /console/questionnaires/:id — a questionnaire for its organiser: publish, edit, live results with the cross-tab by region, export. */
export function ManageQuestionnairePage() {
  const t = useT();
  const { id = '' } = useParams();
  const questionnaire = useQuestionnaire(id);
  useDocumentTitle(questionnaire.data?.title ?? t('questionnaires.console.title'));
  if (!questionnaire.isSuccess) return <RecordFallback query={questionnaire} />;
  return <Manage q={questionnaire.data} />;
}

function Manage({ q }: { q: QuestionnaireDetail }) {
  const t = useT();
  const publish = usePublishQuestionnaire();
  const campaignTitle = useCampaignTitle(q.campaignId);
  const [error, setError] = useState<unknown>(null);

  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'list', title: <Link to="/console/questionnaires">{t('questionnaires.console.title')}</Link> },
          { key: 'this', title: <span aria-current="page">{q.title}</span> },
        ]}
      />
      <div className="console-page-head">
        <h1 className="page-title">{q.title}</h1>
        <Space wrap>
          <ButtonLink icon={<EditOutlined aria-hidden />} to={`/console/questionnaires/${q.id}/edit`} data-testid="edit-questionnaire">
            {t('questionnaires.edit')}
          </ButtonLink>
          <ButtonLink icon={<EyeOutlined aria-hidden />} to={`/questionnaires/${q.id}`}>
            {t('questionnaires.console.view')}
          </ButtonLink>
          <Button icon={<FileExcelOutlined aria-hidden />} href={responsesXlsxUrl(q.id)} download data-testid="responses-export">
            {t('questionnaires.console.export')}
          </Button>
          {q.status === 'draft' && (
            <PublishButton keys="questionnaires.console" publish={() => publish.mutateAsync(q.id)} pending={publish.isPending} onError={setError} testId="publish-questionnaire" />
          )}
        </Space>
      </div>
      {error !== null && (
        <div className="form-alert">
          <ErrorAlert error={error} />
        </div>
      )}
      <Card className="console-wide-card">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'status', label: t('questionnaires.col.status'), children: <span data-testid="questionnaire-status"><QuestionnairePhaseTag questionnaire={q} /></span> },
            { key: 'organiser', label: t('questionnaires.builder.organiser'), children: q.organiser.name },
            {
              key: 'window',
              label: t('questionnaires.builder.window'),
              children: (
                <>
                  <DateTime value={q.opensAt} /> – <DateTime value={q.closesAt} />
                </>
              ),
            },
            { key: 'audience', label: t('questionnaires.builder.audience'), children: t(`questionnaires.audience.${q.audience}`) },
            ...(q.campaignId ? [{ key: 'campaign', label: t('questionnaires.builder.campaign'), children: <Link to={`/console/campaigns/${q.campaignId}`}>{campaignTitle.data ?? t('questionnaires.campaign')}</Link> }] : []),
            { key: 'questions', label: t('questionnaires.col.questions'), children: q.questions.length },
          ]}
        />
      </Card>
      <Results q={q} />
    </>
  );
}

function Results({ q }: { q: QuestionnaireDetail }) {
  const t = useT();
  const { locale } = usePreferences();
  const [cross, setCross] = useState(false);
  const crossId = useId();
  const live = q.status === 'published' && q.phase === 'open';
  const results = useResults(String(q.id), cross ? 'region' : null, live);
  const count = new Intl.NumberFormat(locale);

  return (
    <section aria-labelledby="results-heading" className="questionnaire-results">
      <div className="section-head">
        <h2 id="results-heading" className="section-title">
          {t('questionnaires.results')}
          {results.data && (
            <span className="muted section-count" data-testid="response-total">
              {' '}
              {t('questionnaires.results.total', { count: count.format(results.data.totalResponses) })}
            </span>
          )}
        </h2>
        <Space>
          <label htmlFor={crossId}>{t('questionnaires.results.crossBy')}</label>
          <Switch id={crossId} checked={cross} onChange={setCross} data-testid="crossby-region" />
        </Space>
      </div>
      {live && <p className="muted">{t('questionnaires.results.live')}</p>}
      {results.isPending ? (
        <Skeleton active />
      ) : results.isError ? (
        <QueryError error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <div aria-busy={results.isPlaceholderData}>
          {cross && results.data.regions && results.data.regions.length > 0 && (
            <Card className="console-wide-card">
              <h3 className="question-result-title">{t('questionnaires.results.byRegion')}</h3>
              <ul className="region-responses">
                {results.data.regions.map((r) => (
                  <li key={r.region?.code ?? 'none'}>
                    {r.region?.name ?? t('questionnaires.results.noRegion')}：{count.format(r.responses)}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {results.data.questions.map((r) => (
            <Card key={r.questionId} className="console-wide-card">
              <QuestionResultView result={r} crossBy={cross} />
            </Card>
          ))}
          <p className="muted">
            {t('questionnaires.results.generatedAt')} <DateTime value={results.data.generatedAt} />
          </p>
        </div>
      )}
    </section>
  );
}
