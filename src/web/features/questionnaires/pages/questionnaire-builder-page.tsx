import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Alert, Breadcrumb, Button, Card, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  QUESTION_KINDS,
  QUESTIONNAIRE_AUDIENCES,
  QUESTIONNAIRE_DESCRIPTION_MAX,
  QUESTIONNAIRE_TITLE_MAX,
  QUESTIONS_MAX,
  type QuestionKind,
  type QuestionnaireAudience,
  type QuestionnaireDetail,
  type QuestionnaireInput,
} from '../../../../shared/campaigns';
import { ErrorAlert } from '../../../components/error-alert';
import { RecordFallback } from '../../../components/query-error';
import { UnitSelect } from '../../../components/unit-select';
import { useMe } from '../../../lib/api/get-me';
import { api, isApiError } from '../../../lib/api-client';
import { formFieldName } from '../../../lib/form-errors';
import { useT, type MessageKey } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useQuestionnaire } from '../api/get-questionnaire';
import { useSaveQuestionnaire } from '../api/save-questionnaire';
import { QuestionEditor } from '../components/question-editor';
import { draftErrors, fromQuestions, newQuestion, toInput, type DraftQuestion } from '../lib/builder-state';
import '../components/questionnaires.css';

interface Values {
  title: string;
  description: string;
  organiserUnitId?: number;
  campaignId?: number | null;
  audience: QuestionnaireAudience;
  window?: [Dayjs, Dayjs];
}

const TOP_FIELDS = ['title', 'description', 'organiserUnitId', 'campaignId', 'audience', 'window'];

const DRAFT_ERROR_KEYS: Record<string, MessageKey> = {
  text: 'questionnaires.builder.error.text',
  options: 'questionnaires.builder.error.options',
  optionLabel: 'questionnaires.builder.error.optionLabel',
  scale: 'questionnaires.builder.error.scale',
  skipTarget: 'questionnaires.builder.error.skipTarget',
  skipOption: 'questionnaires.builder.error.skipOption',
  none: 'questionnaires.builder.error.none',
};

/** The campaigns the account organises, for "belongs to campaign" (a campaign has a title the builder shows). */
function useManagedCampaignOptions() {
  return useQuery({
    queryKey: ['campaigns', 'list', { manage: true, options: true }],
    queryFn: () => api.get<{ items: Array<{ id: number; title: string; organiser: { id: number; name: string } }> }>('/campaigns', { manage: 'true', limit: 100 }).then((p) => p.items),
    staleTime: 60_000,
  });
}

/** /console/questionnaires/new (?campaign=) — a new questionnaire. */
export function NewQuestionnairePage() {
  const t = useT();
  useDocumentTitle(t('questionnaires.new'));
  return <Builder />;
}

/** /console/questionnaires/:id/edit */
export function EditQuestionnairePage() {
  const t = useT();
  const { id = '' } = useParams();
  const questionnaire = useQuestionnaire(id);
  useDocumentTitle(questionnaire.data ? t('questionnaires.editOf', { title: questionnaire.data.title }) : t('questionnaires.edit'));
  if (!questionnaire.isSuccess) return <RecordFallback query={questionnaire} />;
  return <Builder saved={questionnaire.data} key={questionnaire.data.id} />;
}

/**
 * The builder: the questionnaire's facts in a form, the questions as cards below it. Before the
 * first response anything may change (add, reorder, remove); after it only additive edits, and
 * every locked control says why.
 */
function Builder({ saved }: { saved?: QuestionnaireDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useMe();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const save = useSaveQuestionnaire();
  const campaigns = useManagedCampaignOptions();
  const additive = saved?.editable === 'additive';
  const [questions, setQuestions] = useState<DraftQuestion[]>(() => (saved ? fromQuestions(saved.questions, additive) : []));
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const [showDraftErrors, setShowDraftErrors] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const questionsRef = useRef<HTMLDivElement>(null);
  const fromCampaign = params.get('campaign');
  const presetCampaign = saved ? (saved.campaignId ?? undefined) : fromCampaign ? Number(fromCampaign) : undefined;
  const campaignOrganiser = campaigns.data?.find((c) => c.id === presetCampaign)?.organiser;

  // A questionnaire of a campaign is organised by the campaign's organiser unless chosen otherwise.
  useEffect(() => {
    if (!saved && campaignOrganiser && form.getFieldValue('organiserUnitId') === undefined) form.setFieldValue('organiserUnitId', campaignOrganiser.id);
  }, [campaignOrganiser, saved, form]);

  // The name of the organiser chosen without a search: the saved one, a campaign's, or the account's own unit.
  const organiserId = Form.useWatch('organiserUnitId', form);
  const organiserLabel =
    organiserId === undefined
      ? undefined
      : organiserId === saved?.organiser.id
        ? saved.organiser.name
        : (campaigns.data?.find((c) => c.organiser.id === organiserId)?.organiser.name ?? (organiserId === me.data?.unit?.id ? me.data.unit.name : undefined));

  const localErrors = useMemo(() => draftErrors(questions), [questions]);
  const errorsOf = (index: number) => {
    const out = new Map<string, string>();
    const prefix = `questions.${index}.`;
    for (const [field, message] of serverErrors) if (field.startsWith(prefix)) out.set(field.slice(prefix.length).split('.')[0]!, message);
    if (showDraftErrors)
      for (const [field, code] of localErrors) {
        if (!field.startsWith(prefix)) continue;
        const name = field.slice(prefix.length);
        if (!out.has(name)) out.set(name, t(DRAFT_ERROR_KEYS[code]!));
      }
    return out;
  };

  const update = (index: number, next: DraftQuestion) => setQuestions((qs) => qs.map((q, i) => (i === index ? next : q)));
  const move = (index: number, delta: -1 | 1) =>
    setQuestions((qs) => {
      const next = [...qs];
      const [item] = next.splice(index, 1);
      next.splice(index + delta, 0, item!);
      return next;
    });
  const remove = (index: number) =>
    setQuestions((qs) => {
      const gone = qs[index]!.key;
      return qs.filter((_, i) => i !== index).map((q) => ({ ...q, skip: q.skip.filter((r) => r.to !== gone) }));
    });
  const add = (kind: QuestionKind) => setQuestions((qs) => [...qs, { ...newQuestion(kind), required: additive ? false : kind !== 'long' && kind !== 'short' }]);

  const onFinish = (values: Values) => {
    setError(null);
    setServerErrors(new Map());
    if (localErrors.size > 0) {
      setShowDraftErrors(true);
      questionsRef.current?.scrollIntoView({ block: 'start' });
      return;
    }
    const [opens, closes] = values.window!;
    const input: QuestionnaireInput = {
      title: values.title.trim(),
      description: (values.description ?? '').trim(),
      campaignId: values.campaignId ?? null,
      organiserUnitId: values.organiserUnitId!,
      audience: values.audience,
      opensAt: opens.toISOString(),
      closesAt: closes.toISOString(),
      questions: toInput(questions),
    };
    // The opening time is fixed once answered: send it back exactly as saved.
    if (saved && additive) input.opensAt = saved.opensAt;
    save.mutate(
      { id: saved?.id, input },
      {
        onSuccess: (q) => {
          void message.success(saved ? t('questionnaires.builder.saved') : t('questionnaires.builder.created'));
          navigate(`/console/questionnaires/${q.id}`);
        },
        onError: (e) => {
          if (!isApiError(e)) return setError(e);
          const top = new Map<string, string[]>();
          const nested = new Map<string, string>();
          for (const item of e.errors.length > 0 ? e.errors : [{ field: e.field ?? '', message: e.detail ?? e.title }]) {
            const name = formFieldName(item.field).replace(/\[(\d+)\]/g, '.$1');
            if (name.startsWith('questions.')) nested.set(name, item.message);
            else {
              const field = name === 'opensAt' || name === 'closesAt' ? 'window' : name;
              if (TOP_FIELDS.includes(field)) top.set(field, [...(top.get(field) ?? []), item.message]);
            }
          }
          form.setFields([...top].map(([name, errors]) => ({ name: name as keyof Values, errors })));
          setServerErrors(nested);
          // What found no field (a removed question, a whole-list rule) shows above, in the server's words.
          if (top.size === 0 && nested.size === 0) setError(e);
          else if (top.size === 0 || e.code === 'questionnaire_has_responses') setError(e);
        },
      },
    );
  };

  const locked = (reason: MessageKey) => (
    <span className="locked-note">
      <LockOutlined aria-hidden /> {t(reason)}
    </span>
  );

  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'list', title: <Link to="/console/questionnaires">{t('questionnaires.console.title')}</Link> },
          ...(saved ? [{ key: 'this', title: <Link to={`/console/questionnaires/${saved.id}`}>{saved.title}</Link> }] : []),
          { key: 'edit', title: <span aria-current="page">{saved ? t('questionnaires.edit') : t('questionnaires.new')}</span> },
        ]}
      />
      <h1 className="page-title">{saved ? t('questionnaires.editOf', { title: saved.title }) : t('questionnaires.new')}</h1>
      {additive && <Alert type="warning" showIcon className="form-alert" title={t('questionnaires.builder.additiveTitle', { count: saved.responseCount })} description={t('questionnaires.builder.additiveHelp')} data-testid="additive-note" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        // The questions' own problems show with the form's, not one attempt later.
        onFinishFailed={() => setShowDraftErrors(true)}
        disabled={save.isPending}
        scrollToFirstError={{ block: 'center', focus: true }}
        className="builder"
        initialValues={
          saved
            ? {
                title: saved.title,
                description: saved.description,
                organiserUnitId: saved.organiser.id,
                campaignId: saved.campaignId,
                audience: saved.audience,
                window: [dayjs(saved.opensAt), dayjs(saved.closesAt)],
              }
            : {
                description: '',
                campaignId: presetCampaign ?? null,
                // A campaign's questionnaire takes the campaign's organiser (set once the campaign is known).
                organiserUnitId: presetCampaign ? undefined : me.data?.unit?.id,
                audience: 'citizens',
                window: [dayjs().second(0).millisecond(0), dayjs().add(30, 'day').hour(23).minute(59).second(0).millisecond(0)],
              }
        }
        data-testid="questionnaire-builder"
      >
        {error !== null && (
          <div className="form-alert" role="alert">
            <ErrorAlert error={error} title={t('questionnaires.builder.failed')} />
          </div>
        )}
        <Card className="builder-card">
          <Form.Item name="title" label={t('questionnaires.builder.title')} rules={[{ required: true, whitespace: true, message: t('questionnaires.builder.titleRequired') }]}>
            <Input maxLength={QUESTIONNAIRE_TITLE_MAX} showCount />
          </Form.Item>
          <Form.Item name="description" label={t('questionnaires.builder.description')}>
            <Input.TextArea maxLength={QUESTIONNAIRE_DESCRIPTION_MAX} showCount autoSize={{ minRows: 3, maxRows: 10 }} />
          </Form.Item>
          <Form.Item name="campaignId" label={t('questionnaires.builder.campaign')} extra={additive ? locked('questionnaires.builder.lockedAnsweredField') : t('questionnaires.builder.campaignHelp')}>
            <Select<number | null>
              disabled={additive}
              onChange={(id) => {
                const organiser = campaigns.data?.find((c) => c.id === id)?.organiser;
                if (organiser) form.setFieldValue('organiserUnitId', organiser.id);
              }}
              loading={campaigns.isPending}
              options={[{ value: null, label: t('questionnaires.builder.noCampaign') }, ...(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.title }))]}
              data-testid="questionnaire-campaign"
            />
          </Form.Item>
          <Form.Item
            name="organiserUnitId"
            label={t('questionnaires.builder.organiser')}
            extra={additive ? locked('questionnaires.builder.lockedAnsweredField') : undefined}
            rules={[{ required: true, message: t('questionnaires.builder.organiserRequired') }]}
          >
            <UnitSelect disabled={additive} initialLabel={organiserLabel} />
          </Form.Item>
          <Form.Item name="audience" label={t('questionnaires.builder.audience')} extra={additive ? locked('questionnaires.builder.lockedAnsweredField') : undefined}>
            <Radio.Group disabled={additive} options={QUESTIONNAIRE_AUDIENCES.map((a) => ({ value: a, label: t(`questionnaires.audience.${a}`) }))} />
          </Form.Item>
          <Form.Item
            name="window"
            label={t('questionnaires.builder.window')}
            extra={additive ? locked('questionnaires.builder.lockedWindow') : t('questionnaires.builder.windowHelp')}
            rules={[
              { required: true, message: t('questionnaires.builder.windowRequired') },
              {
                validator: (_, w?: [Dayjs | null, Dayjs | null]) =>
                  !w?.[0] || !w[1] || w[1].isAfter(w[0]) ? Promise.resolve() : Promise.reject(new Error(t('questionnaires.builder.windowOrder'))),
              },
            ]}
          >
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabled={[additive, false]}
              allowClear={false}
              disabledDate={additive && saved ? (d) => d.isBefore(dayjs(saved.closesAt), 'day') : undefined}
              placeholder={[t('questionnaires.builder.opens'), t('questionnaires.builder.closes')]}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Card>

        <div ref={questionsRef} className="builder-questions" aria-labelledby="builder-questions-heading" role="region">
          <h2 id="builder-questions-heading" className="section-title">
            {t('questionnaires.builder.questions', { count: questions.length })}
          </h2>
          {showDraftErrors && localErrors.has('questions') && <Alert type="error" showIcon className="form-alert" title={t('questionnaires.builder.error.none')} />}
          {serverErrors.has('questions') && <Alert type="error" showIcon className="form-alert" title={serverErrors.get('questions')} />}
          {questions.map((q, i) => (
            <QuestionEditor
              key={q.key}
              question={q}
              index={i}
              all={questions}
              additive={additive}
              errors={errorsOf(i)}
              onChange={(next) => update(i, next)}
              onMove={(delta) => move(i, delta)}
              onRemove={() => remove(i)}
            />
          ))}
          <Card className="builder-add">
            <p className="builder-add-label">{additive ? t('questionnaires.builder.addAppended') : t('questionnaires.builder.add')}</p>
            <Space wrap>
              {QUESTION_KINDS.map((kind) => (
                <Button key={kind} icon={<PlusOutlined aria-hidden />} onClick={() => add(kind)} disabled={questions.length >= QUESTIONS_MAX} data-testid={`add-${kind}`}>
                  {t(`questionnaires.kind.${kind}`)}
                </Button>
              ))}
            </Space>
          </Card>
        </div>
        <Space wrap className="builder-actions">
          <Button type="primary" htmlType="submit" size="large" loading={save.isPending} data-testid="questionnaire-save">
            {saved ? t('common.save') : t('questionnaires.builder.create')}
          </Button>
          <Button size="large" onClick={() => navigate(saved ? `/console/questionnaires/${saved.id}` : '/console/questionnaires')}>
            {t('common.cancel')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
