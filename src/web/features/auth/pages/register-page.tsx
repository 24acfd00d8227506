import { App, Button, Form, Input, Space, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { MOBILE_PATTERN, NICKNAME_MAX, PASSWORD_MAX, PASSWORD_MIN } from '../../../../shared/domain';
import { useMe } from '../../../lib/api/get-me';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useRegister, type RegisterInput } from '../api/register';
import { useSendSmsCode } from '../api/send-sms-code';
import { AuthCard } from '../components/auth-card';
import { useCountdown } from '../../../lib/use-countdown';

const FIELDS = ['mobile', 'code', 'password', 'nickname'] as const;
const DEFAULT_RETRY_SECONDS = 60;
const mobilePattern = new RegExp(MOBILE_PATTERN);

export function RegisterPage() {
  const t = useT();
  useDocumentTitle(t('auth.register.title'));
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterInput>();
  const me = useMe();
  const register = useRegister();
  const sendCode = useSendSmsCode();
  const navigate = useNavigate();
  const [secondsLeft, setSecondsLeft] = useCountdown();
  const codeInput = useRef<InputRef>(null);
  // Server errors that name no field of this form are shown above it.
  const [generalError, setGeneralError] = useState<unknown>(null);

  if (me.data && !register.isSuccess) return <Navigate to="/" replace />;

  const onSendCode = async () => {
    setGeneralError(null);
    try {
      await form.validateFields(['mobile']);
    } catch {
      return;
    }
    const mobile = form.getFieldValue('mobile') as string;
    sendCode.mutate(mobile, {
      onSuccess: (answer) => {
        setSecondsLeft(answer.retryAfterSeconds || DEFAULT_RETRY_SECONDS);
        void message.success(t('auth.register.codeSent'));
        codeInput.current?.focus();
      },
      onError: (error) => {
        if (!applyServerErrors(form, error, ['mobile'])) setGeneralError(error);
      },
    });
  };

  const onFinish = (values: RegisterInput) => {
    setGeneralError(null);
    register.mutate(
      { ...values, nickname: values.nickname.trim() },
      {
        onSuccess: () => navigate('/', { replace: true }),
        onError: (error) => {
          if (!applyServerErrors(form, error, FIELDS)) setGeneralError(error);
        },
      },
    );
  };

  return (
    <AuthCard title={t('auth.register.title')}>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} title={t('auth.register.failed')} />
        </div>
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={register.isPending}>
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
        <Form.Item label={t('auth.register.code')} htmlFor="code" required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, message: t('auth.register.codeRequired') }]}>
              <Input ref={codeInput} inputMode="numeric" autoComplete="one-time-code" maxLength={8} />
            </Form.Item>
            <Button onClick={onSendCode} disabled={secondsLeft > 0} loading={sendCode.isPending} data-testid="send-code">
              {secondsLeft > 0 ? t('auth.register.resendIn', { seconds: secondsLeft }) : t('auth.register.sendCode')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.register.password')}
          extra={t('auth.register.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
          rules={[
            { required: true, message: t('auth.register.passwordRequired') },
            {
              min: PASSWORD_MIN,
              max: PASSWORD_MAX,
              message: t('auth.register.passwordRule', { min: PASSWORD_MIN, max: PASSWORD_MAX }),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="nickname"
          label={t('auth.register.nickname')}
          rules={[
            { required: true, whitespace: true, message: t('auth.register.nicknameRequired') },
            { max: NICKNAME_MAX, message: t('auth.register.nicknameMax', { max: NICKNAME_MAX }) },
          ]}
        >
          <Input autoComplete="nickname" maxLength={NICKNAME_MAX} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={register.isPending} data-testid="register-submit">
          {t('auth.register.submit')}
        </Button>
      </Form>
      <p className="auth-switch">
        {t('auth.register.haveAccount')} <Link to="/login">{t('auth.register.toLogin')}</Link>
      </p>
    </AuthCard>
  );
}
