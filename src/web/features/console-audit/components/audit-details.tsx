import { Descriptions, Table } from 'antd';
import type { Locale } from '../../../../shared/domain';
import { auditChanges, auditFieldLabel, auditOtherDetails, auditValueText, type AuditChange } from '../../../../shared/audit';
import { useT } from '../../../lib/i18n';
import type { AuditEntry } from '../api/get-audit-log';

/** The expanded row: the change as before → after, then every other detail in words, then the address. */
export function AuditDetails({ entry, locale }: { entry: AuditEntry; locale: Locale }) {
  const t = useT();
  const changes = auditChanges(entry.details);
  const other = auditOtherDetails(entry.details);
  const names = entry.names ?? {};
  return (
    <div className="audit-expanded" data-testid={`audit-details-${entry.id}`}>
      {changes.length > 0 && (
        <Table<AuditChange>
          size="small"
          className="audit-diff"
          rowKey="field"
          pagination={false}
          caption={t('audit.details.changes')}
          dataSource={changes}
          columns={[
            { title: t('audit.diff.field'), dataIndex: 'field', render: (field: string) => auditFieldLabel(field, locale) },
            { title: t('audit.diff.before'), dataIndex: 'from', render: (value: unknown, change) => <del className="audit-before">{auditValueText(value, { field: change.field, locale, names })}</del> },
            { title: '', key: 'arrow', render: () => <span aria-hidden>→</span>, width: 32 },
            { title: t('audit.diff.after'), dataIndex: 'to', render: (value: unknown, change) => <ins className="audit-after">{auditValueText(value, { field: change.field, locale, names })}</ins> },
          ]}
        />
      )}
      <Descriptions size="small" column={1} title={other.length > 0 ? t('audit.details.other') : undefined}>
        {other.map(([key, value]) => (
          <Descriptions.Item key={key} label={auditFieldLabel(key, locale)}>
            {auditValueText(value, { field: key, locale, names })}
          </Descriptions.Item>
        ))}
        {entry.ip && <Descriptions.Item label={t('audit.details.ip')}>{entry.ip}</Descriptions.Item>}
      </Descriptions>
      {changes.length === 0 && other.length === 0 && !entry.ip && <span className="muted">{t('audit.details.none')}</span>}
    </div>
  );
}
