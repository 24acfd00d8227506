import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { QuestionnaireResults } from '../../../../shared/campaigns';
import { api } from '../../../lib/api-client';

export type { QuestionnaireResults };

/** How often the results page asks again while the questionnaire is open. */
export const LIVE_RESULTS_MS = 5_000;

/** GET /questionnaires/{id}/results (crossBy=region: the same counts per province). */
export function fetchResults(id: string, crossBy: 'region' | null): Promise<QuestionnaireResults> {
  return api.get<QuestionnaireResults>(`/questionnaires/${encodeURIComponent(id)}/results`, { crossBy });
}

export function useResults(id: string, crossBy: 'region' | null, live: boolean) {
  return useQuery({
    queryKey: ['questionnaires', 'results', id, crossBy],
    queryFn: () => fetchResults(id, crossBy),
    refetchInterval: live ? LIVE_RESULTS_MS : false,
    placeholderData: keepPreviousData,
  });
}

/** The XLSX of every response (a plain link: the browser downloads it with the session cookie). */
export const responsesXlsxUrl = (id: number) => `/api/v1/questionnaires/${id}/responses.xlsx`;
