import { App, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';

interface Props<V> {
  title: string;
  okText: string;
  danger?: boolean;
  /** What the dialog acts on, e.g. the message number and title. */
  target?: ReactNode;
  initialValues?: Partial<V>;
  /** The form fields the server may name in a problem's `field`/`errors[]`. */
  fields: readonly string[];
  /** Rejects with the ApiError; resolves when done. */
  onSubmit: (values: V) => Promise<unknown>;
  successText: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A small form in a modal for one handling action. Mounted only while open.
 * Field errors from the server land on their fields; anything else shows above
 * the form with the server's own (localised) words.
 */
export function ActionDialog<V extends object>({ title, okText, danger, target, initialValues, fields, onSubmit, successText, onClose, children }: Props<V>) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  const submit = async (values: V) => {
    setError(null);
    setPending(true);
    try {
      await onSubmit(values);
      void message.success(successText);
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, fields)) setError(e);
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, loading: pending, 'data-testid': 'dialog-ok' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {target && <p className="dialog-target">{target}</p>}
      {error !== null && (
        <div className="form-alert">
          <ErrorAlert error={error} />
        </div>
      )}
      <Form<V> form={form} layout="vertical" onFinish={(values) => void submit(values)} disabled={pending} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
