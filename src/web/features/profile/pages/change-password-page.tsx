import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../shared/domain';
import { useMe } from '../../../lib/api/get-me';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useChangePassword, type ChangePasswordInput } from '../api/change-password';

/** Only same-site paths, so a crafted link cannot send the account elsewhere. */
function localNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/me';
}

/** The own password; also the screen a new or reset staff account is held on until it sets one. Inside RequireAuth. */
export function ChangePasswordPage() {
  const t = useT();
  useDocumentTitle(t('password.title'));
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<ChangePasswordInput & { confirm: string }>();
  const change = useChangePassword();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [generalError, setGeneralError] = useState<unknown>(null);
  const forced = me.data?.mustChangePassword ?? false;

  const onFinish = (values: ChangePasswordInput & { confirm: string }) => {
    setGeneralError(null);
    change.mutate(
      { currentPassword: values.currentPassword, password: values.password },
      {
        onSuccess: () => {
          void message.success(t('password.changed'));
          form.resetFields();
          if (forced) navigate(localNext(params.get('next')), { replace: true });
        },
        onError: (error) => {
          if (!applyServerErrors(form, error, ['currentPassword', 'password'])) setGeneralError(error);
        },
      },
    );
  };

  return (
    <>
      <h1 className="page-title">{t('password.title')}</h1>
      <Card style={{ maxWidth: 520 }}>
        {forced && <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} data-testid="password-forced" />}
        {generalError !== null && (
          <div className="form-alert">
            <ErrorAlert error={generalError} />
          </div>
        )}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={change.isPending}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('password.new')}
            extra={t('auth.register.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
            rules={[
              { required: true, message: t('auth.register.passwordRequired') },
              { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t('auth.register.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX }) },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('auth.register.passwordRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
