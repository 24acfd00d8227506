import { App, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { MOBILE_PATTERN, PASSWORD_MAX, PASSWORD_MIN } from '../../../../shared/domain';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useResetPassword, type ResetPasswordInput } from '../api/reset-password';
import { useSendSmsCode } from '../api/send-sms-code';
import { AuthCard } from '../components/auth-card';
import { useCountdown } from '../../../lib/use-countdown';

const mobilePattern = new RegExp(MOBILE_PATTERN);
const FIELDS = ['mobile', 'code', 'password'] as const;

/** 忘记密码: a code to the registered mobile, then a new password. */
export function ForgotPasswordPage() {
  const t = useT();
  useDocumentTitle(t('auth.forgot.title'));
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetPasswordInput>();
  const sendCode = useSendSmsCode('reset_password');
  const reset = useResetPassword();
  const navigate = useNavigate();
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

  const onFinish = (values: ResetPasswordInput) => {
    setGeneralError(null);
    reset.mutate(values, {
      onSuccess: () => {
        void message.success(t('auth.forgot.done'));
        navigate('/login', { replace: true });
      },
      onError: (error) => {
        if (!applyServerErrors(form, error, FIELDS)) setGeneralError(error);
      },
    });
  };

  return (
    <AuthCard title={t('auth.forgot.title')}>
      <p>{t('auth.forgot.intro')}</p>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} title={t('auth.forgot.failed')} />
        </div>
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={reset.isPending}>
        <Form.Item
          name="mobile"
          label={t('auth.register.mobile')}
          rules={[
            { required: true, message: t('auth.register.mobileRequired') },
            { pattern: mobilePattern, message: t('auth.register.mobileInvalid') },
          ]}
        >
          <Input inputMode="numeric" autoComplete="tel" maxLength={11} />
        </Form.Item>
        <Form.Item label={t('auth.register.code')} htmlFor="reset-code" required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, message: t('auth.register.codeRequired') }]}>
              <Input id="reset-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
            <Button onClick={onSendCode} disabled={secondsLeft > 0} loading={sendCode.isPending} data-testid="send-code">
              {secondsLeft > 0 ? t('auth.register.resendIn', { seconds: secondsLeft }) : t('auth.register.sendCode')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.forgot.newPassword')}
          extra={t('auth.register.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
          rules={[
            { required: true, message: t('auth.register.passwordRequired') },
            { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t('auth.register.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={reset.isPending} data-testid="reset-submit">
          {t('auth.forgot.submit')}
        </Button>
      </Form>
      <p className="auth-switch">
        <Link to="/login">{t('auth.login.title')}</Link>
      </p>
    </AuthCard>
  );
}
