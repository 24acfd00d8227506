import { FileExcelOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space, Tooltip, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { AUDIT_ACTIONS, AUDIT_KINDS, auditActionLabel, auditTargetTypeLabel } from '../../../../shared/audit';
import { PagedTable } from '../../../components/paged-table';
import { UnitSelect } from '../../../components/unit-select';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { auditExportUrl, useAuditLog, type AuditEntry, type AuditFilters } from '../api/get-audit-log';
import { AuditDetails } from '../components/audit-details';

const DAY = 'YYYY-MM-DD';
type ObjectKind = 'message' | 'account' | 'unit';

interface FormValues {
  actor?: string;
  unitId?: number;
  actions?: string[];
  objectKind: ObjectKind;
  objectText?: string;
  objectUnit?: number;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

function filtersOf(v: FormValues): AuditFilters {
  const text = v.objectText?.trim();
  return {
    actor: v.actor?.trim() || undefined,
    unitId: v.unitId,
    action: v.actions && v.actions.length > 0 ? v.actions.join(',') : undefined,
    messageNumber: v.objectKind === 'message' ? text || undefined : undefined,
    account: v.objectKind === 'account' ? text || undefined : undefined,
    targetType: v.objectKind === 'unit' && v.objectUnit !== undefined ? 'unit' : undefined,
    targetId: v.objectKind === 'unit' && v.objectUnit !== undefined ? String(v.objectUnit) : undefined,
    dateFrom: v.dates?.[0]?.format(DAY),
    dateTo: v.dates?.[1]?.format(DAY),
  };
}

export function AuditLogPage() {
  const t = useT();
  const { locale } = usePreferences();
  useDocumentTitle(t('audit.title'));
  const [form] = Form.useForm<FormValues>();
  const objectKind = Form.useWatch('objectKind', form) ?? 'message';
  const [filters, setFilters] = useState<AuditFilters>({});
  const log = useAuditLog(filters);
  const rows = log.data?.pages.flatMap((page) => page.items) ?? [];
  const first = log.data?.pages[0];
  const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' });

  const actionOptions = Object.entries(AUDIT_KINDS).map(([kind, words]) => ({
    label: words[locale],
    title: words[locale],
    options: [
      { value: `${kind}.*`, label: t('audit.filter.kindAll', { kind: words[locale] }) },
      ...Object.keys(AUDIT_ACTIONS)
        .filter((code) => code.startsWith(`${kind}.`))
        .map((code) => ({ value: code, label: auditActionLabel(code, locale) })),
    ],
  }));

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.col.at'), dataIndex: 'at', width: 170, render: (at: string) => <time dateTime={at}>{timeFormat.format(new Date(at))}</time> },
    {
      title: t('audit.col.actor'),
      key: 'actor',
      render: (_, entry) =>
        entry.actor === null ? (
          <span className="muted">{t('audit.system')}</span>
        ) : (
          <div>
            <div>
              {entry.actor.displayName}
              {entry.actor.login && <span className="muted"> ({entry.actor.login})</span>}
              {entry.actor.kind === 'citizen' && <span className="muted"> · {t('audit.citizen')}</span>}
            </div>
            {entry.actor.unit && <div className="muted">{entry.actor.unit.name}</div>}
          </div>
        ),
    },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      render: (code: string) => (
        <Tooltip title={t('audit.actionCode', { code })}>
          <span data-code={code}>{auditActionLabel(code, locale)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.col.target'),
      key: 'target',
      render: (_, entry) => (
        <div>
          <span className="muted">{auditTargetTypeLabel(entry.targetType, locale)}</span> {entry.targetName ?? entry.targetId ?? ''}
        </div>
      ),
    },
  ];

  const total = first ? (first.totalCapped ? t('audit.totalCapped', { count: first.total.toLocaleString(locale) }) : t('audit.total', { count: first.total.toLocaleString(locale) })) : '';

  return (
    <>
      <h1 className="page-title">{t('audit.title')}</h1>
      <Form<FormValues>
        form={form}
        role="search"
        layout="vertical"
        className="audit-filters"
        initialValues={{ objectKind: 'message' }}
        onFinish={(values) => setFilters(filtersOf(values))}
      >
        <div className="audit-filter-grid">
          <Form.Item name="actor" label={t('audit.filter.actor')} htmlFor="audit-actor">
            <Input id="audit-actor" allowClear placeholder={t('audit.filter.actorPlaceholder')} maxLength={50} />
          </Form.Item>
          <Form.Item name="unitId" label={t('audit.filter.unit')} htmlFor="audit-unit">
            <UnitSelect id="audit-unit" data-testid="audit-unit" />
          </Form.Item>
          <Form.Item name="actions" label={t('audit.filter.action')} htmlFor="audit-action">
            <Select id="audit-action" mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('audit.filter.actionPlaceholder')} options={actionOptions} data-testid="audit-action" maxTagCount="responsive" />
          </Form.Item>
          <Form.Item label={t('audit.filter.object')} htmlFor="audit-object">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="objectKind" noStyle>
                <Select<ObjectKind>
                  aria-label={t('audit.filter.objectKind')}
                  style={{ width: '9rem' }}
                  options={(['message', 'account', 'unit'] as const).map((k) => ({ value: k, label: t(`audit.object.${k}`) }))}
                />
              </Form.Item>
              {objectKind === 'unit' ? (
                <Form.Item name="objectUnit" noStyle>
                  <UnitSelect id="audit-object" />
                </Form.Item>
              ) : (
                <Form.Item name="objectText" noStyle>
                  <Input id="audit-object" allowClear placeholder={t(objectKind === 'message' ? 'audit.object.messagePlaceholder' : 'audit.object.accountPlaceholder')} maxLength={64} />
                </Form.Item>
              )}
            </Space.Compact>
          </Form.Item>
          <Form.Item name="dates" label={t('audit.filter.dates')} htmlFor="audit-dates">
            <DatePicker.RangePicker id={{ start: 'audit-dates' }} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Space wrap className="audit-actions-bar">
          <Button type="primary" htmlType="submit" data-testid="audit-apply">
            {t('audit.filter.apply')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
            }}
          >
            {t('audit.filter.reset')}
          </Button>
          <Tooltip title={t('audit.exportNote')}>
            <Button icon={<FileExcelOutlined aria-hidden />} href={auditExportUrl(filters, locale)} download data-testid="audit-export">
              {t('audit.export')}
            </Button>
          </Tooltip>
          <span className="audit-total" role="status" data-testid="audit-total">
            {total}
          </span>
        </Space>
      </Form>
      <PagedTable<AuditEntry>
        list={log}
        columns={columns}
        dataSource={rows}
        endNote={rows.length > 0}
        // A fixed width, not max-content: with max-content the expanded row (as wide as the table) and the table grow each other without end.
        scroll={{ x: 960 }}
        expandable={{ expandedRowRender: (entry) => <AuditDetails entry={entry} locale={locale} />, rowExpandable: () => true }}
        data-testid="audit-table"
      />
    </>
  );
}
