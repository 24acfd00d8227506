import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** GET /workbench (workbench.routes.ts): a role's section is null when the role has no such list. */
export interface Workbench {
  cap: number;
  screening: { toScreen: number } | null;
  supervision: { toAssign: number; today: number; overdue: number; supervised: number; dissatisfied: number; open: number; extensions: number } | null;
  inbox: { toSign: number; inProgress: number; dueSoon: number; overdue: number; returned: number } | null;
  reviews: { awaitingReview: number } | null;
  month: { received: number; replied: number; repliedOnTime: number; onTimeRate: number | null } | null;
}

export function useWorkbench() {
  // Refreshed every minute and on focus: the clerk leaves it open all day.
  return useQuery({ queryKey: ['workbench'], queryFn: () => api.get<Workbench>('/workbench'), refetchInterval: 60_000 });
}
