import { Skeleton, Table, type TableColumnsType } from 'antd';
import type { OverdueUnitRow } from '../../../../shared/stats';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useOverdueUnits } from '../api/get-overdue-units';
import { useStatFormat } from '../lib/format';
import { regionLabel } from '../lib/metrics';

/** Units with the most overdue open work right now (not a window: the deadlines that are missed today). */
export function OverdueUnitsTable({ region }: { region: string }) {
  const t = useT();
  const format = useStatFormat();
  const units = useOverdueUnits(region, true);
  if (units.isPending) return <Skeleton active />;
  if (units.isError) return <QueryError error={units.error} onRetry={() => void units.refetch()} />;

  const columns: TableColumnsType<OverdueUnitRow> = [
    { title: t('stats.col.unit'), key: 'unit', render: (_, row) => row.unit.name },
    { title: t('stats.overdue.overdue'), key: 'overdue', align: 'end', render: (_, row) => <strong>{format.count(row.overdue)}</strong> },
    { title: t('stats.overdue.open'), key: 'open', align: 'end', render: (_, row) => format.count(row.open) },
  ];
  return (
    <Table<OverdueUnitRow>
      rowKey={(row) => row.unit.id}
      columns={columns}
      dataSource={units.data.items}
      pagination={false}
      size="small"
      scroll={{ x: 'max-content' }}
      caption={<span className="visually-hidden">{t('stats.overdue.caption', { region: regionLabel(t, units.data.region) })}</span>}
      locale={{ emptyText: t('stats.overdue.empty') }}
      data-testid="overdue-units"
    />
  );
}
