import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { TITLE_MIN } from '../../../../shared/messages';
import { api } from '../../../lib/api-client';
import type { MessageSummary } from './get-messages';

/** An answered public message like the draft (docs/api.md, GET /messages/similar-public); masked by the server. */
export interface SimilarPublic extends MessageSummary {
  similarity: number;
}

export interface Draft {
  region: string;
  title: string;
  body: string;
}

/** The server reads the start of the body only (a URL carries no more). */
const BODY_SENT = 300;
const DEBOUNCE_MS = 800;

export function fetchSimilarPublic(draft: Draft): Promise<{ items: SimilarPublic[] }> {
  return api.get<{ items: SimilarPublic[] }>('/messages/similar-public', { region: draft.region, title: draft.title, body: draft.body.slice(0, BODY_SENT) });
}

/**
 * The suggestions for a draft, asked once typing has paused, and never while
 * the title is too short to say anything. A failed request shows nothing: the
 * suggestions must never stand between a citizen and the submit button.
 */
export function useSimilarPublic(draft: Partial<Draft>) {
  const [settled, setSettled] = useState<Draft | null>(null);
  const region = draft.region ?? '';
  const title = draft.title?.trim() ?? '';
  const body = draft.body?.trim() ?? '';
  useEffect(() => {
    const timer = setTimeout(() => setSettled(region && title.length >= TITLE_MIN ? { region, title, body: body.slice(0, BODY_SENT) } : null), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [region, title, body]);
  return useQuery({
    queryKey: ['messages', 'similar-public', settled],
    queryFn: () => fetchSimilarPublic(settled!),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}
