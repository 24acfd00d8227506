import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { CampaignEntry } from '../../../../shared/campaigns';
import { api, type Page } from '../../../lib/api-client';
import { entriesQueryKey } from './get-entries';

/** POST (support) or DELETE (take it back) /campaigns/{id}/entries/{entryId}/support: once per account. */
export function setSupport({ entry, support }: { entry: CampaignEntry; support: boolean }): Promise<CampaignEntry> {
  const path = `/campaigns/${entry.campaignId}/entries/${entry.id}/support`;
  return support ? api.post<CampaignEntry>(path) : api.delete<CampaignEntry>(path);
}

/** Puts the entry the server answered with into every loaded list of its campaign, so the count changes in place. */
export function replaceEntry(queryClient: ReturnType<typeof useQueryClient>, updated: CampaignEntry): void {
  queryClient.setQueriesData<InfiniteData<Page<CampaignEntry>>>({ queryKey: entriesQueryKey(updated.campaignId) }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((e) => (e.id === updated.id ? updated : e)) })) } : data,
  );
}

export function useSupportEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setSupport,
    onSuccess: (updated) => replaceEntry(queryClient, updated),
  });
}
