import { App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { UNIT_KINDS } from '../../../../shared/domain';
import { ErrorAlert } from '../../../components/error-alert';
import { RegionCascader } from '../../../components/region-cascader';
import { UnitSelect } from '../../../components/unit-select';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useCreateUnit, type CreateUnitInput } from '../api/create-unit';

const FIELDS = ['name', 'kind', 'regionCode', 'parentId'] as const;

export function CreateUnitForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUnitInput>();
  const create = useCreateUnit();
  const [generalError, setGeneralError] = useState<unknown>(null);

  const onFinish = (values: CreateUnitInput) => {
    setGeneralError(null);
    create.mutate(
      { ...values, name: values.name.trim() },
      {
        onSuccess: (unit) => {
          void message.success(t('units.created', { name: unit.name }));
          form.resetFields();
          onDone();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error, FIELDS)) setGeneralError(error);
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={create.isPending}>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form.Item name="name" label={t('units.form.name')} rules={[{ required: true, whitespace: true, message: t('units.form.nameRequired') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('units.form.kind')} rules={[{ required: true, message: t('units.form.kindRequired') }]}>
        <Select options={UNIT_KINDS.map((kind) => ({ value: kind, label: t(`unitKind.${kind}`) }))} />
      </Form.Item>
      <Form.Item name="regionCode" label={t('units.form.region')} rules={[{ required: true, message: t('units.form.regionRequired') }]}>
        <RegionCascader />
      </Form.Item>
      <Form.Item name="parentId" label={t('units.form.parent')} extra={t('units.form.parentHelp')}>
        <UnitSelect />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        {t('units.create')}
      </Button>
    </Form>
  );
}
