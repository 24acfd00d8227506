import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QuestionnaireDetail, QuestionnaireInput } from '../../../../shared/campaigns';
import { api } from '../../../lib/api-client';
import { questionnaireQueryKey } from './get-questionnaire';

export type { QuestionnaireInput };

/** POST /questionnaires (a new draft) or PATCH /questionnaires/{id} (`questions`, when given, is the whole new list). */
export function saveQuestionnaire({ id, input }: { id?: number; input: Partial<QuestionnaireInput> }): Promise<QuestionnaireDetail> {
  return id === undefined ? api.post<QuestionnaireDetail>('/questionnaires', input) : api.patch<QuestionnaireDetail>(`/questionnaires/${id}`, input);
}

/** POST /questionnaires/{id}/publish. */
export function publishQuestionnaire(id: number): Promise<QuestionnaireDetail> {
  return api.post<QuestionnaireDetail>(`/questionnaires/${id}/publish`);
}

function useQuestionnaireChange<V>(mutationFn: (v: V) => Promise<QuestionnaireDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (questionnaire) => {
      queryClient.setQueryData(questionnaireQueryKey(String(questionnaire.id)), questionnaire);
      void queryClient.invalidateQueries({ queryKey: ['questionnaires', 'list'] });
      // Appended questions and options show in the results at once.
      void queryClient.invalidateQueries({ queryKey: ['questionnaires', 'results', String(questionnaire.id)] });
      // A campaign lists its published questionnaires.
      void queryClient.invalidateQueries({ queryKey: ['campaigns', 'detail'] });
    },
  });
}

export const useSaveQuestionnaire = () => useQuestionnaireChange(saveQuestionnaire);
export const usePublishQuestionnaire = () => useQuestionnaireChange(publishQuestionnaire);
