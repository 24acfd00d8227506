import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';
import { handlingQueryKey } from './use-handling-mutation';

/** An extension request (handling.schemas.ts, `Extension`). */
export interface ExtensionRequest {
  id: number;
  messageId: number;
  messageNumber: string;
  messageTitle: string;
  assignmentId: number;
  unit: { id: number; name: string };
  days: number;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  /** The assignment's reply deadline now (before the decision, when pending). */
  replyDue: string;
  requestedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

export function fetchExtensions(query: { status?: 'pending' | 'approved' | 'refused'; cursor?: string; limit?: number }): Promise<Page<ExtensionRequest>> {
  return api.get<Page<ExtensionRequest>>('/extension-requests', { ...query });
}

/** Pending requests in the coordinator's region, newest first. */
export function usePendingExtensions() {
  return useCursorList([...handlingQueryKey, 'extensions', 'pending'], (cursor) => fetchExtensions({ status: 'pending', cursor, limit: 20 }));
}
