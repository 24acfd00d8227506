import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Skeleton, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { RegionCascader } from '../../../components/region-cascader';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { assessmentFileUrl, bulletinFileUrl, useBulletin, type BulletinRow } from '../api/get-bulletin';
import '../components/oversight.css';

const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** The last eight finished quarters, newest first ('2026-3' …). */
function finishedQuarters(today: string): Array<{ year: number; quarter: number }> {
  let year = Number(today.slice(0, 4));
  let quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: Array<{ year: number; quarter: number }> = [];
  for (let i = 0; i < 8; i++) {
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
    out.push({ year, quarter });
  }
  return out;
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);

/** /console/bulletin — 季度通报: a finished quarter's units scored and ranked, the best and the worst named; XLSX, PDF; the year's assessment. */
export function BulletinPage() {
  const t = useT();
  useDocumentTitle(t('oversight.bulletin.title'));
  const quarters = finishedQuarters(beijingToday());
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const [chosen, setChosen] = useState(`${quarters[0]!.year}-${quarters[0]!.quarter}`);
  const [year, quarter] = chosen.split('-').map(Number) as [number, number];
  const query = { regionCode, year, quarter };
  const bulletin = useBulletin(query);

  const columns: TableColumnsType<BulletinRow> = [
    { title: t('oversight.col.rank'), key: 'rank', width: 72, render: (_, r) => (r.rank === null ? <Tag>{t('oversight.bulletin.insufficient')}</Tag> : r.rank) },
    { title: t('oversight.col.unit'), key: 'unit', render: (_, r) => r.unit.name },
    { title: t('oversight.col.score'), key: 'score', align: 'end', render: (_, r) => <strong>{r.score === null ? '—' : r.score.toFixed(2)}</strong> },
    { title: t('oversight.col.received'), key: 'received', align: 'end', render: (_, r) => r.received },
    { title: t('oversight.col.replyRate'), key: 'replyRate', align: 'end', render: (_, r) => pct(r.replyRate) },
    { title: t('oversight.col.onTimeRate'), key: 'onTimeRate', align: 'end', render: (_, r) => pct(r.onTimeRate) },
    { title: t('oversight.col.onTimeSignRate'), key: 'onTimeSignRate', align: 'end', render: (_, r) => pct(r.onTimeSignRate) },
    { title: t('oversight.col.satisfactionRate'), key: 'satisfactionRate', align: 'end', render: (_, r) => pct(r.satisfactionRate) },
    { title: t('oversight.col.reopenRate'), key: 'reopenRate', align: 'end', render: (_, r) => pct(r.reopenRate) },
  ];

  const region = regionCode ?? bulletin.data?.region.code;
  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('oversight.bulletin.title')}</h1>
        <Space wrap>
          <Button icon={<FileExcelOutlined aria-hidden />} href={bulletinFileUrl({ ...query, regionCode: region }, 'xlsx')} disabled={!bulletin.data} data-testid="bulletin-xlsx">
            {t('oversight.bulletin.downloadXlsx')}
          </Button>
          <Button icon={<FilePdfOutlined aria-hidden />} href={bulletinFileUrl({ ...query, regionCode: region }, 'pdf')} disabled={!bulletin.data} data-testid="bulletin-pdf">
            {t('oversight.bulletin.downloadPdf')}
          </Button>
          <Button icon={<FileExcelOutlined aria-hidden />} href={assessmentFileUrl({ regionCode: region, year })} data-testid="assessment-xlsx">
            {t('oversight.bulletin.assessmentXlsx', { year })}
          </Button>
        </Space>
      </div>
      <p className="page-intro">{t('oversight.bulletin.intro')}</p>
      <div role="search" className="report-filters">
        <Space wrap align="center">
          <label htmlFor="bulletin-region">{t('oversight.region')}</label>
          <div style={{ minWidth: '16rem' }}>
            <RegionCascader id="bulletin-region" value={region} onChange={setRegionCode} />
          </div>
          <label htmlFor="bulletin-quarter">{t('oversight.bulletin.quarter')}</label>
          <Select
            id="bulletin-quarter"
            style={{ minWidth: '12rem' }}
            value={chosen}
            onChange={setChosen}
            options={quarters.map((q) => ({ value: `${q.year}-${q.quarter}`, label: t('oversight.bulletin.quarterLabel', { year: q.year, q: q.quarter }) }))}
            data-testid="bulletin-quarter"
          />
        </Space>
      </div>
      {bulletin.isPending ? (
        <Skeleton active />
      ) : bulletin.isError ? (
        <ErrorAlert error={bulletin.error} />
      ) : (
        <div data-testid="bulletin">
          <h2 className="workbench-section-title">{t('oversight.bulletin.heading', { region: bulletin.data.region.name, year: bulletin.data.year, q: bulletin.data.quarter })}</h2>
          {bulletin.data.best && <Alert type="success" showIcon title={t('oversight.bulletin.best', { unit: bulletin.data.best.unit.name, score: bulletin.data.best.score?.toFixed(2) ?? '—' })} style={{ marginBottom: 8 }} data-testid="bulletin-best" />}
          {bulletin.data.worst && <Alert type="error" showIcon title={t('oversight.bulletin.worst', { unit: bulletin.data.worst.unit.name, score: bulletin.data.worst.score?.toFixed(2) ?? '—' })} style={{ marginBottom: 16 }} data-testid="bulletin-worst" />}
          <Table<BulletinRow>
            rowKey={(r) => r.unit.id}
            columns={columns}
            dataSource={bulletin.data.ranked}
            pagination={false}
            size="small"
            scroll={{ x: 'max-content' }}
            caption={<span className="visually-hidden">{t('oversight.bulletin.rankedCaption')}</span>}
            locale={{ emptyText: t('oversight.bulletin.empty') }}
            data-testid="bulletin-ranked"
          />
          {bulletin.data.unranked.length > 0 && (
            <>
              <h3 style={{ marginTop: 24 }}>{t('oversight.bulletin.unrankedTitle')}</h3>
              <p className="oversight-note">{t('oversight.bulletin.unrankedNote', { min: bulletin.data.minVolume })}</p>
              <Table<BulletinRow> rowKey={(r) => r.unit.id} columns={columns} dataSource={bulletin.data.unranked} pagination={false} size="small" scroll={{ x: 'max-content' }} data-testid="bulletin-unranked" />
            </>
          )}
          <p className="oversight-note" style={{ marginTop: 16 }}>
            {t('oversight.bulletin.formula', { min: bulletin.data.minVolume })}
          </p>
        </div>
      )}
    </>
  );
}
