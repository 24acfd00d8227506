import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RejectReason } from '../../../../shared/messages';
import { api } from '../../../lib/api-client';
import { screeningQueryKey } from './get-screening';

export type ScreeningDecision = { decision: 'accept' } | { decision: 'reject'; reason: RejectReason; note?: string };

/** 受理 or 不予受理; answers the updated MessageDetail (only its number is used here). */
export function screenMessage({ id, decision }: { id: number; decision: ScreeningDecision }): Promise<{ id: number; number: string }> {
  return api.post<{ id: number; number: string }>(`/messages/${id}/screening`, decision);
}

export function useScreenMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: screenMessage,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: screeningQueryKey });
      // The public lists and counts change with every accepted message.
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
    },
  });
}
