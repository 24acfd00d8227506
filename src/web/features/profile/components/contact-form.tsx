import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import type { Account } from '../../../lib/api/get-me';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useUpdateMe } from '../api/update-me';

/** Staff: the contact e-mail (notifications, reports, password-reset codes). */
export function ContactForm({ account }: { account: Account }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ email: string }>();
  const update = useUpdateMe();
  const [generalError, setGeneralError] = useState<unknown>(null);
  const onFinish = (values: { email: string }) => {
    setGeneralError(null);
    update.mutate(
      { email: values.email?.trim() || null },
      {
        onSuccess: () => void message.success(t('profile.saved')),
        onError: (error) => {
          if (!applyServerErrors(form, error, ['email'])) setGeneralError(error);
        },
      },
    );
  };
  return (
    <Card title={<h2 className="card-title">{t('profile.editContact')}</h2>}>
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form form={form} layout="vertical" initialValues={{ email: account.email ?? '' }} onFinish={onFinish} requiredMark={false}>
        <Form.Item name="email" label={t('profile.email')} rules={[{ type: 'email', message: t('profile.emailInvalid') }]}>
          <Input type="email" autoComplete="email" maxLength={254} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
