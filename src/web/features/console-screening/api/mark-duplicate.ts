import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { screeningQueryKey } from './get-screening';

/** 标为重复: the message is not accepted (reason duplicate) and its author is pointed to the original. */
export function markDuplicate({ id, originalId }: { id: number; originalId: number }): Promise<{ id: number; number: string }> {
  return api.post<{ id: number; number: string }>(`/messages/${id}/duplicate-of`, { originalId: String(originalId) });
}

export function useMarkDuplicate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markDuplicate,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: screeningQueryKey }),
  });
}
