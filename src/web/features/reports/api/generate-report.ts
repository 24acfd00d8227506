import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReportDetail, ReportKind } from '../../../../shared/reports';
import { api } from '../../../lib/api-client';
import { reportQueryKey } from './get-report';

export interface GenerateReportInput {
  kind: ReportKind;
  region: string;
  /** A day of the week (weekly) or 2026-H1 / 2026-H2; omitted: the last whole period. */
  period?: string;
}

/** POST /reports: generates (or regenerates) a report now. */
export function generateReport(input: GenerateReportInput): Promise<ReportDetail> {
  return api.post<ReportDetail>('/reports', input);
}

export function useGenerateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: generateReport,
    onSuccess: (report) => {
      queryClient.setQueryData(reportQueryKey(String(report.id)), report);
      void queryClient.invalidateQueries({ queryKey: ['reports', 'list'] });
    },
  });
}
