import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { messageQueryKey, type MessageDetail } from './get-message';

/** Only the author, only while the message waits for screening. */
export function withdrawMessage(id: number): Promise<MessageDetail> {
  return api.post<MessageDetail>(`/messages/${id}/withdrawal`);
}

export function useWithdrawMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: withdrawMessage,
    onSuccess: (detail) => {
      queryClient.setQueryData(messageQueryKey(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
    },
  });
}
