import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QuestionnaireResponseInput, QuestionnaireResponseReceipt } from '../../../../shared/campaigns';
import { api } from '../../../lib/api-client';
import { questionnaireQueryKey } from './get-questionnaire';

/** POST /questionnaires/{id}/responses; a retry with the same key and answers returns the first receipt. */
export function submitResponse({ id, input, idempotencyKey }: { id: number; input: QuestionnaireResponseInput; idempotencyKey: string }): Promise<QuestionnaireResponseReceipt> {
  return api.post<QuestionnaireResponseReceipt>(`/questionnaires/${id}/responses`, input, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useSubmitResponse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitResponse,
    onSuccess: (receipt) => void queryClient.invalidateQueries({ queryKey: questionnaireQueryKey(String(receipt.questionnaireId)) }),
  });
}

/** A random UUID v4; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
