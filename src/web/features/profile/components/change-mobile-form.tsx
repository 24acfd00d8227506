import { App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { MOBILE_PATTERN } from '../../../../shared/domain';
import type { Account } from '../../../lib/api/get-me';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useChangeMobile, useSendMobileCodes, type ChangeMobileInput } from '../api/change-mobile';
import { useCountdown } from '../../../lib/use-countdown';

const mobilePattern = new RegExp(MOBILE_PATTERN);

/** 更换手机号: codes to the current and the new number, both required. */
export function ChangeMobileForm({ account }: { account: Account }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeMobileInput>();
  const send = useSendMobileCodes();
  const change = useChangeMobile();
  const [secondsLeft, setSecondsLeft] = useCountdown();
  const [generalError, setGeneralError] = useState<unknown>(null);
  const hasOld = account.mobileMasked !== null;

  const onSend = async () => {
    setGeneralError(null);
    try {
      await form.validateFields(['mobile']);
    } catch {
      return;
    }
    send.mutate(form.getFieldValue('mobile') as string, {
      onSuccess: (answer) => {
        setSecondsLeft(answer.retryAfterSeconds || 60);
        void message.success(t('auth.register.codeSent'));
      },
      onError: (error) => {
        if (!applyServerErrors(form, error, ['mobile'])) setGeneralError(error);
      },
    });
  };

  const onFinish = (values: ChangeMobileInput) => {
    setGeneralError(null);
    change.mutate(hasOld ? values : { mobile: values.mobile, newCode: values.newCode }, {
      onSuccess: () => {
        void message.success(t('mobile.changed'));
        form.resetFields();
      },
      onError: (error) => {
        if (!applyServerErrors(form, error, ['mobile', 'oldCode', 'newCode'])) setGeneralError(error);
      },
    });
  };

  return (
    <Card title={<h2 className="card-title">{t('mobile.title')}</h2>}>
      <p>{t('mobile.intro')}</p>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={change.isPending}>
        <Form.Item label={t('mobile.new')} htmlFor="new-mobile" required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="mobile"
              noStyle
              rules={[
                { required: true, message: t('auth.register.mobileRequired') },
                { pattern: mobilePattern, message: t('auth.register.mobileInvalid') },
              ]}
            >
              <Input id="new-mobile" inputMode="numeric" autoComplete="tel" maxLength={11} />
            </Form.Item>
            <Button onClick={onSend} disabled={secondsLeft > 0} loading={send.isPending} data-testid="mobile-send-codes">
              {secondsLeft > 0 ? t('auth.register.resendIn', { seconds: secondsLeft }) : t('mobile.sendCodes')}
            </Button>
          </Space.Compact>
        </Form.Item>
        {hasOld && (
          <Form.Item name="oldCode" label={t('mobile.oldCode')} rules={[{ required: true, message: t('auth.register.codeRequired') }]}>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </Form.Item>
        )}
        <Form.Item name="newCode" label={t('mobile.newCode')} rules={[{ required: true, message: t('auth.register.codeRequired') }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('mobile.submit')}
        </Button>
      </Form>
    </Card>
  );
}
