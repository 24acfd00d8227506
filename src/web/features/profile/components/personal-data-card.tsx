import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Account } from '../../../lib/api/get-me';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { DATA_EXPORT_URL, useCloseAccount, useSendCloseCode } from '../api/personal-data';
import { useCountdown } from '../../../lib/use-countdown';

/** 个人信息 (个人信息保护法): download everything; citizens may also close (注销) the account. */
export function PersonalDataCard({ account }: { account: Account }) {
  const t = useT();
  const [closing, setClosing] = useState(false);
  return (
    <Card title={<h2 className="card-title">{t('privacy.title')}</h2>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <p>{t('privacy.exportIntro')}</p>
        <Button icon={<DownloadOutlined aria-hidden />} href={DATA_EXPORT_URL} download data-testid="data-export">
          {t('privacy.export')}
        </Button>
        {account.kind === 'citizen' && (
          <section aria-labelledby="close-account-title">
            <h3 id="close-account-title" className="card-title">
              {t('privacy.close.title')}
            </h3>
            <CloseWarning />
            <Button danger style={{ marginTop: 12 }} onClick={() => setClosing(true)} data-testid="close-account">
              {t('privacy.close.title')}
            </Button>
          </section>
        )}
      </Space>
      {closing && <CloseAccountModal account={account} onCancel={() => setClosing(false)} />}
    </Card>
  );
}

function CloseWarning() {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined aria-hidden />}
      title={t('privacy.close.warning')}
      description={
        <>
          <ul style={{ paddingInlineStart: 20, margin: '4px 0' }}>
            <li>{t('privacy.close.effect1')}</li>
            <li>{t('privacy.close.effect2')}</li>
            <li>{t('privacy.close.effect3')}</li>
          </ul>
          <p style={{ margin: 0 }}>{t('privacy.close.hint')}</p>
        </>
      }
    />
  );
}

interface CloseValues {
  password?: string;
  code?: string;
}

function CloseAccountModal({ account, onCancel }: { account: Account; onCancel: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CloseValues>();
  const [method, setMethod] = useState<'password' | 'sms'>('password');
  const [secondsLeft, setSecondsLeft] = useCountdown();
  const [generalError, setGeneralError] = useState<unknown>(null);
  const send = useSendCloseCode();
  const close = useCloseAccount();

  const onSend = () => {
    setGeneralError(null);
    send.mutate(undefined, {
      onSuccess: (answer) => {
        setSecondsLeft(answer.retryAfterSeconds || 60);
        void message.success(t('auth.register.codeSent'));
      },
      onError: (error) => setGeneralError(error),
    });
  };

  const onFinish = (values: CloseValues) => {
    setGeneralError(null);
    close.mutate(method === 'password' ? { password: values.password ?? '' } : { code: (values.code ?? '').trim() }, {
      onSuccess: () => {
        void message.success(t('privacy.close.done'));
        navigate('/', { replace: true });
        close.endSession();
      },
      onError: (error) => {
        if (!applyServerErrors(form, error, ['password', 'code'])) setGeneralError(error);
      },
    });
  };

  return (
    <Modal
      open
      title={t('privacy.close.confirmTitle')}
      onCancel={onCancel}
      okText={t('privacy.close.submit')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'close-account-confirm' } as Record<`data-${string}`, string>) }}
      cancelText={t('common.cancel')}
      confirmLoading={close.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <CloseWarning />
      {generalError !== null && (
        <div className="form-alert" style={{ marginTop: 12 }}>
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as 'password' | 'sms')} style={{ margin: '12px 0' }}>
        <Radio value="password">{t('privacy.close.byPassword')}</Radio>
        <Radio value="sms" data-testid="close-by-sms">
          {t('privacy.close.bySms')}
        </Radio>
      </Radio.Group>
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={close.isPending}>
        {method === 'password' ? (
          <Form.Item name="password" label={t('privacy.close.password')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="close-password" />
          </Form.Item>
        ) : (
          <>
            <Button onClick={onSend} disabled={secondsLeft > 0} loading={send.isPending} style={{ marginBottom: 12 }}>
              {secondsLeft > 0 ? t('auth.register.resendIn', { seconds: secondsLeft }) : t('privacy.close.sendCode', { mobile: account.mobileMasked ?? '' })}
            </Button>
            <Form.Item name="code" label={t('privacy.close.code')} rules={[{ required: true, message: t('auth.register.codeRequired') }]}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
