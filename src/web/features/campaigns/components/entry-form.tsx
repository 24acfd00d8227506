import { Alert, Button, Form, Radio, Result, Select, Switch, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ENTRY_KINDS, type CampaignDetail, type CampaignEntryInput, type EntryKind } from '../../../../shared/campaigns';
import { BODY_MAX, BODY_MIN } from '../../../../shared/messages';
import { ButtonLink } from '../../../components/button-link';
import { ErrorAlert } from '../../../components/error-alert';
import { MessageTextFields } from '../../../components/message-text-fields';
import { RegionCascader } from '../../../components/region-cascader';
import { isApiError } from '../../../lib/api-client';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useSubmitEntry, type EntryCreated } from '../api/submit-entry';
import { useIdempotencyKey } from '../../../lib/idempotency';
import { RegionList } from './region-names';

interface Values {
  kind: EntryKind;
  topic?: string;
  title: string;
  body: string;
  regionCode: string;
  photoIds?: string[];
  isPublic: boolean;
}

// Names the server may put in problem+json `field` that are fields of this form.
const FIELDS = ['kind', 'topic', 'title', 'body', 'regionCode', 'photoIds', 'isPublic'];

/** 参与征集: a suggestion (建议) or a problem lead (问题线索) to an open campaign; then what happens next. */
export function EntryForm({ campaign }: { campaign: CampaignDetail }) {
  const [created, setCreated] = useState<EntryCreated | null>(null);
  // A new form, a new key: the key of a sent entry must never be reused for another one.
  const [formKey, setFormKey] = useState(0);
  if (created)
    return (
      <Submitted
        created={created}
        entriesPublic={campaign.entriesPublic}
        onAnother={() => {
          setCreated(null);
          setFormKey((k) => k + 1);
        }}
      />
    );
  return <Fields key={formKey} campaign={campaign} onCreated={setCreated} />;
}

function Fields({ campaign, onCreated }: { campaign: CampaignDetail; onCreated: (created: EntryCreated) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const submit = useSubmitEntry();
  const idempotency = useIdempotencyKey();
  const [uploading, setUploading] = useState(false);
  const [generalError, setGeneralError] = useState<unknown>(null);
  const isPublic = Form.useWatch('isPublic', form) ?? true;
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (generalError !== null) alertRef.current?.scrollIntoView({ block: 'center' });
  }, [generalError]);

  const onFinish = (values: Values) => {
    setGeneralError(null);
    const input: CampaignEntryInput = {
      kind: values.kind,
      topic: values.topic ?? null,
      title: values.title.trim(),
      body: values.body.trim(),
      regionCode: values.regionCode,
      isPublic: campaign.entriesPublic ? values.isPublic : false,
      photoIds: values.photoIds && values.photoIds.length > 0 ? values.photoIds : undefined,
    };
    submit.mutate(
      { campaignId: campaign.id, input, idempotencyKey: idempotency.key },
      {
        onSuccess: onCreated,
        onError: (error) => {
          idempotency.afterError(error);
          if (applyServerErrors(form, error, FIELDS)) {
            const first = form.getFieldsError().find((f) => f.errors.length > 0);
            if (first) form.scrollToField(first.name, { block: 'center', focus: true });
          } else setGeneralError(error);
        },
      },
    );
  };

  const networkFailed = isApiError(generalError) && (generalError.status === 0 || generalError.status >= 500);
  const onlyRegion = campaign.regionCodes.length === 1 ? campaign.regionCodes[0] : undefined;

  return (
    <>
      {generalError !== null && (
        <div className="form-alert" role="alert" ref={alertRef}>
          {networkFailed ? (
            <Alert type="error" showIcon title={t('campaigns.entry.retryTitle')} description={t('campaigns.entry.retryBody')} />
          ) : (
            <ErrorAlert error={generalError} title={t('campaigns.entry.failed')} />
          )}
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={submit.isPending}
        scrollToFirstError={{ block: 'center', focus: true }}
        initialValues={{ kind: 'suggestion', isPublic: true, regionCode: onlyRegion }}
        data-testid="entry-form"
      >
        <Form.Item name="kind" label={t('campaigns.entry.kind')} rules={[{ required: true, message: t('campaigns.entry.kindRequired') }]}>
          <Radio.Group
            optionType="button"
            className="type-choice"
            options={ENTRY_KINDS.map((value) => ({ value, label: t(`campaigns.kind.${value}`) }))}
          />
        </Form.Item>
        {campaign.topics.length > 0 && (
          <Form.Item name="topic" label={t('campaigns.entry.topic')} extra={t('campaigns.entry.topicHelp')}>
            <Select allowClear placeholder={t('campaigns.entry.topicPlaceholder')} options={campaign.topics.map((topic) => ({ value: topic, label: topic }))} />
          </Form.Item>
        )}
        <Form.Item
          name="regionCode"
          label={t('campaigns.entry.region')}
          extra={
            campaign.regionCodes.length > 0 ? (
              <>
                {t('campaigns.entry.regionWithin')} <RegionList codes={campaign.regionCodes} />
              </>
            ) : (
              t('campaigns.entry.regionHelp')
            )
          }
          rules={[{ required: true, message: t('campaigns.entry.regionRequired') }]}
        >
          <RegionCascader />
        </Form.Item>
        <MessageTextFields
          labels={{
            title: t('campaigns.entry.title'),
            titlePlaceholder: t('campaigns.entry.titlePlaceholder'),
            body: t('campaigns.entry.body'),
            bodyHelp: t('campaigns.entry.bodyHelp'),
            bodyRequired: t('campaigns.entry.bodyRequired'),
            bodyLength: t('campaigns.entry.bodyLength', { min: BODY_MIN, max: BODY_MAX }),
          }}
          onUploadBusy={setUploading}
        />
        {campaign.entriesPublic ? (
          <Form.Item name="isPublic" label={t('campaigns.entry.isPublic')} extra={isPublic ? t('campaigns.entry.isPublicOn') : t('campaigns.entry.isPublicOff')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : (
          <p className="muted">{t('campaigns.entry.notPublic')}</p>
        )}
        <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending} disabled={uploading} data-testid="entry-submit">
          {uploading ? t('write.waitUploads') : t('campaigns.entry.submit')}
        </Button>
      </Form>
    </>
  );
}

function Submitted({ created, entriesPublic, onAnother }: { created: EntryCreated; entriesPublic: boolean; onAnother: () => void }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <Result
      status="success"
      className="entry-submitted"
      title={
        <h3 className="result-title" tabIndex={-1} ref={heading}>
          {t('campaigns.entry.done')}
        </h3>
      }
      subTitle={
        <div className="created-number">
          <span>{t('write.numberLabel')}</span>
          <Typography.Text copyable={{ text: created.number }} strong className="created-number-value" data-testid="entry-number">
            {created.number}
          </Typography.Text>
          <p>{entriesPublic ? t('campaigns.entry.doneHelp') : t('campaigns.entry.doneHelpPrivate')}</p>
        </div>
      }
      extra={[
        <ButtonLink key="view" type="primary" to={`/messages/${created.id}`}>
          {t('campaigns.entry.view')}
        </ButtonLink>,
        <Button key="again" onClick={onAnother}>
          {t('campaigns.entry.another')}
        </Button>,
      ]}
    />
  );
}
