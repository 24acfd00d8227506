import { App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { MOBILE_PATTERN } from '../../../../shared/domain';
import type { StaffRole } from '../../../../shared/permissions';
import { ErrorAlert } from '../../../components/error-alert';
import { UnitSelect } from '../../../components/unit-select';
import { useMe } from '../../../lib/api/get-me';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import type { StaffAccount } from '../api/get-accounts';
import { useUpdateAccount, type UpdateAccountInput } from '../api/manage-account';

const FIELDS = ['displayName', 'unitId', 'roles', 'email', 'mobile'] as const;
const mobilePattern = new RegExp(MOBILE_PATTERN);

interface Values {
  displayName: string;
  unitId: number;
  roles: StaffRole[];
  email: string;
  mobile: string;
}

/** Name, unit, roles (those the admin may grant) and contact details; only changed fields are sent. */
export function EditAccountForm({ account, onDone }: { account: StaffAccount; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateAccount();
  const grantable = useMe().data?.grantableRoles ?? [];
  const [generalError, setGeneralError] = useState<unknown>(null);

  const onFinish = (values: Values) => {
    setGeneralError(null);
    const input: UpdateAccountInput = {};
    if (values.displayName.trim() !== account.displayName) input.displayName = values.displayName.trim();
    if (values.unitId !== account.unit.id) input.unitId = values.unitId;
    if ([...values.roles].sort().join() !== [...account.roles].sort().join()) input.roles = values.roles;
    const email = values.email?.trim() || null;
    if (email !== account.email) input.email = email;
    // The mobile is shown masked: an empty field keeps it, a number replaces it.
    if (values.mobile?.trim()) input.mobile = values.mobile.trim();
    if (Object.keys(input).length === 0) return onDone();
    update.mutate(
      { id: account.id, input },
      {
        onSuccess: () => {
          void message.success(t('accounts.saved'));
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
      initialValues={{ displayName: account.displayName, unitId: account.unit.id, roles: account.roles, email: account.email ?? '', mobile: '' }}
    >
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form.Item name="displayName" label={t('accounts.form.displayName')} rules={[{ required: true, whitespace: true, message: t('accounts.form.displayNameRequired') }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="unitId" label={t('accounts.form.unit')} rules={[{ required: true, message: t('accounts.form.unitRequired') }]}>
        <UnitSelect initialLabel={account.unit.name} />
      </Form.Item>
      <Form.Item name="roles" label={t('accounts.form.roles')} rules={[{ required: true, message: t('accounts.form.rolesRequired') }]}>
        <Select mode="multiple" options={[...new Set([...grantable, ...account.roles])].map((role) => ({ value: role, label: t(`role.${role}`), disabled: !grantable.includes(role) }))} />
      </Form.Item>
      <Form.Item name="email" label={t('accounts.form.email')} rules={[{ type: 'email', message: t('profile.emailInvalid') }]}>
        <Input type="email" maxLength={254} autoComplete="off" />
      </Form.Item>
      <Form.Item name="mobile" label={t('accounts.form.mobile')} extra={account.mobileMasked ?? undefined} rules={[{ pattern: mobilePattern, message: t('auth.register.mobileInvalid') }]}>
        <Input inputMode="numeric" maxLength={11} autoComplete="off" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="edit-account-submit">
        {t('common.save')}
      </Button>
    </Form>
  );
}
