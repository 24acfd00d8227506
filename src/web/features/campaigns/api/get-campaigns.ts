import type { CampaignPhase, CampaignSummary } from '../../../../shared/campaigns';
import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';

export type { CampaignSummary };

export interface CampaignListQuery {
  phase?: CampaignPhase;
  /** The campaigns the caller may manage, drafts included (campaign.manage). */
  manage?: boolean;
}

/** GET /campaigns: published campaigns, newest start first; with `manage`, the caller's own, drafts too. */
export function fetchCampaigns(query: CampaignListQuery & { cursor?: string; limit?: number }): Promise<Page<CampaignSummary>> {
  return api.get<Page<CampaignSummary>>('/campaigns', { phase: query.phase, manage: query.manage ? 'true' : undefined, cursor: query.cursor, limit: query.limit });
}

export function useCampaigns(query: CampaignListQuery) {
  return useCursorList(['campaigns', 'list', query], (cursor) => fetchCampaigns({ ...query, cursor, limit: 12 }));
}
