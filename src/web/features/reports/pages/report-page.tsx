import { ArrowLeftOutlined, FileExcelOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useParams } from 'react-router-dom';
import { ButtonLink } from '../../../components/button-link';
import { RecordFallback } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { reportFileUrl, useReport, type ReportDetail } from '../api/get-report';
import { ReportView } from '../components/report-view';

/** Print, XLSX and PDF: hidden on paper (report.css), so only the sheet is printed. */
export function ReportActions({ report, back }: { report: ReportDetail; back: { to: string; label: string } }) {
  const t = useT();
  return (
    <div className="console-page-head report-actions">
      <ButtonLink to={back.to} icon={<ArrowLeftOutlined aria-hidden />}>
        {back.label}
      </ButtonLink>
      <Space wrap>
        <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
          {t('reports.print')}
        </Button>
        <Button icon={<FileExcelOutlined aria-hidden />} href={reportFileUrl(report.id, 'xlsx')} download={`${report.title}.xlsx`}>
          {t('reports.downloadXlsx')}
        </Button>
        <Button type="primary" icon={<FilePdfOutlined aria-hidden />} href={reportFileUrl(report.id, 'pdf')} download={`${report.title}.pdf`}>
          {t('reports.downloadPdf')}
        </Button>
      </Space>
    </div>
  );
}

/** /console/reports/:id — one report as a readable, printable page. */
export function ReportPage() {
  const t = useT();
  const { id = '' } = useParams();
  const report = useReport(id);
  useDocumentTitle(report.data?.title ?? t('reports.title'));
  if (!report.data) return <RecordFallback query={report} />;
  return (
    <>
      <ReportActions report={report.data} back={{ to: '/console/reports', label: t('reports.back') }} />
      <ReportView report={report.data} />
    </>
  );
}
