import { Alert, Breadcrumb, Button, Card, Form, Input, Radio, Result, Select, Switch, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  BODY_MAX,
  BODY_MIN,
  MESSAGE_TYPES,
  NOTE_MAX,
  type MessageType,
} from '../../../../shared/messages';
import { ButtonLink } from '../../../components/button-link';
import { ErrorAlert } from '../../../components/error-alert';
import { RecordFallback } from '../../../components/query-error';
import { fieldName, useFields } from '../../../lib/api/get-fields';
import { useMe } from '../../../lib/api/get-me';
import { isApiError } from '../../../lib/api-client';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useBoard, type BoardInfo } from '../api/get-board';
import { useCreateMessage, type MessageCreated, type NewMessage } from '../api/create-message';
import { useIdempotencyKey } from '../../../lib/idempotency';
import { RegionCascader } from '../../../components/region-cascader';
import { MessageTextFields } from '../../../components/message-text-fields';
import { SimilarSuggestions } from '../components/similar-suggestions';

interface Values {
  type: MessageType;
  fieldCode: string;
  regionCode: string;
  title: string;
  body: string;
  photoIds?: string[];
  privateNote?: string;
  isPublic: boolean;
  photosPrivate: boolean;
  locationPrivate: boolean;
}

// Names the server may put in problem+json `field` that are fields of this form.
const FIELDS = ['type', 'fieldCode', 'regionCode', 'title', 'body', 'photoIds', 'privateNote', 'isPublic'];

/** /board/:id/write — a citizen writes to one board. */
export function WriteMessagePage() {
  const t = useT();
  const { id = '' } = useParams();
  const board = useBoard(id);
  const me = useMe();
  const [created, setCreated] = useState<MessageCreated | null>(null);
  // A new form, a new key: the key of a sent message must never be reused for another one.
  const [formKey, setFormKey] = useState(0);
  useDocumentTitle(board.data ? t('write.titleFor', { name: board.data.name }) : t('write.title'));

  if (!board.isSuccess) return <RecordFallback query={board} />;
  const b = board.data;

  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'boards', title: <Link to={b.kind === 'ministry' ? '/ministries' : '/'}>{t(b.kind === 'ministry' ? 'nav.ministries' : 'nav.boards')}</Link> },
          { key: 'board', title: <Link to={`/board/${b.id}`}>{b.name}</Link> },
          { key: 'write', title: <span aria-current="page">{t('write.title')}</span> },
        ]}
      />
      <h1 className="page-title">{t('write.titleFor', { name: b.name })}</h1>
      {created ? (
        <Submitted
          created={created}
          onAnother={() => {
            setCreated(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : b.status === 'retired' ? (
        <Alert type="info" showIcon title={t('board.retiredNotice')} data-testid="board-retired" />
      ) : me.data?.kind === 'staff' ? (
        <Alert type="info" showIcon title={t('write.citizensOnly')} />
      ) : (
        <WriteForm key={formKey} board={b} onCreated={setCreated} />
      )}
    </>
  );
}

function WriteForm({ board, onCreated }: { board: BoardInfo; onCreated: (created: MessageCreated) => void }) {
  const t = useT();
  const { locale } = usePreferences();
  const [form] = Form.useForm<Values>();
  const fields = useFields();
  const create = useCreateMessage();
  const idempotency = useIdempotencyKey();
  const [uploading, setUploading] = useState(false);
  const [generalError, setGeneralError] = useState<unknown>(null);
  const isPublic = Form.useWatch('isPublic', form) ?? true;
  const draftRegion = Form.useWatch('regionCode', form);
  const draftTitle = Form.useWatch('title', form);
  const draftBody = Form.useWatch('body', form);

  const onFinish = (values: Values) => {
    setGeneralError(null);
    const input: NewMessage = {
      boardId: board.id,
      type: values.type,
      fieldCode: values.fieldCode,
      regionCode: values.regionCode,
      title: values.title.trim(),
      body: values.body.trim(),
      privateNote: values.privateNote?.trim() || undefined,
      isPublic: values.isPublic,
      photosPublic: !values.photosPrivate,
      locationPublic: !values.locationPrivate,
      photoIds: values.photoIds && values.photoIds.length > 0 ? values.photoIds : undefined,
    };
    create.mutate(
      { input, idempotencyKey: idempotency.key },
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
  // The submit button is far below the alert: bring the alert into view.
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (generalError !== null) alertRef.current?.scrollIntoView({ block: 'center' });
  }, [generalError]);

  return (
    <Card className="write-card">
      <p className="muted write-intro">{t('write.intro')}</p>
      {generalError !== null && (
        <div className="form-alert" role="alert" ref={alertRef}>
          {networkFailed ? (
            <Alert type="error" showIcon title={t('write.retryTitle')} description={t('write.retryBody')} />
          ) : (
            <ErrorAlert error={generalError} title={t('write.failed')} />
          )}
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={create.isPending}
        scrollToFirstError={{ block: 'center', focus: true }}
        initialValues={{
          type: 'consult',
          regionCode: board.regionCode ?? undefined,
          isPublic: true,
          photosPrivate: false,
          locationPrivate: false,
        }}
      >
        <Form.Item name="type" label={t('write.type')} rules={[{ required: true, message: t('write.typeRequired') }]}>
          <Radio.Group
            optionType="button"
            className="type-choice"
            options={MESSAGE_TYPES.map((value) => ({ value, label: t(`messageType.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="fieldCode" label={t('write.field')} rules={[{ required: true, message: t('write.fieldRequired') }]}>
          <Select
            placeholder={t('write.fieldPlaceholder')}
            loading={fields.isPending}
            options={(fields.data ?? []).map((f) => ({ value: f.code, label: fieldName(f, locale) }))}
            data-testid="write-field"
          />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('write.region')}
          extra={t('write.regionHelp')}
          rules={[{ required: true, message: t('write.regionRequired') }]}
        >
          <RegionCascader />
        </Form.Item>
        <MessageTextFields
          labels={{
            title: t('write.msgTitle'),
            titlePlaceholder: t('write.titlePlaceholder'),
            body: t('write.body'),
            bodyHelp: t('write.bodyHelp'),
            bodyRequired: t('write.bodyRequired'),
            bodyLength: t('write.bodyLength', { min: BODY_MIN, max: BODY_MAX }),
          }}
          onUploadBusy={setUploading}
        />
        <SimilarSuggestions draft={{ region: draftRegion, title: draftTitle, body: draftBody }} />
        <Form.Item
          name="privateNote"
          label={t('write.privateNote')}
          extra={t('write.privateNoteHelp')}
          className="private-note-item"
        >
          <Input.TextArea maxLength={NOTE_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('write.privateNotePlaceholder')} />
        </Form.Item>
        <fieldset className="privacy-options">
          <legend>{t('write.privacy')}</legend>
          <Form.Item name="isPublic" label={t('write.isPublic')} extra={isPublic ? t('write.isPublicOn') : t('write.isPublicOff')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {isPublic && (
            <>
              <Form.Item name="photosPrivate" label={t('write.photosPrivate')} extra={t('write.photosPrivateHelp')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="locationPrivate" label={t('write.locationPrivate')} extra={t('write.locationPrivateHelp')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </>
          )}
        </fieldset>
        <Button type="primary" htmlType="submit" size="large" block loading={create.isPending} disabled={uploading} data-testid="write-submit">
          {uploading ? t('write.waitUploads') : t('write.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function Submitted({ created, onAnother }: { created: MessageCreated; onAnother: () => void }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  // The form was long: bring the reader (and the screen reader) to the outcome.
  useEffect(() => {
    window.scrollTo({ top: 0 });
    heading.current?.focus();
  }, []);
  return (
    <Result
      status="success"
      title={
        <h2 className="result-title" tabIndex={-1} ref={heading}>
          {t('write.done')}
        </h2>
      }
      subTitle={
        <div className="created-number">
          <span>{t('write.numberLabel')}</span>
          <Typography.Text copyable={{ text: created.number }} strong className="created-number-value" data-testid="created-number">
            {created.number}
          </Typography.Text>
          <p>{t('write.doneHelp')}</p>
        </div>
      }
      extra={[
        <ButtonLink key="view" type="primary" to={`/messages/${created.id}`} data-testid="view-created">
          {t('write.viewMessage')}
        </ButtonLink>,
        <ButtonLink key="mine" to="/me/messages">
          {t('nav.myMessages')}
        </ButtonLink>,
        <Button key="again" type="link" onClick={onAnother}>
          {t('write.another')}
        </Button>,
      ]}
    />
  );
}
