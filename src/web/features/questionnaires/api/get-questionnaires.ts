import { useQuery } from '@tanstack/react-query';
import type { QuestionnaireSummary } from '../../../../shared/campaigns';
import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';

export type { QuestionnaireSummary };

export interface QuestionnaireListQuery {
  campaign?: number;
  /** 'manage': every questionnaire (drafts too) the caller organises. */
  scope?: 'public' | 'manage';
}

/** GET /questionnaires: published ones (or, scope=manage, the caller's own), newest first. */
export function fetchQuestionnaires(query: QuestionnaireListQuery & { cursor?: string; limit?: number }): Promise<Page<QuestionnaireSummary>> {
  return api.get<Page<QuestionnaireSummary>>('/questionnaires', { ...query });
}

export function useQuestionnaires(query: QuestionnaireListQuery) {
  return useCursorList(['questionnaires', 'list', query], (cursor) => fetchQuestionnaires({ ...query, cursor, limit: 20 }));
}

/** The questionnaires of one campaign (a campaign has a few at most: one page). */
export function useCampaignQuestionnaires(campaignId: number, scope: 'public' | 'manage') {
  return useQuery({
    queryKey: ['questionnaires', 'list', { campaign: campaignId, scope }],
    queryFn: () => fetchQuestionnaires({ campaign: campaignId, scope, limit: 50 }).then((page) => page.items),
  });
}
