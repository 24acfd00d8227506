import { App, Button, Card, Form, Input, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { REPORT_KINDS } from '../../../../shared/reports';
import { ErrorAlert } from '../../../components/error-alert';
import { useMe } from '../../../lib/api/get-me';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useSubscriptions } from '../api/get-subscriptions';
import { useSubscribe, type SubscriptionInput } from '../api/subscribe';
import { useUnsubscribe } from '../api/unsubscribe';
import { useUpdateEmail } from '../api/update-email';
import { ReportRegionPicker } from './report-region-picker';
import { REPORT_KIND_KEYS } from './report-kinds';

/** The own e-mail address: reports are sent there. */
function EmailForm() {
  const t = useT();
  const { message } = App.useApp();
  const me = useMe();
  const update = useUpdateEmail();
  const [form] = Form.useForm<{ email: string }>();
  const [editing, setEditing] = useState(false);
  const email = me.data?.email ?? null;

  if (email && !editing) {
    return (
      <p>
        {t('reports.email.current', { email })}{' '}
        <Button type="link" size="small" onClick={() => setEditing(true)}>
          {t('reports.email.change')}
        </Button>
      </p>
    );
  }
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ email: email ?? '' }}
      disabled={update.isPending}
      onFinish={({ email: next }) =>
        update.mutate(next.trim() === '' ? null : next.trim(), {
          onSuccess: () => {
            void message.success(t('reports.email.saved'));
            setEditing(false);
          },
          onError: (error) => {
            applyServerErrors(form, error, ['email']);
          },
        })
      }
    >
      <Form.Item name="email" label={t('reports.email.label')} rules={[{ type: 'email', message: t('reports.email.invalid') }]}>
        <Input type="email" autoComplete="email" maxLength={254} style={{ minWidth: '16rem' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** 订阅: the own subscriptions, a way to add one, and the address they go to. */
export function SubscriptionsCard({ defaultRegion }: { defaultRegion: string | undefined }) {
  const t = useT();
  const { message } = App.useApp();
  const subscriptions = useSubscriptions(true);
  const subscribe = useSubscribe();
  const unsubscribe = useUnsubscribe();
  const [form] = Form.useForm<SubscriptionInput>();
  const [error, setError] = useState<unknown>(null);

  return (
    <Card title={<h2 className="card-title">{t('reports.subscriptions.title')}</h2>} className="report-subscriptions">
      <Typography.Paragraph type="secondary">{t('reports.subscriptions.intro')}</Typography.Paragraph>
      <EmailForm />
      {error !== null && <ErrorAlert error={error} />}
      <List
        loading={subscriptions.isPending}
        dataSource={subscriptions.data?.items ?? []}
        locale={{ emptyText: t('reports.subscriptions.none') }}
        renderItem={(s) => (
          <List.Item
            actions={[
              <Button
                key="off"
                size="small"
                loading={unsubscribe.isPending && unsubscribe.variables?.kind === s.kind && unsubscribe.variables.region === s.region.code}
                onClick={() => unsubscribe.mutate({ kind: s.kind, region: s.region.code }, { onSuccess: () => void message.success(t('reports.subscriptions.removed')), onError: setError })}
              >
                {t('reports.unsubscribe')}
              </Button>,
            ]}
          >
            {t('reports.subscriptions.item', { kind: t(REPORT_KIND_KEYS[s.kind]), region: s.region.name })}
          </List.Item>
        )}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'weekly', region: defaultRegion }}
        disabled={subscribe.isPending}
        onFinish={(values) => {
          setError(null);
          subscribe.mutate(values, {
            onSuccess: () => void message.success(t('reports.subscriptions.added')),
            onError: (e) => {
              if (!applyServerErrors(form, e, ['kind', 'region'])) setError(e);
            },
          });
        }}
      >
        <Space wrap align="end">
          <Form.Item name="kind" label={t('reports.form.kind')} rules={[{ required: true }]}>
            <Select style={{ minWidth: '10rem' }} options={REPORT_KINDS.map((k) => ({ value: k, label: t(REPORT_KIND_KEYS[k]) }))} />
          </Form.Item>
          <Form.Item name="region" label={t('reports.form.region')} rules={[{ required: true, message: t('reports.form.regionRequired') }]}>
            <ReportRegionPicker />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={subscribe.isPending}>
              {t('reports.subscribe')}
            </Button>
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}
