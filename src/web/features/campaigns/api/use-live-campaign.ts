import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { campaignQueryKey, fetchCampaign, LIVE_COUNTER_MS, type CampaignDetail } from './get-campaign';

/** The data of an `event: count` of GET /campaigns/{id}/stream. */
export interface LiveCounts {
  entryCount: number;
  adoptedCount: number;
}

/** The longest pause before asking for a stream again after one was refused (404, 503 at the server's limit). */
const MAX_RETRY_MS = 5 * 60_000;

/** While a published campaign takes entries, its counter moves. */
const isLive = (c: CampaignDetail | undefined) => c?.status === 'published' && c.phase === 'open';

/**
 * GET /campaigns/{id}, with the entry counter kept live while the campaign
 * takes entries: over server-sent events (GET /campaigns/{id}/stream, each
 * `count` event written into the campaign's cached detail), and by asking for
 * the detail every 5 s whenever no stream is delivering — no EventSource in
 * this browser, a refused stream (tried again later with a growing pause), or
 * a dropped one until the browser has reconnected it. A hidden tab gives its
 * stream up (a server serves a limited number) and opens it again when shown.
 */
export function useLiveCampaign(id: string) {
  const queryClient = useQueryClient();
  const [streaming, setStreaming] = useState(false);
  const query = useQuery({
    queryKey: campaignQueryKey(id),
    queryFn: () => fetchCampaign(id),
    refetchInterval: (q) => (!streaming && isLive(q.state.data) ? LIVE_COUNTER_MS : false),
    // A background tab does not need the counter.
    refetchIntervalInBackground: false,
  });
  const live = isLive(query.data);

  useEffect(() => {
    if (!live || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    const connect = () => {
      clearTimeout(timer);
      if (source || document.visibilityState === 'hidden') return;
      const opened = new EventSource(`/api/v1/campaigns/${encodeURIComponent(id)}/stream`);
      source = opened;
      opened.addEventListener('count', (event) => {
        failures = 0;
        const counts = JSON.parse((event as MessageEvent<string>).data) as LiveCounts;
        queryClient.setQueryData<CampaignDetail>(campaignQueryKey(id), (old) =>
          !old || (old.entryCount === counts.entryCount && old.adoptedCount === counts.adoptedCount) ? old : { ...old, entryCount: counts.entryCount, adoptedCount: counts.adoptedCount },
        );
        setStreaming(true);
      });
      opened.onerror = () => {
        // Nothing arrives until the stream is back: poll meanwhile.
        setStreaming(false);
        // A dropped stream the browser reconnects by itself; a refused one it gives up.
        if (opened.readyState !== EventSource.CLOSED || source !== opened) return;
        opened.close();
        source = null;
        timer = setTimeout(connect, Math.min(MAX_RETRY_MS, 10_000 * 2 ** failures++));
      };
    };
    const disconnect = () => {
      clearTimeout(timer);
      source?.close();
      source = null;
      setStreaming(false);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') disconnect();
      else connect();
    };

    connect();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      disconnect();
    };
  }, [id, live, queryClient]);

  return query;
}
