import { App, Button, Form, Input, InputNumber } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useCreateField, type CreateFieldInput } from '../api/create-field';

const FIELDS = ['code', 'nameZh', 'nameTw', 'nameEn', 'sort'] as const;
// Same rule as the database: a lower-case letter, then letters, digits or _, 2–32 in all.
const CODE_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;

export function CreateFieldForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateFieldInput>();
  const create = useCreateField();
  const [generalError, setGeneralError] = useState<unknown>(null);

  const onFinish = (values: CreateFieldInput) => {
    setGeneralError(null);
    create.mutate(
      { code: values.code.trim(), nameZh: values.nameZh.trim(), nameTw: values.nameTw.trim(), nameEn: values.nameEn.trim(), sort: values.sort ?? undefined },
      {
        onSuccess: (field) => {
          void message.success(t('fields.created', { name: field.nameZh }));
          form.resetFields();
          onDone();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error, FIELDS)) setGeneralError(error);
        },
      },
    );
  };

  const nameRule = { required: true, whitespace: true, message: t('fields.nameRequired') };
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={create.isPending}>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form.Item
        name="code"
        label={t('fields.col.code')}
        extra={t('fields.codeHelp')}
        rules={[
          { required: true, message: t('fields.codeRequired') },
          { pattern: CODE_PATTERN, message: t('fields.codeHelp') },
        ]}
      >
        <Input maxLength={32} autoComplete="off" />
      </Form.Item>
      <Form.Item name="nameZh" label={t('fields.col.nameZh')} rules={[nameRule]}>
        <Input maxLength={20} lang="zh-CN" />
      </Form.Item>
      <Form.Item name="nameTw" label={t('fields.col.nameTw')} rules={[nameRule]}>
        <Input maxLength={20} lang="zh-TW" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('fields.col.nameEn')} rules={[nameRule]}>
        <Input maxLength={40} lang="en" />
      </Form.Item>
      <Form.Item name="sort" label={t('fields.col.sort')} extra={t('fields.sortHelp')}>
        <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        {t('fields.create')}
      </Button>
    </Form>
  );
}
