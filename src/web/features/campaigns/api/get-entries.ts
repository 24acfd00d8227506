import type { CampaignEntry, EntryKind, EntrySort } from '../../../../shared/campaigns';
import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';

export type { CampaignEntry };

export interface EntryListQuery {
  sort?: EntrySort;
  topic?: string;
  /** Entries in this region or below. */
  region?: string;
  kind?: EntryKind;
  adopted?: boolean;
}

export const entriesQueryKey = (campaignId: number) => ['campaigns', 'entries', campaignId] as const;

/** GET /campaigns/{id}/entries: the public ones (accepted, public), or every entry for the organiser; always masked. */
export function fetchEntries(campaignId: number, query: EntryListQuery & { cursor?: string; limit?: number }): Promise<Page<CampaignEntry>> {
  return api.get<Page<CampaignEntry>>(`/campaigns/${campaignId}/entries`, {
    ...query,
    adopted: query.adopted === undefined ? undefined : String(query.adopted),
  });
}

export function useEntries(campaignId: number, query: EntryListQuery, options: { enabled?: boolean; limit?: number } = {}) {
  return useCursorList([...entriesQueryKey(campaignId), query], (cursor) => fetchEntries(campaignId, { ...query, cursor, limit: options.limit ?? 20 }), {
    enabled: options.enabled,
  });
}
