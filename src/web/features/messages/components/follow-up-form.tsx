import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { FOLLOW_UP_MAX } from '../../../../shared/messages';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useAddFollowUp } from '../api/add-follow-up';

/** 追问: the author adds to the message while it is being handled. */
export function FollowUpForm({ messageId }: { messageId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const add = useAddFollowUp();
  const [error, setError] = useState<unknown>(null);

  return (
    <Form
      form={form}
      layout="vertical"
      disabled={add.isPending}
      onFinish={({ body }) => {
        setError(null);
        add.mutate(
          { id: messageId, body: body.trim() },
          {
            onSuccess: () => {
              form.resetFields();
              void message.success(t('followUp.sent'));
            },
            onError: (e) => {
              if (!applyServerErrors(form, e, ['body'])) setError(e);
            },
          },
        );
      }}
    >
      {error !== null && (
        <div className="form-alert">
          <ErrorAlert error={error} />
        </div>
      )}
      <Form.Item
        name="body"
        label={t('followUp.label')}
        extra={t('followUp.help')}
        rules={[{ required: true, whitespace: true, message: t('followUp.required') }]}
      >
        <Input.TextArea maxLength={FOLLOW_UP_MAX} showCount autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t('followUp.submit')}
      </Button>
    </Form>
  );
}
