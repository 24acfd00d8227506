import { Button, Form, Input } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useMe } from '../../../lib/api/get-me';
import { ErrorAlert } from '../../../components/error-alert';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useLogin, type LoginInput } from '../api/login';
import { AuthCard } from '../components/auth-card';
import { safeNext } from '../safe-next';

export function LoginPage() {
  const t = useT();
  useDocumentTitle(t('auth.login.title'));
  const [form] = Form.useForm<LoginInput>();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (me.data && !login.isSuccess) return <Navigate to={next} replace />;

  const onFinish = (values: LoginInput) => {
    login.mutate({ login: values.login.trim(), password: values.password }, { onSuccess: () => navigate(next, { replace: true }) });
  };

  return (
    <AuthCard title={t('auth.login.title')}>
      {login.isError && (
        <div className="form-alert">
          <ErrorAlert error={login.error} title={t('auth.login.failed')} />
        </div>
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
        <Form.Item
          name="login"
          label={t('auth.login.login')}
          rules={[{ required: true, whitespace: true, message: t('auth.login.loginRequired') }]}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.login.password')}
          rules={[{ required: true, message: t('auth.register.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('auth.login.submit')}
        </Button>
      </Form>
      <p className="auth-switch">
        {t('auth.login.noAccount')} <Link to="/register">{t('auth.login.toRegister')}</Link>
      </p>
    </AuthCard>
  );
}
