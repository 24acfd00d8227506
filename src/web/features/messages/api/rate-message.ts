import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { messageQueryKey, type MessageDetail } from './get-message';

export interface RatingInput {
  /** 解决程度, 办理态度, 办理速度: 1–5 each. */
  resolution: number;
  attitude: number;
  speed: number;
  comment?: string;
}

/**
 * The author rates the final reply; a second call within 7 days changes it once, then 409.
 * Answers the whole MessageDetail (docs/api.md says `Rating`; the route sends the detail).
 */
export function rateMessage({ id, input }: { id: number; input: RatingInput }): Promise<MessageDetail> {
  return api.post<MessageDetail>(`/messages/${id}/rating`, input);
}

export function useRateMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rateMessage,
    onSuccess: (detail) => {
      queryClient.setQueryData(messageQueryKey(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
    },
  });
}
