import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ADOPTION_NOTE_MAX, ADOPTION_PRIZE_MAX, type CampaignEntry } from '../../../../shared/campaigns';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useAdoptEntry } from '../api/adopt-entry';

interface Values {
  note: string;
  prize?: string;
}

/** 采纳: the public note on what was adopted and where, and (a campaign with prizes) the prize. Mounted only while open. */
export function AdoptDialog({ entry, hasPrizes, onClose }: { entry: CampaignEntry; hasPrizes: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const adopt = useAdoptEntry();
  const [error, setError] = useState<unknown>(null);

  const onFinish = (values: Values) => {
    setError(null);
    adopt.mutate(
      { campaignId: entry.campaignId, entryId: entry.id, input: { note: values.note.trim(), prize: hasPrizes ? values.prize?.trim() || null : undefined } },
      {
        onSuccess: () => {
          void message.success(entry.adopted ? t('campaigns.adopt.updated') : t('campaigns.adopt.done'));
          onClose();
        },
        onError: (e) => {
          if (!applyServerErrors(form, e, ['note', 'prize'])) setError(e);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={entry.adopted ? t('campaigns.adopt.editTitle') : t('campaigns.adopt.title')}
      okText={entry.adopted ? t('common.save') : t('campaigns.adopt.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: adopt.isPending, 'data-testid': 'adopt-ok' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="dialog-target">
        {entry.number} · {entry.title}
      </p>
      {error !== null && (
        <div className="form-alert">
          <ErrorAlert error={error} />
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={adopt.isPending}
        initialValues={{ note: entry.adopted?.note ?? '', prize: entry.adopted?.prize ?? '' }}
      >
        <Form.Item name="note" label={t('campaigns.adopt.note')} extra={t('campaigns.adopt.noteHelp')} rules={[{ required: true, whitespace: true, message: t('campaigns.adopt.noteRequired') }]}>
          <Input.TextArea maxLength={ADOPTION_NOTE_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('campaigns.adopt.notePlaceholder')} />
        </Form.Item>
        {hasPrizes && (
          <Form.Item name="prize" label={t('campaigns.adopt.prize')} extra={t('campaigns.adopt.prizeHelp')}>
            <Input maxLength={ADOPTION_PRIZE_MAX} placeholder={t('campaigns.adopt.prizePlaceholder')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
