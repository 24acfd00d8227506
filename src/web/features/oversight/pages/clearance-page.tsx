import { BellOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Popconfirm, Row, Skeleton, Space, Statistic, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { AGE_BANDS, type AgeBand, type ClearanceGroup } from '../../../../shared/oversight';
import { ErrorAlert } from '../../../components/error-alert';
import { QueryError } from '../../../components/query-error';
import { RegionCascader } from '../../../components/region-cascader';
import { can, useMe } from '../../../lib/api/get-me';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useClearance } from '../api/get-clearance';
import { useUrgeGroup, type UrgeGroupInput, type UrgeGroupResult } from '../api/urge-group';
import { DriveChart } from '../components/drive-chart';
import { UrgeResults } from '../components/urge-results';

const DAY = 'YYYY-MM-DD';

/**
 * /console/clearance — 清零: the open messages of the region nobody has answered yet, by unit
 * and age (working days), the drive's progress towards zero, and one click to urge a group.
 */
export function ClearancePage() {
  const t = useT();
  useDocumentTitle(t('oversight.clearance.title'));
  const me = useMe();
  const mayUrge = can(me.data, 'message.supervise');
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [drive, setDrive] = useState<{ from: string; to: string } | null>(null);
  const clearance = useClearance({ regionCode, ...(drive ?? {}) });
  const urge = useUrgeGroup();
  const [result, setResult] = useState<UrgeGroupResult | null>(null);

  const run = (input: UrgeGroupInput) => urge.mutate({ regionCode: clearance.data?.region.code, ...input }, { onSuccess: setResult });
  const groupLabel = (g: ClearanceGroup) => (g.unit ? g.unit.name : t('oversight.unassigned'));

  const columns: TableColumnsType<ClearanceGroup> = [
    { title: t('oversight.col.unit'), key: 'unit', fixed: 'left', render: (_, g) => groupLabel(g) },
    ...AGE_BANDS.map((band) => ({
      title: t(`oversight.band.${band}`),
      key: band,
      align: 'end' as const,
      render: (_: unknown, g: ClearanceGroup) => (g.bands[band] === 0 ? <span className="muted">0</span> : <strong>{g.bands[band]}</strong>),
    })),
    { title: t('oversight.col.total'), key: 'total', align: 'end', render: (_, g) => <strong>{g.total}</strong> },
    ...(mayUrge
      ? [
          {
            title: t('oversight.col.action'),
            key: 'action',
            render: (_: unknown, g: ClearanceGroup) => (
              <Popconfirm title={t('oversight.urge.confirm', { group: groupLabel(g), count: g.total })} onConfirm={() => run(g.unit ? { unitId: g.unit.id } : { unassigned: true })} okText={t('oversight.urge.ok.button')}>
                <Button size="small" icon={<BellOutlined aria-hidden />} loading={urge.isPending} data-testid={`urge-unit-${g.unit?.id ?? 'none'}`}>
                  {t('oversight.urge.unit')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const onRange = (range: [Dayjs | null, Dayjs | null] | null) => {
    const [from, to] = range ?? [null, null];
    if (from && to) setDrive({ from: from.format(DAY), to: to.format(DAY) });
  };

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('oversight.clearance.title')}</h1>
      </div>
      <p className="page-intro">{t('oversight.clearance.intro')}</p>
      <div role="search" className="report-filters">
        <Space wrap align="center">
          <label htmlFor="clearance-region">{t('oversight.region')}</label>
          <div style={{ minWidth: '16rem' }}>
            <RegionCascader id="clearance-region" value={regionCode ?? clearance.data?.region.code} onChange={setRegionCode} />
          </div>
          <label htmlFor="clearance-drive">{t('oversight.drive.dates')}</label>
          <DatePicker.RangePicker
            id={{ start: 'clearance-drive' }}
            value={clearance.data ? [dayjs(clearance.data.drive.from), dayjs(clearance.data.drive.to)] : null}
            onChange={onRange}
            allowClear={false}
          />
        </Space>
      </div>
      {urge.isError && <ErrorAlert error={urge.error} />}
      {clearance.isPending ? (
        <Skeleton active />
      ) : clearance.isError ? (
        <QueryError error={clearance.error} onRetry={() => void clearance.refetch()} />
      ) : (
        <div aria-busy={clearance.isPlaceholderData}>
          <Card size="small" style={{ margin: '16px 0' }}>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title={t('oversight.total')} value={clearance.data.total} valueStyle={{ color: clearance.data.total === 0 ? '#2e7d32' : '#b3261e' }} data-testid="clearance-total" />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('oversight.drive.openAtStart')} value={clearance.data.drive.openAtStart} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('oversight.drive.answered')} value={clearance.data.drive.answered} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('oversight.drive.arrived')} value={clearance.data.drive.arrived} />
              </Col>
            </Row>
          </Card>
          <h2 className="workbench-section-title">{t('oversight.bands.title')}</h2>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {AGE_BANDS.map((band: AgeBand) => (
              <Col xs={12} md={8} lg={4} key={band}>
                <Card size="small" data-testid={`band-${band}`}>
                  <Statistic title={t(`oversight.band.${band}`)} value={clearance.data.bands[band]} />
                  {mayUrge && clearance.data.bands[band] > 0 && (
                    <Popconfirm title={t('oversight.urge.confirm', { group: t(`oversight.band.${band}`), count: clearance.data.bands[band] })} onConfirm={() => run({ ageBand: band })} okText={t('oversight.urge.ok.button')}>
                      <Button size="small" icon={<BellOutlined aria-hidden />} loading={urge.isPending} style={{ marginTop: 8 }} data-testid={`urge-band-${band}`}>
                        {t('oversight.urge.band')}
                      </Button>
                    </Popconfirm>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <h2 className="workbench-section-title">{t('oversight.groups.title')}</h2>
          <Table<ClearanceGroup>
            rowKey={(g) => g.unit?.id ?? 'none'}
            columns={columns}
            dataSource={clearance.data.groups}
            pagination={clearance.data.groups.length > 20 ? { pageSize: 20 } : false}
            size="small"
            scroll={{ x: 'max-content' }}
            caption={<span className="visually-hidden">{t('oversight.groups.caption', { region: clearance.data.region.name })}</span>}
            locale={{ emptyText: t('oversight.groups.empty') }}
            data-testid="clearance-groups"
          />
          <h2 className="workbench-section-title" style={{ marginTop: 24 }}>
            {t('oversight.drive.title')}
          </h2>
          <DriveChart drive={clearance.data.drive} regionName={clearance.data.region.name} />
          <p className="oversight-note">{t('oversight.drive.note')}</p>
        </div>
      )}
      <UrgeResults result={result} onClose={() => setResult(null)} />
    </>
  );
}
