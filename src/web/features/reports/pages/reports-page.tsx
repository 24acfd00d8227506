import { PlusOutlined } from '@ant-design/icons';
import { Button, Drawer, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { REPORT_KINDS, type ReportKind, type ReportSummary } from '../../../../shared/reports';
import { PagedTable } from '../../../components/paged-table';
import { can, useMe } from '../../../lib/api/get-me';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useReports } from '../api/get-reports';
import { GenerateReportForm } from '../components/generate-report-form';
import { ReportRegionPicker } from '../components/report-region-picker';
import { REPORT_KIND_KEYS } from '../components/report-kinds';
import { SubscriptionsCard } from '../components/subscriptions-card';

/** /console/reports — weekly digests and half-year reports: the list, generation, subscriptions. */
export function ReportsPage() {
  const t = useT();
  const { locale } = usePreferences();
  useDocumentTitle(t('reports.title'));
  const me = useMe();
  const manage = can(me.data, 'report.manage');
  const [kind, setKind] = useState<ReportKind | undefined>(undefined);
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [generating, setGenerating] = useState(false);
  const reports = useReports({ kind, region });
  const rows = reports.data?.pages.flatMap((page) => page.items) ?? [];
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  const ownRegion = me.data?.unit?.regionCode;

  const columns: TableColumnsType<ReportSummary> = [
    { title: t('reports.col.title'), key: 'title', render: (_, r) => <Link to={`/console/reports/${r.id}`}>{r.title}</Link> },
    { title: t('reports.col.kind'), dataIndex: 'kind', render: (k: ReportKind) => <Tag color={k === 'weekly' ? 'blue' : 'geekblue'}>{t(REPORT_KIND_KEYS[k])}</Tag> },
    { title: t('reports.col.region'), key: 'region', render: (_, r) => r.region.name },
    { title: t('reports.col.period'), key: 'period', render: (_, r) => r.period.label },
    {
      title: t('reports.col.generated'),
      key: 'generated',
      render: (_, r) => (
        <>
          {dateTime.format(new Date(r.generatedAt))}
          <br />
          <span className="muted">{r.generatedBy ? r.generatedBy.displayName : t('reports.bySchedule')}</span>
        </>
      ),
    },
    {
      title: t('reports.col.status'),
      key: 'status',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.complete ? <Tag>{t('reports.status.complete')}</Tag> : <Tag color="orange">{t('reports.status.partial')}</Tag>}
          {r.version > 1 && <Tag>{t('reports.meta.version', { version: r.version })}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('reports.title')}</h1>
        {manage && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setGenerating(true)}>
            {t('reports.generate')}
          </Button>
        )}
      </div>
      <p className="page-intro">{t('reports.intro')}</p>
      <div role="search" className="report-filters">
        <Space wrap align="center">
          <label htmlFor="report-kind">{t('reports.form.kind')}</label>
          <Select<ReportKind | 'all'>
            id="report-kind"
            style={{ minWidth: '10rem' }}
            value={kind ?? 'all'}
            onChange={(value) => setKind(value === 'all' ? undefined : value)}
            options={[{ value: 'all', label: t('reports.filter.allKinds') }, ...REPORT_KINDS.map((k) => ({ value: k, label: t(REPORT_KIND_KEYS[k]) }))]}
          />
          <label htmlFor="report-region">{t('reports.form.region')}</label>
          <ReportRegionPicker id="report-region" value={region} onChange={setRegion} />
          {(kind || region) && (
            <Button
              onClick={() => {
                setKind(undefined);
                setRegion(undefined);
              }}
            >
              {t('reports.filter.clear')}
            </Button>
          )}
        </Space>
      </div>
      <PagedTable<ReportSummary> list={reports} columns={columns} dataSource={rows} />
      {manage && <SubscriptionsCard defaultRegion={ownRegion} />}
      <Drawer title={t('reports.generate')} open={generating} onClose={() => setGenerating(false)} size="min(520px, 100vw)" destroyOnHidden>
        <GenerateReportForm defaultRegion={ownRegion} onDone={() => setGenerating(false)} />
      </Drawer>
    </>
  );
}
