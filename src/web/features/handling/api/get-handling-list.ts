import { useQuery } from '@tanstack/react-query';
import type { HandlingClass } from '../../../../shared/handling';
import type { RatingGrade } from '../../../../shared/messages';
import type { MessageBasics } from '../../../lib/api/message-basics';
import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';
import { handlingQueryKey } from './use-handling-mutation';

export const SUPERVISOR_VIEWS = ['unassigned', 'today', 'overdue', 'supervised', 'dissatisfied', 'open'] as const;
export const LEADER_VIEWS = ['high', 'flagged', 'board'] as const;
export type SupervisorView = (typeof SUPERVISOR_VIEWS)[number];
export type HandlingView = SupervisorView | (typeof LEADER_VIEWS)[number];

/** One row of the coordinator's and the leader's lists (handling.schemas.ts, `HandlingListItem`). */
export interface HandlingListItem extends MessageBasics {
  region: { code: string; name: string };
  handlingClass: HandlingClass | null;
  round: number;
  supervisedAt: string | null;
  leaderAttention: boolean;
  leadUnits: { id: number; name: string; status: string }[];
  nextDue: string | null;
  /** Whole calendar days past the earliest missed open deadline; 0 when none is missed. */
  overdueDays: number;
  lateness: 'none' | 'ok' | 'amber' | 'red';
  rating: RatingGrade | null;
}

export type HandlingCounts = Record<SupervisorView, number>;

export function fetchHandlingList(query: { view: HandlingView; board?: number; cursor?: string; limit?: number }): Promise<Page<HandlingListItem>> {
  return api.get<Page<HandlingListItem>>('/handling', { ...query });
}

export function fetchHandlingCounts(): Promise<HandlingCounts> {
  return api.get<HandlingCounts>('/handling/counts');
}

export function useHandlingList(view: HandlingView, board?: number) {
  return useCursorList([...handlingQueryKey, 'list', view, board ?? null], (cursor) => fetchHandlingList({ view, board, cursor, limit: 20 }));
}

export function useHandlingCounts(enabled = true) {
  return useQuery({ queryKey: [...handlingQueryKey, 'counts'], queryFn: fetchHandlingCounts, enabled });
}
