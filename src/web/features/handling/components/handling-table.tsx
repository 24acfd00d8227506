import { Space, Tag, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { AssignmentStatus } from '../../../../shared/handling';
import { DateTime } from '../../../components/date-time';
import { PagedTable } from '../../../components/paged-table';
import { StatusTag } from '../../../components/status-tag';
import { useT } from '../../../lib/i18n';
import { useHandlingList, type HandlingListItem, type HandlingView } from '../api/get-handling-list';
import { AssignmentStatusTag, HandlingClassTag, LeaderAttentionTag, SupervisedTag } from './handling-tags';

/** 正常 / 即将超期 / 已超期 N 天, in words and colour. */
export function LatenessTag({ item }: { item: Pick<HandlingListItem, 'lateness' | 'overdueDays'> }) {
  const t = useT();
  switch (item.lateness) {
    case 'ok':
      return <Tag className="status-tag status-tag-done">{t('lateness.ok')}</Tag>;
    case 'amber':
      return <Tag className="status-tag status-tag-pending">{t('lateness.amber')}</Tag>;
    case 'red':
      return <Tag className="status-tag status-tag-bad">{item.overdueDays > 0 ? t('lateness.redDays', { n: item.overdueDays }) : t('lateness.red')}</Tag>;
    default:
      return <span className="muted">{t('lateness.none')}</span>;
  }
}

/** A message in a console table: its title, linking to the staff page, over its number. */
export function MessageCell({ id, title, number, children }: { id: number; title: string; number: string; children?: ReactNode }) {
  return (
    <div className="table-message">
      <Link to={`/console/messages/${id}`}>{title}</Link>
      <span className="muted">{number}</span>
      {children}
    </div>
  );
}

const ASSIGNMENT_STATUSES = new Set<string>(['pending', 'signed', 'passed_down', 'returned', 'done', 'cancelled']);

/** The coordinator's and the leader's lists: one row per message, its lead units and lateness. */
export function HandlingTable({ view, board, testId }: { view: HandlingView; board?: number; testId?: string }) {
  const t = useT();
  const list = useHandlingList(view, board);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<HandlingListItem> = [
    {
      title: t('handlingList.col.message'),
      key: 'message',
      render: (_, m) => (
        <MessageCell id={m.id} title={m.title} number={m.number}>
          {(m.supervisedAt || m.leaderAttention) && (
            <Space size={4} wrap>
              {m.supervisedAt && <SupervisedTag />}
              {m.leaderAttention && <LeaderAttentionTag />}
            </Space>
          )}
        </MessageCell>
      ),
    },
    {
      title: t('handlingList.col.board'),
      key: 'board',
      render: (_, m) => (
        <div className="table-message">
          <span>{m.board.name}</span>
          <span className="muted">{m.region.name}</span>
        </div>
      ),
    },
    { title: t('handlingList.col.status'), key: 'status', render: (_, m) => <StatusTag status={m.status} /> },
    { title: t('handlingList.col.class'), key: 'class', render: (_, m) => (m.handlingClass ? <HandlingClassTag value={m.handlingClass} /> : <span className="muted">{t('common.none')}</span>) },
    {
      title: t('handlingList.col.leadUnits'),
      key: 'lead',
      render: (_, m) =>
        m.leadUnits.length === 0 ? (
          <span className="muted">{t('handlingList.unassigned')}</span>
        ) : (
          <ul className="plain-list lead-units">
            {m.leadUnits.map((u) => (
              <li key={`${u.id}-${u.status}`}>
                {u.name} {ASSIGNMENT_STATUSES.has(u.status) && <AssignmentStatusTag status={u.status as AssignmentStatus} />}
              </li>
            ))}
          </ul>
        ),
    },
    {
      title: t('handlingList.col.deadline'),
      key: 'deadline',
      render: (_, m) => (
        <div className="table-message">
          <LatenessTag item={m} />
          {m.nextDue && (
            <span className="muted">
              {t('deadline.due')} <DateTime value={m.nextDue} />
            </span>
          )}
        </div>
      ),
    },
    { title: t('handlingList.col.rating'), key: 'rating', render: (_, m) => (m.rating ? t(`grade.${m.rating}`) : <span className="muted">{t('common.none')}</span>) },
  ];

  return (
    <div data-testid={testId}>
      <PagedTable<HandlingListItem>
        list={list}
        columns={columns}
        dataSource={rows}
        rowClassName={(m) => `lateness-row lateness-${m.lateness}`}
        locale={{ emptyText: t('handlingList.empty') }}
      />
    </div>
  );
}
