import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TimelineEntry } from './get-message';

/** A reply from the handling unit or the coordinator; `final` ends the handling and opens the rating. */
export function addReply({ id, body, final }: { id: number; body: string; final: boolean }): Promise<TimelineEntry> {
  return api.post<TimelineEntry>(`/messages/${id}/replies`, { body, final });
}

export function useAddReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addReply,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
}
