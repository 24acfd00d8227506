import { Skeleton, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { StatBoardRow } from '../../../../shared/stats';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useStatBoards } from '../api/get-boards';
import type { StatsWindow } from '../api/stats-query';
import { useStatFormat } from '../lib/format';
import { regionLabel } from '../lib/metrics';

/** The leader list: each leader position of the region (the ministries for the country) with what it received and answered. */
export function BoardsTable({ window }: { window: StatsWindow }) {
  const t = useT();
  const format = useStatFormat();
  const boards = useStatBoards(window);
  if (boards.isPending) return <Skeleton active />;
  if (boards.isError) return <QueryError error={boards.error} onRetry={() => void boards.refetch()} />;

  const columns: TableColumnsType<StatBoardRow> = [
    { title: t('stats.col.board'), key: 'board', render: (_, row) => <Link to={`/board/${row.board.id}`}>{row.board.name}</Link> },
    { title: t('stats.metric.received'), key: 'received', align: 'end', render: (_, row) => format.count(row.figures.received) },
    { title: t('stats.metric.replied'), key: 'replied', align: 'end', render: (_, row) => format.count(row.figures.replied) },
    { title: t('stats.metric.replyRate'), key: 'replyRate', align: 'end', render: (_, row) => format.rate(row.figures.replyRate) },
    { title: t('stats.metric.satisfactionRate'), key: 'sat', align: 'end', render: (_, row) => format.rate(row.figures.satisfactionRate) },
  ];
  return (
    <Table<StatBoardRow>
      rowKey={(row) => row.board.id}
      columns={columns}
      dataSource={boards.data.items}
      pagination={boards.data.items.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      size="small"
      scroll={{ x: 'max-content' }}
      caption={<span className="visually-hidden">{t('stats.boards.caption', { region: regionLabel(t, boards.data.region) })}</span>}
      locale={{ emptyText: t('stats.boards.empty') }}
      data-testid="stats-boards"
    />
  );
}
