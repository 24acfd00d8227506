import { useParams } from 'react-router-dom';
import { RecordFallback } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useReport } from '../api/get-report';
import { ReportView } from '../components/report-view';
import { ReportActions } from './report-page';

/** /data/reports/:id — a published half-year report for everyone (weekly digests are internal: not found). */
export function PublicReportPage() {
  const t = useT();
  const { id = '' } = useParams();
  const report = useReport(id);
  useDocumentTitle(report.data?.title ?? t('reports.title'));
  if (!report.data) return <RecordFallback query={report} />;
  return (
    <>
      <ReportActions report={report.data} back={{ to: '/', label: t('reports.backHome') }} />
      <ReportView report={report.data} />
    </>
  );
}
