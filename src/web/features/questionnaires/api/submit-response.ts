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
