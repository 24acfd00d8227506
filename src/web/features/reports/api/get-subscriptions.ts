import { useQuery } from '@tanstack/react-query';
import type { ReportSubscription } from '../../../../shared/reports';
import { api } from '../../../lib/api-client';

export type { ReportSubscription };

export const subscriptionsQueryKey = ['reports', 'subscriptions'] as const;

/** GET /report-subscriptions: the caller's own. */
export function fetchSubscriptions(): Promise<{ items: ReportSubscription[] }> {
  return api.get<{ items: ReportSubscription[] }>('/report-subscriptions');
}

export function useSubscriptions(enabled: boolean) {
  return useQuery({ queryKey: subscriptionsQueryKey, queryFn: fetchSubscriptions, enabled });
}
