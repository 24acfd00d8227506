import { Alert, Breadcrumb, Button, Card, Form, Result } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { QuestionnaireDetail } from '../../../../shared/campaigns';
import { ButtonLink } from '../../../components/button-link';
import { DateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { RecordFallback } from '../../../components/query-error';
import { RegionCascader } from '../../../components/region-cascader';
import { useMe } from '../../../lib/api/get-me';
import { isApiError } from '../../../lib/api-client';
import { formFieldName } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCampaignTitle } from '../api/get-campaign-title';
import { useQuestionnaire } from '../api/get-questionnaire';
import { useSubmitResponse } from '../api/submit-response';
import { useIdempotencyKey } from '../../../lib/idempotency';
import { QuestionnairePhaseTag } from '../components/questionnaire-tags';
import { fieldOf, QuestionField } from '../components/question-field';
import { answersToSend, visiblePositions } from '../lib/skip-logic';
import '../components/questionnaires.css';

/** /questionnaires/:id — take a questionnaire. */
export function QuestionnairePage() {
  const t = useT();
  const { id = '' } = useParams();
  const questionnaire = useQuestionnaire(id);
  const campaignTitle = useCampaignTitle(questionnaire.data?.campaignId ?? null);
  useDocumentTitle(questionnaire.data?.title ?? t('questionnaires.title'));
  if (!questionnaire.isSuccess) return <RecordFallback query={questionnaire} />;
  const q = questionnaire.data;
  return (
    <article className="questionnaire" data-testid="questionnaire">
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'campaigns', title: <Link to="/campaigns">{t('nav.campaigns')}</Link> },
          ...(q.campaignId ? [{ key: 'campaign', title: <Link to={`/campaigns/${q.campaignId}`}>{campaignTitle.data ?? t('questionnaires.campaign')}</Link> }] : []),
          { key: 'this', title: <span aria-current="page">{t('questionnaires.crumb')}</span> },
        ]}
      />
      <header className="questionnaire-head">
        <div className="questionnaire-tags">
          <QuestionnairePhaseTag questionnaire={q} />
        </div>
        <h1 className="page-title">{q.title}</h1>
        <p className="muted">
          {t('questionnaires.organiserIs', { name: q.organiser.name })} · <DateTime value={q.opensAt} /> – <DateTime value={q.closesAt} />
        </p>
        {q.description && <div className="questionnaire-description pre-wrap">{q.description}</div>}
        <p className="muted questionnaire-audience">{t(`questionnaires.audience.${q.audience}.public`)}</p>
      </header>
      <Card className="questionnaire-card">
        <Answering q={q} />
      </Card>
    </article>
  );
}

/** The form when the caller may answer; otherwise why not (answered already, not open, log in first, staff). */
function Answering({ q }: { q: QuestionnaireDetail }) {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const [submittedAt, setSubmittedAt] = useState<string | null>(null);
  if (submittedAt) return <Thanks q={q} />;
  if (q.abilities.respond) return <AnswerForm q={q} onSubmitted={setSubmittedAt} />;
  let why: ReactNode;
  if (q.respondedAt)
    why = (
      <Alert type="success" showIcon title={t('questionnaires.answered')} description={<>{t('questionnaires.answeredAt')} <DateTime value={q.respondedAt} /></>} data-testid="already-answered" />
    );
  else if (q.status !== 'published') why = <Alert type="info" showIcon title={t('questionnaires.draft')} />;
  else if (q.phase === 'upcoming') why = <Alert type="info" showIcon title={t('questionnaires.notYet')} />;
  else if (q.phase === 'ended') why = <Alert type="info" showIcon title={t('questionnaires.closed')} />;
  else if (!me.data)
    why = (
      <div className="questionnaire-login">
        <p>{t('questionnaires.loginFirst')}</p>
        <ButtonLink type="primary" to={`/login?next=${encodeURIComponent(location.pathname)}`}>
          {t('nav.login')}
        </ButtonLink>
      </div>
    );
  else why = <Alert type="info" showIcon title={t('questionnaires.citizensOnly')} />;
  return (
    <>
      {why}
      <QuestionPreview q={q} />
    </>
  );
}

/** The questions, read-only, for those who cannot answer (yet). */
function QuestionPreview({ q }: { q: QuestionnaireDetail }) {
  const t = useT();
  return (
    <details className="questionnaire-preview">
      <summary>{t('questionnaires.preview', { count: q.questions.length })}</summary>
      <ol>
        {q.questions.map((question) => (
          <li key={question.id}>
            {question.text}
            {question.required && <span className="muted"> （{t('questionnaires.required')}）</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}

function AnswerForm({ q, onSubmitted }: { q: QuestionnaireDetail; onSubmitted: (at: string) => void }) {
  const t = useT();
  const [form] = Form.useForm<Record<string, unknown>>();
  const submit = useSubmitResponse();
  const idempotency = useIdempotencyKey();
  const [error, setError] = useState<unknown>(null);
  const values = Form.useWatch((all: Record<string, unknown>) => all, form);
  const questions = useMemo(() => [...q.questions].sort((a, b) => a.position - b.position), [q.questions]);
  // Answers by question id, as the skip logic reads them.
  const answers = useMemo(() => {
    const out: Record<string, unknown> = {};
    for (const question of questions) out[String(question.id)] = values?.[fieldOf(question.id)];
    return out;
  }, [values, questions]);
  const visible = visiblePositions(questions, answers);
  const skipped = questions.length - visible.size;
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error !== null) alertRef.current?.scrollIntoView({ block: 'center' });
  }, [error]);

  const onFinish = () => {
    setError(null);
    const regionCode = form.getFieldValue('regionCode') as string | undefined;
    submit.mutate(
      { id: q.id, input: { answers: answersToSend(questions, answers), ...(regionCode ? { regionCode } : {}) }, idempotencyKey: idempotency.key },
      {
        onSuccess: (receipt) => onSubmitted(receipt.submittedAt),
        onError: (e) => {
          idempotency.afterError(e);
          if (!isApiError(e)) return setError(e);
          // answers.<id> → the question's field; regionCode → the region.
          const known = new Set([...questions.map((x) => fieldOf(x.id)), 'regionCode']);
          const byField = new Map<string, string[]>();
          for (const item of e.errors.length > 0 ? e.errors : [{ field: e.field ?? '', message: e.detail ?? e.title }]) {
            const name = formFieldName(item.field).replace(/^answers\.(\d+)$/, 'q$1');
            if (known.has(name)) byField.set(name, [...(byField.get(name) ?? []), item.message]);
          }
          if (byField.size === 0) return setError(e);
          form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
          const first = questions.find((x) => byField.has(fieldOf(x.id)));
          form.scrollToField(first ? fieldOf(first.id) : 'regionCode', { block: 'center', focus: true });
        },
      },
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={submit.isPending}
      scrollToFirstError={{ block: 'center', focus: true }}
      requiredMark={(label, { required }) => (
        <>
          {label}
          {required && <span className="question-required">{t('questionnaires.required')}</span>}
        </>
      )}
      data-testid="questionnaire-form"
    >
      {error !== null && (
        <div className="form-alert" role="alert" ref={alertRef}>
          <ErrorAlert error={error} title={t('questionnaires.failed')} />
        </div>
      )}
      <p className="muted">{t('questionnaires.formIntro', { count: questions.length })}</p>
      {questions.map((question) => (visible.has(question.position) ? <QuestionField key={question.id} question={question} /> : null))}
      {skipped > 0 && (
        <p className="muted questionnaire-skipped" role="status" data-testid="skipped-note">
          {t('questionnaires.skipped', { count: skipped })}
        </p>
      )}
      <Form.Item name="regionCode" label={t('questionnaires.region')} extra={t('questionnaires.regionHelp')} className="question-region">
        <RegionCascader />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending} data-testid="questionnaire-submit">
        {t('questionnaires.submit')}
      </Button>
    </Form>
  );
}

function Thanks({ q }: { q: QuestionnaireDetail }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo({ top: 0 });
    heading.current?.focus();
  }, []);
  return (
    <Result
      status="success"
      title={
        <h2 className="result-title" tabIndex={-1} ref={heading} data-testid="questionnaire-thanks">
          {t('questionnaires.thanks')}
        </h2>
      }
      subTitle={t('questionnaires.thanksHelp')}
      extra={
        q.campaignId ? (
          <ButtonLink type="primary" to={`/campaigns/${q.campaignId}`}>
            {t('questionnaires.backToCampaign')}
          </ButtonLink>
        ) : (
          <ButtonLink type="primary" to="/campaigns">
            {t('nav.campaigns')}
          </ButtonLink>
        )
      }
    />
  );
}
