import { Alert, Button, Descriptions, Form, Input, Result, Space } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { UnitSelect } from '../../../components/unit-select';
import type { Unit } from '../../../lib/api/get-units';
import { applyServerErrors } from '../../../lib/form-errors';
import { useT } from '../../../lib/i18n';
import { useMergeUnit, type MergeUnitResult } from '../api/merge-unit';

const FIELDS = ['intoUnitId', 'note'] as const;

interface Values {
  intoUnitId: number | undefined;
  note: string;
}

function Moved({ result }: { result: MergeUnitResult }) {
  const t = useT();
  const m = result.moved;
  return (
    <Descriptions column={1} size="small" bordered data-testid="merge-counts">
      <Descriptions.Item label={t('units.merge.openAssignments')}>{t('units.merge.assignmentsOn', { n: m.openAssignments, messages: m.messages })}</Descriptions.Item>
      <Descriptions.Item label={t('units.merge.accounts')}>{m.accounts}</Descriptions.Item>
      <Descriptions.Item label={t('units.merge.boards')}>{m.boards}</Descriptions.Item>
      <Descriptions.Item label={t('units.merge.children')}>{m.children}</Descriptions.Item>
    </Descriptions>
  );
}

/**
 * 机构改革: pick the surviving unit, see what will move (a dry run on the server, so the counts and refusals are
 * the real ones), confirm, see the result.
 */
export function MergeUnitForm({ unit, onDone }: { unit: Unit; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const merge = useMergeUnit();
  const [preview, setPreview] = useState<MergeUnitResult | null>(null);
  const [done, setDone] = useState<MergeUnitResult | null>(null);
  const [generalError, setGeneralError] = useState<unknown>(null);

  const run = (values: Values, dryRun: boolean) => {
    setGeneralError(null);
    const note = values.note?.trim();
    merge.mutate(
      { id: unit.id, input: { intoUnitId: values.intoUnitId!, ...(note ? { note } : {}), dryRun } },
      {
        onSuccess: (result) => (dryRun ? setPreview(result) : setDone(result)),
        onError: (error) => {
          setPreview(null);
          if (!applyServerErrors(form, error, FIELDS)) setGeneralError(error);
        },
      },
    );
  };

  if (done) {
    return (
      <Result
        status="success"
        title={t('units.merge.done', { from: done.unit.name, into: done.into.name })}
        subTitle={<Moved result={done} />}
        extra={
          <Button type="primary" onClick={onDone} data-testid="merge-unit-close">
            {t('units.merge.close')}
          </Button>
        }
      />
    );
  }

  return (
    <Form form={form} layout="vertical" onFinish={(values) => run(values, true)} onValuesChange={() => setPreview(null)} disabled={merge.isPending}>
      <Alert type="info" showIcon title={t('units.merge.help', { name: unit.name })} className="form-alert" />
      {generalError !== null && (
        <div className="form-alert">
          <ErrorAlert error={generalError} />
        </div>
      )}
      <Form.Item name="intoUnitId" label={t('units.merge.into')} rules={[{ required: true, message: t('units.merge.intoRequired') }]}>
        <UnitSelect exclude={[unit.id]} data-testid="merge-into" />
      </Form.Item>
      <Form.Item name="note" label={t('units.merge.note')} extra={t('units.merge.noteHelp')}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
      {preview ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('units.merge.willMove', { from: preview.unit.name, into: preview.into.name })} />
          <Moved result={preview} />
          <Space>
            <Button type="primary" danger loading={merge.isPending} onClick={() => run(form.getFieldsValue(), false)} data-testid="merge-unit-confirm">
              {t('units.merge.confirm')}
            </Button>
            <Button onClick={() => setPreview(null)}>{t('common.cancel')}</Button>
          </Space>
        </Space>
      ) : (
        <Button type="primary" htmlType="submit" loading={merge.isPending} data-testid="merge-unit-preview">
          {t('units.merge.preview')}
        </Button>
      )}
    </Form>
  );
}
