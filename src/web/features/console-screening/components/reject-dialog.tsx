import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { NOTE_MAX, REJECT_REASONS, type RejectReason } from '../../../../shared/messages';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useScreenMessage } from '../api/screen-message';
import type { ScreeningItem } from '../api/get-screening';

interface Values {
  reason: RejectReason;
  note?: string;
}

/** 不予受理 with a reason the author will see, and an optional note. */
export function RejectDialog({ item, onClose, onDone }: { item: ScreeningItem | null; onClose: () => void; onDone: (item: ScreeningItem) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const screen = useScreenMessage();
  const [error, setError] = useState<unknown>(null);

  const submit = (values: Values) => {
    if (!item) return;
    setError(null);
    screen.mutate(
      { id: item.id, decision: { decision: 'reject', reason: values.reason, note: values.note?.trim() || undefined } },
      {
        onSuccess: () => {
          form.resetFields();
          onDone(item);
        },
        onError: (e) => {
          if (!applyServerErrors(form, e, ['reason', 'note'])) setError(e);
        },
      },
    );
  };

  return (
    <Modal
      open={item !== null}
      title={t('screening.rejectTitle')}
      okText={t('screening.rejectOk')}
      okButtonProps={{ danger: true, loading: screen.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      {item && <p className="reject-target">{t('screening.rejectTarget', { number: item.number, title: item.title })}</p>}
      {error !== null && (
        <div className="form-alert">
          <ErrorAlert error={error} />
        </div>
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={screen.isPending}>
        <Form.Item name="reason" label={t('screening.reason')} rules={[{ required: true, message: t('screening.reasonRequired') }]}>
          <Select
            placeholder={t('screening.reasonPlaceholder')}
            options={REJECT_REASONS.map((value) => ({ value, label: t(`rejectReason.${value}`) }))}
            data-testid="reject-reason"
          />
        </Form.Item>
        <Form.Item name="note" label={t('screening.note')} extra={t('screening.noteHelp')}>
          <Input.TextArea maxLength={NOTE_MAX} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
