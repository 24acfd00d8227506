import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** What POST /messages/{id}/replies answers (docs/api.md, `ReplyRecord`). */
export interface ReplyRecord {
  id: number;
  kind: 'interim' | 'final';
  final: boolean;
  status: 'pending_review' | 'published' | 'rejected';
}

/** A reply from the unit holding the signed lead assignment; held for review when the unit requires it. */
export function addReply({ id, body, final }: { id: number; body: string; final: boolean }): Promise<ReplyRecord> {
  return api.post<ReplyRecord>(`/messages/${id}/replies`, { body, final });
}

export function useAddReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addReply,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['messages'] }),
  });
}
