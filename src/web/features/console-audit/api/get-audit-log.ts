import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Page } from '../../../lib/api-client';

export interface AuditEntry {
  id: number;
  at: string;
  actor: { id: number; displayName: string; login: string | null; kind: 'citizen' | 'staff'; unit: { id: number; name: string } | null } | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  details: Record<string, unknown>;
  /** Names of the objects the details refer to, keyed `type:id` (unit:17, region:360100). */
  names?: Record<string, string>;
  ip: string | null;
}

export interface AuditPage extends Page<AuditEntry> {
  total: number;
  totalCapped: boolean;
}

/** The filters of GET /audit-log and its export; empty values are left out of the query. */
export interface AuditFilters {
  actor?: string;
  unitId?: number;
  /** Codes and kinds (`account.*`), comma-separated. */
  action?: string;
  messageNumber?: string;
  account?: string;
  targetType?: string;
  targetId?: string;
  dateFrom?: string;
  dateTo?: string;
}

export function fetchAuditLog(filters: AuditFilters, cursor: string | undefined): Promise<AuditPage> {
  return api.get<AuditPage>('/audit-log', { ...filters, cursor, limit: 50 });
}

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => fetchAuditLog(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The export of the same filters, as a link the browser downloads (the session cookie goes along). */
export function auditExportUrl(filters: AuditFilters, lang: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, lang })) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return `/api/v1/audit-log/export?${params.toString()}`;
}
