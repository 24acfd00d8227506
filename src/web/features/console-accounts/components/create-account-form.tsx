import { App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { MOBILE_PATTERN, PASSWORD_MAX, PASSWORD_MIN } from '../../../../shared/domain';
import { ErrorAlert } from '../../../components/error-alert';
import { UnitSelect } from '../../../components/unit-select';
import { useMe } from '../../../lib/api/get-me';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useCreateAccount, type CreateAccountInput } from '../api/create-account';

const FIELDS = ['login', 'password', 'displayName', 'unitId', 'roles', 'mobile'] as const;
const mobilePattern = new RegExp(MOBILE_PATTERN);

export function CreateAccountForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateAccountInput>();
  const create = useCreateAccount();
  // The server says which roles this account may hand out; a unit admin sees only those.
  const grantable = useMe().data?.grantableRoles ?? [];
  const [generalError, setGeneralError] = useState<unknown>(null);

  const onFinish = (values: CreateAccountInput) => {
    setGeneralError(null);
    const input: CreateAccountInput = {
      ...values,
      login: values.login.trim(),
      displayName: values.displayName.trim(),
      mobile: values.mobile?.trim() || undefined,
    };
    create.mutate(input, {
      onSuccess: (account) => {
        void message.success(t('accounts.created', { login: account.login }));
        form.resetFields();
        onDone();
      },
      onError: (error) => {
        if (!applyServerErrors(form, error, FIELDS)) setGeneralError(error);
      },
    });
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} disabled={create.isPending}>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form.Item name="login" label={t('accounts.form.login')} rules={[{ required: true, whitespace: true, message: t('accounts.form.loginRequired') }]}>
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('accounts.form.password')}
        extra={t('auth.register.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
        rules={[
          { required: true, message: t('auth.register.passwordRequired') },
          { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t('auth.register.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX }) },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('accounts.form.displayName')}
        rules={[{ required: true, whitespace: true, message: t('accounts.form.displayNameRequired') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="unitId" label={t('accounts.form.unit')} rules={[{ required: true, message: t('accounts.form.unitRequired') }]}>
        <UnitSelect />
      </Form.Item>
      <Form.Item name="roles" label={t('accounts.form.roles')} rules={[{ required: true, message: t('accounts.form.rolesRequired') }]}>
        <Select mode="multiple" options={grantable.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={t('accounts.form.mobile')}
        rules={[{ pattern: mobilePattern, message: t('auth.register.mobileInvalid') }]}
      >
        <Input inputMode="numeric" maxLength={11} autoComplete="off" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        {t('accounts.create')}
      </Button>
    </Form>
  );
}
