import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Drawer, Input, InputNumber, Space, Switch, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { useFields, type Field } from '../../../lib/api/get-fields';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useUpdateField, type UpdateFieldInput } from '../api/update-field';
import { CreateFieldForm } from '../components/create-field-form';

type Draft = Pick<Field, 'nameZh' | 'nameTw' | 'nameEn' | 'sort' | 'active'>;

/** /console/fields — the platform's 领域: names in three languages, order, and whether citizens may choose them. */
export function FieldsPage() {
  const t = useT();
  const { message } = App.useApp();
  useDocumentTitle(t('fields.title'));
  const fields = useFields({ all: true });
  const update = useUpdateField();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  // An ApiError from the server, or a sentence from the check here.
  const [error, setError] = useState<unknown>(null);

  const startEdit = (field: Field) => {
    setError(null);
    setEditing(field.code);
    setDraft({ nameZh: field.nameZh, nameTw: field.nameTw, nameEn: field.nameEn, sort: field.sort, active: field.active });
  };
  const cancel = () => {
    setEditing(null);
    setDraft(null);
    setError(null);
  };
  const save = (field: Field) => {
    if (!draft) return;
    // Send only what changed.
    const input: UpdateFieldInput = {};
    if (draft.nameZh.trim() !== field.nameZh) input.nameZh = draft.nameZh.trim();
    if (draft.nameTw.trim() !== field.nameTw) input.nameTw = draft.nameTw.trim();
    if (draft.nameEn.trim() !== field.nameEn) input.nameEn = draft.nameEn.trim();
    if (draft.sort !== field.sort) input.sort = draft.sort;
    if (draft.active !== field.active) input.active = draft.active;
    if (Object.keys(input).length === 0) return cancel();
    if (input.nameZh === '' || input.nameTw === '' || input.nameEn === '') {
      setError(t('fields.nameRequired'));
      return;
    }
    update.mutate(
      { code: field.code, input },
      {
        onSuccess: () => {
          void message.success(t('fields.saved', { name: draft.nameZh.trim() }));
          cancel();
        },
        onError: setError,
      },
    );
  };

  const nameCell = (key: 'nameZh' | 'nameTw' | 'nameEn', lang: string) => (value: string, field: Field) =>
    editing === field.code && draft ? (
      <Input
        value={draft[key]}
        lang={lang}
        aria-label={`${t(`fields.col.${key}`)} (${field.code})`}
        maxLength={key === 'nameEn' ? 40 : 20}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
        onPressEnter={() => save(field)}
      />
    ) : (
      <span lang={lang}>{value}</span>
    );

  const columns: TableColumnsType<Field> = [
    { title: t('fields.col.code'), dataIndex: 'code', render: (code: string) => <code>{code}</code> },
    { title: t('fields.col.nameZh'), dataIndex: 'nameZh', render: nameCell('nameZh', 'zh-CN') },
    { title: t('fields.col.nameTw'), dataIndex: 'nameTw', render: nameCell('nameTw', 'zh-TW') },
    { title: t('fields.col.nameEn'), dataIndex: 'nameEn', render: nameCell('nameEn', 'en') },
    {
      title: t('fields.col.sort'),
      dataIndex: 'sort',
      render: (sort: number, field) =>
        editing === field.code && draft ? (
          <InputNumber
            value={draft.sort}
            min={0}
            max={9999}
            precision={0}
            aria-label={`${t('fields.col.sort')} (${field.code})`}
            onChange={(value) => setDraft({ ...draft, sort: value ?? 0 })}
            style={{ width: '6rem' }}
          />
        ) : (
          sort
        ),
    },
    {
      title: t('fields.col.active'),
      dataIndex: 'active',
      render: (active: boolean, field) =>
        editing === field.code && draft ? (
          <Switch
            checked={draft.active}
            aria-label={`${t('fields.col.active')} (${field.code})`}
            onChange={(checked) => setDraft({ ...draft, active: checked })}
          />
        ) : (
          <Badge status={active ? 'success' : 'default'} text={active ? t('fields.active') : t('fields.inactive')} />
        ),
    },
    {
      title: t('fields.col.actions'),
      key: 'actions',
      render: (_, field) =>
        editing === field.code ? (
          <Space>
            <Button type="primary" size="small" onClick={() => save(field)} loading={update.isPending} data-testid="field-save">
              {t('common.save')}
            </Button>
            <Button size="small" onClick={cancel} disabled={update.isPending}>
              {t('common.cancel')}
            </Button>
          </Space>
        ) : (
          <Button
            size="small"
            onClick={() => startEdit(field)}
            disabled={editing !== null}
            aria-label={t('fields.editOf', { name: field.nameZh })}
            data-testid={`field-edit-${field.code}`}
          >
            {t('fields.edit')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('fields.title')}</h1>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('fields.create')}
        </Button>
      </div>
      <p className="page-intro">{t('fields.intro')}</p>
      {fields.isError && <ErrorAlert error={fields.error} />}
      {error !== null && (
        <div className="form-alert">
          {typeof error === 'string' ? <Alert type="error" showIcon title={error} /> : <ErrorAlert error={error} />}
        </div>
      )}
      <Table<Field>
        rowKey="code"
        columns={columns}
        dataSource={fields.data ?? []}
        loading={fields.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Drawer title={t('fields.create')} open={creating} onClose={() => setCreating(false)} size="min(520px, 100vw)" destroyOnHidden>
        <CreateFieldForm onDone={() => setCreating(false)} />
      </Drawer>
    </>
  );
}
