import { PlusOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Drawer, Input, Modal, Popconfirm, Select, Space, Spin, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { can, useMe } from '../../../lib/api/get-me';
import { childUnitsQuery, useUnitList, type Unit } from '../../../lib/api/get-units';
import { isApiError } from '../../../lib/api-client';
import { PagedTable } from '../../../components/paged-table';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useReactivateUnit, useRetireUnit } from '../api/manage-unit';
import { CreateUnitForm } from '../components/create-unit-form';
import { EditUnitForm } from '../components/edit-unit-form';
import { MergeUnitForm } from '../components/merge-unit-form';

type UnitRow = Unit & { children?: UnitRow[] };
type StatusFilter = 'all' | 'active' | 'retired';

/** What keeps a unit from retiring, as the server said it (in the UI language). */
interface Blocked {
  unit: Unit;
  title: string;
  items: string[];
}

export function UnitsPage() {
  const t = useT();
  const { message } = App.useApp();
  useDocumentTitle(t('units.title'));
  const me = useMe();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Unit | null>(null);
  const [merging, setMerging] = useState<Unit | null>(null);
  const [blocked, setBlocked] = useState<Blocked | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  const list = useUnitList(q, status === 'all' ? undefined : status);
  const retire = useRetireUnit();
  const reactivate = useReactivateUnit();
  const manage = can(me.data, 'unit.manage');

  // Children are loaded when a row is first expanded, and refreshed with the rest on invalidation.
  const childQueries = useQueries({ queries: expanded.map((id) => childUnitsQuery(id)) });
  const children = new Map(expanded.map((id, i) => [id, childQueries[i]]));

  // The retired filter lists retired units flat: no tree to expand there.
  const toRow = (unit: Unit): UnitRow => ({
    ...unit,
    children: unit.childCount > 0 && status !== 'retired' ? (children.get(unit.id)?.data?.map(toRow) ?? []) : undefined,
  });
  const rows = (list.data?.pages.flatMap((page) => page.items) ?? []).map(toRow);

  const onRetire = (unit: Unit) =>
    retire.mutate(unit.id, {
      onSuccess: () => void message.success(t('units.retiredDone', { name: unit.name })),
      onError: (error) => {
        if (isApiError(error) && error.code === 'unit_has_open_work') {
          setBlocked({ unit, title: error.title, items: error.errors.map((e) => e.message) });
        } else void message.error(isApiError(error) && error.title ? error.title : t('error.generic'));
      },
    });

  const onReactivate = (unit: Unit) =>
    reactivate.mutate(unit.id, {
      onSuccess: () => void message.success(t('units.reactivatedDone', { name: unit.name })),
      onError: (error) => void message.error(isApiError(error) && error.title ? error.title : t('error.generic')),
    });

  const columns: TableColumnsType<UnitRow> = [
    {
      title: t('units.col.name'),
      dataIndex: 'name',
      render: (name: string, unit) => (
        <Space size="small">
          <span>{name}</span>
          {unit.shortName && <span>（{unit.shortName}）</span>}
          {children.get(unit.id)?.isFetching && <Spin size="small" />}
        </Space>
      ),
    },
    { title: t('units.col.kind'), dataIndex: 'kind', render: (kind: Unit['kind']) => t(`unitKind.${kind}`) },
    { title: t('units.col.region'), dataIndex: 'regionName' },
    {
      title: t('units.col.status'),
      dataIndex: 'status',
      // A coloured dot beside normal text keeps the contrast of the words.
      render: (s: Unit['status']) => <Badge status={s === 'active' ? 'success' : 'default'} text={t(`units.status.${s}`)} />,
    },
    { title: t('units.col.children'), dataIndex: 'childCount', align: 'end' },
    { title: t('units.col.accounts'), dataIndex: 'accountCount', align: 'end' },
    ...(manage
      ? [
          {
            title: t('units.col.actions'),
            key: 'actions',
            render: (_: unknown, unit: UnitRow) => (
              <Space size={0} wrap>
                <Button type="link" onClick={() => setEditing(unit)} data-testid={`edit-unit-${unit.id}`}>
                  {t('units.edit')}
                </Button>
                {unit.status === 'active' && (
                  <Button type="link" onClick={() => setMerging(unit)} data-testid={`merge-unit-${unit.id}`}>
                    {t('units.merge.action')}
                  </Button>
                )}
                {unit.status === 'active' ? (
                  <Popconfirm title={t('units.retireConfirm', { name: unit.name })} onConfirm={() => onRetire(unit)} okText={t('units.retire')} cancelText={t('common.cancel')}>
                    <Button type="link" danger data-testid={`retire-unit-${unit.id}`}>
                      {t('units.retire')}
                    </Button>
                  </Popconfirm>
                ) : unit.mergedInto ? (
                  <span className="muted">{t('units.merge.mergedInto', { name: unit.mergedInto.name })}</span>
                ) : (
                  <Popconfirm title={t('units.reactivateConfirm', { name: unit.name })} onConfirm={() => onReactivate(unit)} okText={t('units.reactivate')} cancelText={t('common.cancel')}>
                    <Button type="link" data-testid={`reactivate-unit-${unit.id}`}>
                      {t('units.reactivate')}
                    </Button>
                  </Popconfirm>
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
        <h1 className="page-title">{t('units.title')}</h1>
        {can(me.data, 'unit.create') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('units.create')}
          </Button>
        )}
      </div>
      <div role="search" className="console-toolbar">
        <Space wrap>
          <label htmlFor="unit-search" className="visually-hidden">
            {t('units.search')}
          </label>
          <Input.Search
            id="unit-search"
            placeholder={t('units.search')}
            enterButton={t('common.search')}
            onSearch={(value) => {
              setExpanded([]);
              setQ(value.trim());
            }}
          />
          <Select<StatusFilter>
            aria-label={t('units.statusFilter')}
            value={status}
            onChange={(next) => {
              setExpanded([]);
              setStatus(next);
            }}
            options={(['all', 'active', 'retired'] as const).map((s) => ({ value: s, label: t(`units.status.${s}`) }))}
            style={{ minWidth: 120 }}
            data-testid="unit-status-filter"
          />
        </Space>
      </div>
      <PagedTable<UnitRow>
        list={list}
        columns={columns}
        dataSource={rows}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys.map(Number)),
        }}
      />
      <Drawer title={t('units.create')} open={creating} onClose={() => setCreating(false)} size="min(520px, 100vw)" destroyOnHidden>
        <CreateUnitForm onDone={() => setCreating(false)} />
      </Drawer>
      <Drawer title={editing ? t('units.editTitle', { name: editing.name }) : ''} open={editing !== null} onClose={() => setEditing(null)} size="min(520px, 100vw)" destroyOnHidden>
        {editing && <EditUnitForm unit={editing} onDone={() => setEditing(null)} />}
      </Drawer>
      <Drawer title={merging ? t('units.merge.title', { name: merging.name }) : ''} open={merging !== null} onClose={() => setMerging(null)} size="min(520px, 100vw)" destroyOnHidden>
        {merging && <MergeUnitForm unit={merging} onDone={() => setMerging(null)} />}
      </Drawer>
      <Modal
        open={blocked !== null}
        title={blocked ? t('units.retireBlocked', { name: blocked.unit.name }) : ''}
        onCancel={() => setBlocked(null)}
        onOk={() => setBlocked(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('units.blockedOk')}
      >
        {blocked && (
          <Alert
            type="warning"
            showIcon
            title={blocked.title}
            description={
              <ul data-testid="retire-blockers">
                {blocked.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            }
          />
        )}
      </Modal>
    </>
  );
}
