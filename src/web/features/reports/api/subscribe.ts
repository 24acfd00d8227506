import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReportKind, ReportSubscription } from '../../../../shared/reports';
import { api } from '../../../lib/api-client';
import { subscriptionsQueryKey } from './get-subscriptions';

export interface SubscriptionInput {
  kind: ReportKind;
  region: string;
}

/** POST /report-subscriptions: e-mail me each new report of this kind and region. */
export function subscribe(input: SubscriptionInput): Promise<ReportSubscription> {
  return api.post<ReportSubscription>('/report-subscriptions', input);
}

export function useSubscribe() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: subscribe, onSuccess: () => queryClient.invalidateQueries({ queryKey: subscriptionsQueryKey }) });
}
