import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, InputNumber, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { HANDLING_CLASSES, type HandlingClass } from '../../../../shared/handling';
import { DateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { RegionCascader } from '../../../components/region-cascader';
import { can, useMe } from '../../../lib/api/get-me';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useDeletePolicy } from '../api/delete-policy';
import { NATIONAL_REGION, usePolicies, type DeadlinePolicy } from '../api/get-policies';
import { useSavePolicy, type PolicyDays } from '../api/save-policy';
import { ActionDialog } from '../components/action-dialog';
import { HandlingClassTag } from '../components/handling-tags';
import '../components/handling.css';

type Editing = { mode: 'edit'; policy: DeadlinePolicy } | { mode: 'add' };

/** /console/policies — deadlines in working days per region and handling class; the nearest region's apply. */
export function PoliciesPage() {
  const t = useT();
  useDocumentTitle(t('policies.title'));
  const me = useMe();
  const manage = can(me.data, 'policy.manage');
  const policies = usePolicies();
  const remove = useDeletePolicy();
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState<Editing | null>(null);

  const confirmDelete = (p: DeadlinePolicy) => {
    void modal.confirm({
      title: t('policies.deleteTitle', { region: p.regionName, class: t(`handlingClass.${p.handlingClass}`) }),
      content: t('policies.deleteBody'),
      okText: t('policies.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync({ regionCode: p.regionCode, handlingClass: p.handlingClass }).then(
          () => void message.success(t('policies.deleted')),
          (error: unknown) => void message.error(isApiError(error) ? error.detail || error.title || t('error.generic') : t('error.generic')),
        ),
    });
  };

  const days = (n: number) => t('policies.days', { n });
  const columns: TableColumnsType<DeadlinePolicy> = [
    {
      title: t('policies.col.region'),
      key: 'region',
      render: (_, p) => (p.regionCode === NATIONAL_REGION ? <strong>{t('policies.national')}</strong> : p.regionName),
    },
    { title: t('policies.col.class'), key: 'class', render: (_, p) => <HandlingClassTag value={p.handlingClass} /> },
    { title: t('policies.col.sign'), dataIndex: 'signDays', align: 'end', render: days },
    { title: t('policies.col.contact'), dataIndex: 'contactDays', align: 'end', render: days },
    { title: t('policies.col.reply'), dataIndex: 'replyDays', align: 'end', render: days },
    { title: t('policies.col.maxExtension'), dataIndex: 'maxExtensionDays', align: 'end', render: days },
    { title: t('policies.col.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => <DateTime value={at} /> },
    ...(manage
      ? [
          {
            title: t('fields.col.actions'),
            key: 'actions',
            render: (_: unknown, p: DeadlinePolicy) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ mode: 'edit', policy: p })} aria-label={t('policies.editOf', { region: p.regionName, class: t(`handlingClass.${p.handlingClass}`) })}>
                  {t('fields.edit')}
                </Button>
                {p.regionCode !== NATIONAL_REGION && (
                  <Button size="small" danger onClick={() => confirmDelete(p)} aria-label={t('policies.deleteOf', { region: p.regionName, class: t(`handlingClass.${p.handlingClass}`) })}>
                    {t('policies.delete')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('policies.title')}</h1>
        {manage && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ mode: 'add' })} data-testid="policy-add">
            {t('policies.add')}
          </Button>
        )}
      </div>
      <p className="page-intro">{t('policies.intro')}</p>
      {policies.isError && <ErrorAlert error={policies.error} />}
      <Table<DeadlinePolicy>
        rowKey={(p) => `${p.regionCode}/${p.handlingClass}`}
        columns={columns}
        dataSource={policies.data ?? []}
        loading={policies.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(p) => (p.regionCode === NATIONAL_REGION ? 'policy-national' : '')}
        data-testid="policies-table"
      />
      {editing && <PolicyDialog editing={editing} policies={policies.data ?? []} onClose={() => setEditing(null)} />}
    </>
  );
}

interface Values extends PolicyDays {
  regionCode: string;
  handlingClass: HandlingClass;
}

function PolicyDialog({ editing, policies, onClose }: { editing: Editing; policies: DeadlinePolicy[]; onClose: () => void }) {
  const t = useT();
  const save = useSavePolicy();
  const base = editing.mode === 'edit' ? editing.policy : policies.find((p) => p.regionCode === NATIONAL_REGION && p.handlingClass === 'timely');
  const initial: Partial<Values> = {
    regionCode: editing.mode === 'edit' ? editing.policy.regionCode : undefined,
    handlingClass: editing.mode === 'edit' ? editing.policy.handlingClass : 'timely',
    signDays: base?.signDays ?? 1,
    contactDays: base?.contactDays ?? 3,
    replyDays: base?.replyDays ?? 7,
    maxExtensionDays: base?.maxExtensionDays ?? 0,
  };
  const dayField = (name: keyof PolicyDays, label: string, min: number, max: number) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('policies.daysRequired') }]}>
      <InputNumber min={min} max={max} precision={0} suffix={t('policies.workingDays')} style={{ width: '10rem' }} />
    </Form.Item>
  );
  return (
    <ActionDialog<Values>
      title={editing.mode === 'edit' ? t('policies.editOf', { region: editing.policy.regionName, class: t(`handlingClass.${editing.policy.handlingClass}`) }) : t('policies.add')}
      okText={t('common.save')}
      successText={t('policies.saved')}
      fields={['regionCode', 'handlingClass', 'signDays', 'contactDays', 'replyDays', 'maxExtensionDays']}
      initialValues={initial}
      onClose={onClose}
      onSubmit={(v) =>
        save.mutateAsync({
          regionCode: editing.mode === 'edit' ? editing.policy.regionCode : v.regionCode,
          handlingClass: editing.mode === 'edit' ? editing.policy.handlingClass : v.handlingClass,
          days: { signDays: v.signDays, contactDays: v.contactDays, replyDays: v.replyDays, maxExtensionDays: v.maxExtensionDays },
        })
      }
    >
      {editing.mode === 'add' && (
        <>
          <Form.Item name="regionCode" label={t('policies.col.region')} extra={t('policies.regionHelp')} rules={[{ required: true, message: t('policies.regionRequired') }]}>
            <RegionCascader />
          </Form.Item>
          <Form.Item name="handlingClass" label={t('policies.col.class')} rules={[{ required: true }]}>
            <Select options={HANDLING_CLASSES.map((value) => ({ value, label: t(`handlingClass.${value}`) }))} />
          </Form.Item>
        </>
      )}
      {dayField('signDays', t('policies.col.sign'), 1, 30)}
      {dayField('contactDays', t('policies.col.contact'), 1, 60)}
      {dayField('replyDays', t('policies.col.reply'), 1, 90)}
      {dayField('maxExtensionDays', t('policies.col.maxExtension'), 0, 90)}
    </ActionDialog>
  );
}
