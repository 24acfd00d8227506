import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';

export interface AuditEntry {
  id: number;
  at: string;
  actor: { id: number; displayName: string } | null;
  action: string;
  targetType: string;
  targetId: string | number | null;
  details: unknown;
}

export function fetchAuditLog(query: { cursor?: string; limit?: number; action?: string }): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/audit-log', query);
}

export function useAuditLog(action: string) {
  return useCursorList(['audit', { action }], (cursor) => fetchAuditLog({ cursor, limit: 50, action: action || undefined }));
}
