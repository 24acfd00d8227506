import { App, Alert, Button, Form, Input, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { RESULT_SUMMARY_MAX, type CampaignDetail } from '../../../../shared/campaigns';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { usePublishResults } from '../api/publish-campaign';
import { useSaveCampaign } from '../api/save-campaign';

/**
 * 发布结果: after the end, the organiser's summary goes public with the adopted entries
 * (published again: the summary is edited). Before the end, the campaign can be ended now.
 */
export function ResultsForm({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ summary: string }>();
  const publish = usePublishResults();
  const save = useSaveCampaign();
  const [error, setError] = useState<unknown>(null);

  if (campaign.status === 'draft') return <Alert type="info" showIcon title={t('campaigns.results.draft')} />;

  if (campaign.phase !== 'ended') {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('campaigns.results.notEnded')} description={t('campaigns.results.endNowHelp')} />
        {error !== null && <ErrorAlert error={error} />}
        <Popconfirm
          title={t('campaigns.results.endNowConfirm')}
          okText={t('campaigns.results.endNow')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            save.mutateAsync({ id: campaign.id, input: { endsAt: new Date().toISOString() } }).then(
              () => void message.success(t('campaigns.results.ended')),
              (e: unknown) => setError(e),
            )
          }
        >
          <Button danger loading={save.isPending} data-testid="end-now">
            {t('campaigns.results.endNow')}
          </Button>
        </Popconfirm>
      </Space>
    );
  }

  const again = campaign.status === 'results_published';
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ summary: campaign.resultSummary ?? '' }}
      disabled={publish.isPending}
      onFinish={(values) => {
        setError(null);
        publish.mutate(
          { id: campaign.id, summary: values.summary.trim() },
          {
            onSuccess: () => void message.success(again ? t('campaigns.results.updated') : t('campaigns.results.published')),
            onError: (e) => {
              if (!applyServerErrors(form, e, ['summary'])) setError(e);
            },
          },
        );
      }}
    >
      {again && <Alert type="success" showIcon className="form-alert" title={t('campaigns.results.alreadyOut')} />}
      {error !== null && (
        <div className="form-alert">
          <ErrorAlert error={error} />
        </div>
      )}
      <p className="muted">{t('campaigns.results.help', { adopted: campaign.adoptedCount, entries: campaign.entryCount })}</p>
      <Form.Item name="summary" label={t('campaigns.results.summary')} rules={[{ required: true, whitespace: true, message: t('campaigns.results.summaryRequired') }]}>
        <Input.TextArea maxLength={RESULT_SUMMARY_MAX} showCount autoSize={{ minRows: 5, maxRows: 16 }} placeholder={t('campaigns.results.summaryPlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={publish.isPending} data-testid="publish-results">
        {again ? t('campaigns.results.update') : t('campaigns.results.publish')}
      </Button>
    </Form>
  );
}
