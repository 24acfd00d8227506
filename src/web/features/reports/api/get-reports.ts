import type { ReportKind, ReportSummary } from '../../../../shared/reports';
import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';

export type { ReportKind, ReportSummary };

export interface ReportListQuery {
  kind?: ReportKind;
  region?: string;
}

/** GET /reports: the reports the caller may read, newest period first. */
export function fetchReports(query: ReportListQuery & { cursor?: string; limit?: number }): Promise<Page<ReportSummary>> {
  return api.get<Page<ReportSummary>>('/reports', { ...query });
}

export function useReports(query: ReportListQuery) {
  return useCursorList(['reports', 'list', query], (cursor) => fetchReports({ ...query, cursor, limit: 20 }));
}
