import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TimelineEntry } from './get-message';

/** 追问: the author asks again, while the message is accepted and not closed. */
export function addFollowUp({ id, body }: { id: number; body: string }): Promise<TimelineEntry> {
  return api.post<TimelineEntry>(`/messages/${id}/follow-ups`, { body });
}

export function useAddFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addFollowUp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
}
