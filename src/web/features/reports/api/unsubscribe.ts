import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { subscriptionsQueryKey } from './get-subscriptions';
import type { SubscriptionInput } from './subscribe';

/** DELETE /report-subscriptions?kind&region. */
export function unsubscribe(input: SubscriptionInput): Promise<void> {
  return api.delete<void>(`/report-subscriptions?kind=${encodeURIComponent(input.kind)}&region=${encodeURIComponent(input.region)}`);
}

export function useUnsubscribe() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: unsubscribe, onSuccess: () => queryClient.invalidateQueries({ queryKey: subscriptionsQueryKey }) });
}
