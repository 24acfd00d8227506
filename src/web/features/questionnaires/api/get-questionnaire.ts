import { useQuery } from '@tanstack/react-query';
import type { QuestionnaireDetail } from '../../../../shared/campaigns';
import { api } from '../../../lib/api-client';

export type { QuestionnaireDetail };

export const questionnaireQueryKey = (id: string) => ['questionnaires', 'detail', id] as const;

export function fetchQuestionnaire(id: string): Promise<QuestionnaireDetail> {
  return api.get<QuestionnaireDetail>(`/questionnaires/${encodeURIComponent(id)}`);
}

export function useQuestionnaire(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: questionnaireQueryKey(id), queryFn: () => fetchQuestionnaire(id), enabled: options.enabled ?? true });
}
