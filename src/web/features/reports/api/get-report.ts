import { useQuery } from '@tanstack/react-query';
import type { ReportContent, ReportDetail } from '../../../../shared/reports';
import { api } from '../../../lib/api-client';

export type { ReportContent, ReportDetail };

export const reportQueryKey = (id: string) => ['reports', 'detail', id] as const;

/** GET /reports/{id}: the stored snapshot. */
export function fetchReport(id: string): Promise<ReportDetail> {
  return api.get<ReportDetail>(`/reports/${encodeURIComponent(id)}`);
}

/** The report as a file (a plain link: the session cookie authorises it). */
export function reportFileUrl(id: string | number, format: 'xlsx' | 'pdf'): string {
  return `/api/v1/reports/${encodeURIComponent(String(id))}/${format}`;
}

export function useReport(id: string) {
  return useQuery({ queryKey: reportQueryKey(id), queryFn: () => fetchReport(id) });
}
