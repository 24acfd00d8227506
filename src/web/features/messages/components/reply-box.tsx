import { App, Button, Checkbox, Form, Input } from 'antd';
import { useState } from 'react';
import { BODY_MAX } from '../../../../shared/messages';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useAddReply } from '../api/add-reply';

interface Values {
  body: string;
  final: boolean;
}

/** A quick reply for the unit holding the signed lead assignment; the full desk is the console's message page. */
export function ReplyBox({ messageId }: { messageId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddReply();
  const [error, setError] = useState<unknown>(null);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={add.isPending}
      initialValues={{ final: false }}
      onFinish={(values) => {
        setError(null);
        add.mutate(
          { id: messageId, body: values.body.trim(), final: values.final },
          {
            onSuccess: (reply) => {
              form.resetFields();
              void message.success(t(reply.status === 'pending_review' ? 'reply.held' : 'reply.sent'));
            },
            onError: (e) => {
              if (!applyServerErrors(form, e, ['body', 'final'])) setError(e);
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
      <Form.Item name="body" label={t('reply.label')} rules={[{ required: true, whitespace: true, message: t('reply.required') }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={BODY_MAX} showCount data-testid="reply-body" />
      </Form.Item>
      <Form.Item name="final" valuePropName="checked" extra={t('reply.finalHelp')}>
        <Checkbox data-testid="reply-final">{t('reply.final')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="reply-submit">
        {t('reply.submit')}
      </Button>
    </Form>
  );
}
