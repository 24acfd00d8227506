import type { AdoptedSuggestion } from '../../../../shared/campaigns';
import { useCursorList } from '../../../lib/api/use-cursor-list';
import { api, type Page } from '../../../lib/api-client';

export type { AdoptedSuggestion };

/** GET /adopted-suggestions: adopted public entries across campaigns, newest adoption first. */
export function fetchAdopted(cursor?: string): Promise<Page<AdoptedSuggestion>> {
  return api.get<Page<AdoptedSuggestion>>('/adopted-suggestions', { cursor, limit: 20 });
}

export function useAdopted() {
  return useCursorList(['adopted'], fetchAdopted);
}
