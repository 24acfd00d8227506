import { App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { RegionCascader } from '../../../components/region-cascader';
import { UnitSelect } from '../../../components/unit-select';
import type { Unit } from '../../../lib/api/get-units';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useUpdateUnit, type UpdateUnitInput } from '../api/manage-unit';

const FIELDS = ['name', 'shortName', 'parentId', 'regionCode', 'contact', 'replyReview'] as const;
const REVIEW_MODES = ['none', 'unit_admin', 'coordinator'] as const;

interface Values {
  name: string;
  shortName: string;
  parentId: number | undefined;
  regionCode: string;
  contact: string;
  replyReview: Unit['replyReview'];
}

/** Name, short name, parent (moves the subtree), region, contact, reply review; only changed fields are sent. */
export function EditUnitForm({ unit, onDone }: { unit: Unit; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateUnit();
  const [generalError, setGeneralError] = useState<unknown>(null);

  const onFinish = (values: Values) => {
    setGeneralError(null);
    const input: UpdateUnitInput = {};
    if (values.name.trim() !== unit.name) input.name = values.name.trim();
    const shortName = values.shortName?.trim() || null;
    if (shortName !== unit.shortName) input.shortName = shortName;
    const contact = values.contact?.trim() || null;
    if (contact !== unit.contact) input.contact = contact;
    if (values.regionCode !== unit.regionCode) input.regionCode = values.regionCode;
    if (values.replyReview !== unit.replyReview) input.replyReview = values.replyReview;
    const parentId = values.parentId ?? null;
    if (parentId !== unit.parentId) input.parentId = parentId;
    if (Object.keys(input).length === 0) return onDone();
    update.mutate(
      { id: unit.id, input },
      {
        onSuccess: (saved) => {
          void message.success(t('units.saved', { name: saved.name }));
          onDone();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error, FIELDS)) setGeneralError(error);
        },
      },
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={update.isPending}
      initialValues={{
        name: unit.name,
        shortName: unit.shortName ?? '',
        parentId: unit.parentId ?? undefined,
        regionCode: unit.regionCode,
        contact: unit.contact ?? '',
        replyReview: unit.replyReview,
      }}
    >
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form.Item name="name" label={t('units.form.name')} rules={[{ required: true, whitespace: true, message: t('units.form.nameRequired') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="shortName" label={t('units.form.shortName')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="parentId" label={t('units.form.parent')} extra={t('units.form.parentMoveHelp')}>
        <UnitSelect initialLabel={unit.parentName ?? undefined} exclude={[unit.id]} />
      </Form.Item>
      <Form.Item name="regionCode" label={t('units.form.region')} rules={[{ required: true, message: t('units.form.regionRequired') }]}>
        <RegionCascader />
      </Form.Item>
      <Form.Item name="contact" label={t('units.form.contact')} extra={t('units.form.contactHelp')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="replyReview" label={t('units.form.replyReview')}>
        <Select options={REVIEW_MODES.map((mode) => ({ value: mode, label: t(`reviewMode.${mode}`) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="edit-unit-submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}
