import { PlusOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Button, Drawer, Input, Space, Spin, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { can, useMe } from '../../../lib/api/get-me';
import { childUnitsQuery, useUnitList, type Unit } from '../../../lib/api/get-units';
import { PagedTable } from '../../../components/paged-table';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { CreateUnitForm } from '../components/create-unit-form';

type UnitRow = Unit & { children?: UnitRow[] };

export function UnitsPage() {
  const t = useT();
  useDocumentTitle(t('units.title'));
  const me = useMe();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [expanded, setExpanded] = useState<number[]>([]);
  const list = useUnitList(q);

  // Children are loaded when a row is first expanded, and refreshed with the rest on invalidation.
  const childQueries = useQueries({ queries: expanded.map((id) => childUnitsQuery(id)) });
  const children = new Map(expanded.map((id, i) => [id, childQueries[i]]));

  const toRow = (unit: Unit): UnitRow => ({
    ...unit,
    children: unit.childCount > 0 ? (children.get(unit.id)?.data?.map(toRow) ?? []) : undefined,
  });
  const rows = (list.data?.pages.flatMap((page) => page.items) ?? []).map(toRow);

  const columns: TableColumnsType<UnitRow> = [
    {
      title: t('units.col.name'),
      dataIndex: 'name',
      render: (name: string, unit) => (
        <Space size="small">
          <span>{name}</span>
          {children.get(unit.id)?.isFetching && <Spin size="small" />}
        </Space>
      ),
    },
    { title: t('units.col.kind'), dataIndex: 'kind', render: (kind: Unit['kind']) => t(`unitKind.${kind}`) },
    { title: t('units.col.region'), dataIndex: 'regionName' },
    { title: t('units.col.children'), dataIndex: 'childCount', align: 'end' },
    { title: t('units.col.accounts'), dataIndex: 'accountCount', align: 'end' },
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
      <Drawer
        title={t('units.create')}
        open={creating}
        onClose={() => setCreating(false)}
        size="min(520px, 100vw)"
        destroyOnHidden
      >
        <CreateUnitForm onDone={() => setCreating(false)} />
      </Drawer>
    </>
  );
}
