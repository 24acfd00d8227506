import { PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Popconfirm, Radio, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ButtonLink } from '../../../components/button-link';
import { ErrorAlert } from '../../../components/error-alert';
import { RegionCascader } from '../../../components/region-cascader';
import { isApiError } from '../../../lib/api-client';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useConsoleBoards, useReopenBoard, useRetireBoard, type BoardScope, type BoardStatusFilter, type ConsoleBoard } from '../api/manage-board';
import { EditBoardForm } from '../components/edit-board-form';

/** /console/boards — the boards of a region (or the ministries): edit, close, reopen, point at another unit. */
export function BoardsPage() {
  const t = useT();
  const { message } = App.useApp();
  useDocumentTitle(t('consoleBoards.manageTitle'));
  const [kind, setKind] = useState<'leader' | 'ministry'>('leader');
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<BoardStatusFilter>('all');
  const [editing, setEditing] = useState<ConsoleBoard | null>(null);
  const scope: BoardScope | null = kind === 'ministry' ? { kind: 'ministry' } : region ? { region } : null;
  const boards = useConsoleBoards(scope, status);
  const retire = useRetireBoard();
  const reopen = useReopenBoard();
  const failed = (error: unknown) => void message.error(isApiError(error) && error.title ? error.title : t('error.generic'));

  const columns: TableColumnsType<ConsoleBoard> = [
    { title: t('consoleBoards.col.name'), dataIndex: 'name', render: (name: string, board) => <Link to={`/board/${board.id}`}>{name}</Link> },
    { title: t('consoleBoards.col.title'), dataIndex: 'title' },
    { title: t('consoleBoards.col.unit'), key: 'unit', render: (_, board) => board.unit?.name ?? t('common.none') },
    {
      title: t('consoleBoards.col.status'),
      dataIndex: 'status',
      render: (s: ConsoleBoard['status']) => <Badge status={s === 'open' ? 'success' : 'default'} text={t(`consoleBoards.status.${s}`)} />,
    },
    {
      title: t('consoleBoards.col.actions'),
      key: 'actions',
      render: (_, board) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => setEditing(board)} data-testid={`edit-board-${board.id}`}>
            {t('consoleBoards.edit')}
          </Button>
          {board.status === 'open' ? (
            <Popconfirm
              title={t('consoleBoards.retireConfirm', { name: board.name })}
              onConfirm={() => retire.mutate(board.id, { onSuccess: () => void message.success(t('consoleBoards.retiredDone', { name: board.name })), onError: failed })}
              okText={t('consoleBoards.retire')}
              cancelText={t('common.cancel')}
            >
              <Button type="link" danger data-testid={`retire-board-${board.id}`}>
                {t('consoleBoards.retire')}
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t('consoleBoards.reopenConfirm', { name: board.name })}
              onConfirm={() => reopen.mutate(board.id, { onSuccess: () => void message.success(t('consoleBoards.reopenedDone', { name: board.name })), onError: failed })}
              okText={t('consoleBoards.reopen')}
              cancelText={t('common.cancel')}
            >
              <Button type="link" data-testid={`reopen-board-${board.id}`}>
                {t('consoleBoards.reopen')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('consoleBoards.manageTitle')}</h1>
        <ButtonLink type="primary" to="/console/boards/new" icon={<PlusOutlined aria-hidden />}>
          {t('consoleBoards.new')}
        </ButtonLink>
      </div>
      <div role="search" className="console-toolbar">
        <Space wrap>
          <Radio.Group
            aria-label={t('consoleBoards.scope')}
            optionType="button"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'leader' | 'ministry')}
            options={[
              { value: 'leader', label: t('consoleBoards.scopeRegion') },
              { value: 'ministry', label: t('consoleBoards.scopeMinistry') },
            ]}
          />
          {kind === 'leader' && (
            <div style={{ minWidth: 240 }}>
              <label htmlFor="board-region" className="visually-hidden">
                {t('consoleBoards.pickRegion')}
              </label>
              <RegionCascader id="board-region" value={region} onChange={setRegion} />
            </div>
          )}
          <Select<BoardStatusFilter>
            aria-label={t('consoleBoards.statusFilter')}
            value={status}
            onChange={setStatus}
            options={(['all', 'open', 'retired'] as const).map((s) => ({ value: s, label: t(`consoleBoards.status.${s}`) }))}
            style={{ minWidth: 120 }}
            data-testid="board-status-filter"
          />
        </Space>
      </div>
      {boards.isError ? (
        <ErrorAlert error={boards.error} />
      ) : (
        <Table<ConsoleBoard>
          rowKey="id"
          columns={columns}
          dataSource={scope ? (boards.data ?? []) : []}
          loading={boards.isFetching}
          pagination={false}
          locale={{ emptyText: scope ? t('common.empty') : t('consoleBoards.pickRegion') }}
          scroll={{ x: 'max-content' }}
        />
      )}
      <Drawer title={editing ? t('consoleBoards.editTitle', { name: editing.name }) : ''} open={editing !== null} onClose={() => setEditing(null)} size="min(520px, 100vw)" destroyOnHidden>
        {editing && <EditBoardForm board={editing} onDone={() => setEditing(null)} />}
      </Drawer>
    </>
  );
}
