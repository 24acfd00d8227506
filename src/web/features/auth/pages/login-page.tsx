import { App, Button, Form, Input, Space, Tabs } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { MOBILE_PATTERN } from '../../../../shared/domain';
import { can, useMe, type SessionResponse } from '../../../lib/api/get-me';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useLogin, type LoginInput } from '../api/login';
import { useSmsLogin, type SmsLoginInput } from '../api/login-sms';
import { useSendSmsCode } from '../api/send-sms-code';
import { AuthCard } from '../components/auth-card';
import { safeNext } from '../safe-next';
import { useCountdown } from '../../../lib/use-countdown';

const mobilePattern = new RegExp(MOBILE_PATTERN);

export function LoginPage() {
  const t = useT();
  useDocumentTitle(t('auth.login.title'));
  const me = useMe();
  const login = useLogin();
  const smsLogin = useSmsLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (me.data && !login.isSuccess && !smsLogin.isSuccess) return <Navigate to={next} replace />;

  // A new or reset staff account sets its own password before anything else.
  // Staff without a page to return to start the day on their workbench, not the public home page.
  const onLoggedIn = (session: SessionResponse) => {
    const target = next === '/' && can(session.account, 'console.enter') ? '/console' : next;
    navigate(session.account.mustChangePassword ? `/me/password?next=${encodeURIComponent(target)}` : target, { replace: true });
  };

  return (
    <AuthCard title={t('auth.login.title')}>
      <Tabs
        items={[
          { key: 'password', label: t('auth.login.tabPassword'), children: <PasswordLogin login={login} onLoggedIn={onLoggedIn} /> },
          { key: 'sms', label: t('auth.login.tabSms'), children: <SmsLogin login={smsLogin} onLoggedIn={onLoggedIn} /> },
        ]}
      />
      <p className="auth-switch">
        <Link to="/forgot-password" data-testid="forgot-password">
          {t('auth.login.forgot')}
        </Link>
      </p>
      <p className="auth-switch">
        {t('auth.login.noAccount')} <Link to="/register">{t('auth.login.toRegister')}</Link>
      </p>
    </AuthCard>
  );
}

function PasswordLogin({ login, onLoggedIn }: { login: ReturnType<typeof useLogin>; onLoggedIn: (s: SessionResponse) => void }) {
  const t = useT();
  const [form] = Form.useForm<LoginInput>();
  const onFinish = (values: LoginInput) => login.mutate({ login: values.login.trim(), password: values.password }, { onSuccess: onLoggedIn });
  return (
    <>
      {login.isError && (
        <div className="form-alert">
          <ErrorAlert error={login.error} title={t('auth.login.failed')} />
        </div>
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
        <Form.Item name="login" label={t('auth.login.login')} rules={[{ required: true, whitespace: true, message: t('auth.login.loginRequired') }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.login.password')} rules={[{ required: true, message: t('auth.register.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('auth.login.submit')}
        </Button>
      </Form>
    </>
  );
}

function SmsLogin({ login, onLoggedIn }: { login: ReturnType<typeof useSmsLogin>; onLoggedIn: (s: SessionResponse) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<SmsLoginInput>();
  const sendCode = useSendSmsCode('login');
  const [secondsLeft, setSecondsLeft] = useCountdown();
  const [generalError, setGeneralError] = useState<unknown>(null);

  const onSendCode = async () => {
    setGeneralError(null);
    try {
      await form.validateFields(['mobile']);
    } catch {
      return;
    }
    sendCode.mutate(form.getFieldValue('mobile') as string, {
      onSuccess: (answer) => {
        setSecondsLeft(answer.retryAfterSeconds || 60);
        void message.success(t('auth.register.codeSent'));
      },
      onError: (error) => {
        if (!applyServerErrors(form, error, ['mobile'])) setGeneralError(error);
      },
    });
  };
  const onFinish = (values: SmsLoginInput) => {
    setGeneralError(null);
    login.mutate(values, {
      onSuccess: onLoggedIn,
      onError: (error) => {
        if (!applyServerErrors(form, error, ['mobile', 'code'])) setGeneralError(error);
      },
    });
  };
  return (
    <>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} title={t('auth.login.failed')} />
        </div>
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
        <Form.Item
          name="mobile"
          label={t('auth.login.mobile')}
          rules={[
            { required: true, message: t('auth.register.mobileRequired') },
            { pattern: mobilePattern, message: t('auth.register.mobileInvalid') },
          ]}
        >
          <Input inputMode="numeric" autoComplete="tel" maxLength={11} />
        </Form.Item>
        <Form.Item label={t('auth.register.code')} htmlFor="sms-login-code" required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, message: t('auth.register.codeRequired') }]}>
              <Input id="sms-login-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
            <Button onClick={onSendCode} disabled={secondsLeft > 0} loading={sendCode.isPending} data-testid="sms-login-send">
              {secondsLeft > 0 ? t('auth.register.resendIn', { seconds: secondsLeft }) : t('auth.register.sendCode')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="sms-login-submit">
          {t('auth.login.submit')}
        </Button>
      </Form>
    </>
  );
}
