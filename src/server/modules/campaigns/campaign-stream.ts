/**
 * The live entry counter of a campaign page, as server-sent events.
 *
 * Not LISTEN/NOTIFY as the notification badge: a popular campaign takes 500
 * entries a second (docs/decisions/0010), and a pg_notify per entry would put
 * work — and a commit-time lock on the notification queue — on the entry
 * insert path. Instead each app process polls: once a second it reads the
 * counts of every campaign that has an open stream in this process, in one
 * statement over the sharded counter, and sends an event to a campaign's
 * streams only when its numbers changed. The cost is one cheap query per
 * process per second however many people watch; the price is up to a second
 * of delay. Nothing here matters beyond the process: every process runs its
 * own hub, and a restarted one simply reads again.
 */
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import { createSseStreams } from '../../http/sse.js';
import { readLiveCounts, type LiveCounts } from './campaign-stream.repository.js';
import { findCampaignForEntry } from './campaigns.repository.js';

export type { LiveCounts };
type Listener = (counts: LiveCounts) => void;

export interface CampaignCountHub {
  /**
   * Calls `listener` with the campaign's counts as soon as they are known
   * (at once when another stream of this process watches the campaign
   * already), then whenever they change. Returns the unsubscribe.
   */
  subscribe(campaignId: string, listener: Listener): () => void;
  /** How many campaigns are read each tick. */
  readonly watched: number;
  /** Stops the timer and waits for a read in flight. */
  close(): Promise<void>;
}

const same = (a: LiveCounts, b: LiveCounts) => a.entryCount === b.entryCount && a.adoptedCount === b.adoptedCount;

/**
 * Reads every `intervalMs` (default 1 s) while some campaign is watched, and
 * not at all otherwise. A campaign watched for the first time is read at
 * once, so a new stream's first event does not wait for the tick. Reads never
 * overlap: a slow database skips ticks instead of piling up queries.
 */
export function createCampaignCountHub(db: Database, options: { log: FastifyBaseLogger; intervalMs?: number }): CampaignCountHub {
  const { log } = options;
  const intervalMs = options.intervalMs ?? 1_000;
  const watches = new Map<string, { listeners: Set<Listener>; last: LiveCounts | null }>();
  /** Watched campaigns without counts yet, read at once rather than at the next tick. */
  const fresh = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let reading: Promise<void> | null = null;
  let failing = false;
  let closed = false;

  const deliver = (counts: Map<string, LiveCounts>) => {
    for (const [id, next] of counts) {
      const watch = watches.get(id);
      if (!watch || (watch.last && same(watch.last, next))) continue;
      watch.last = next;
      for (const listener of [...watch.listeners]) listener(next);
    }
  };

  const read = (ids: string[]) => {
    reading = readLiveCounts(db, ids)
      .then(
        (counts) => {
          if (closed) return;
          failing = false;
          deliver(counts);
        },
        (error: unknown) => {
          // Once per outage, not once a second; the next tick tries again.
          if (!failing && !closed) log.warn({ err: error }, 'campaigns: cannot read the live entry counts');
          failing = true;
        },
      )
      .finally(() => {
        reading = null;
        readFresh();
      });
  };

  const readFresh = () => {
    if (closed || reading || fresh.size === 0) return;
    const ids = [...fresh].filter((id) => watches.has(id));
    fresh.clear();
    if (ids.length > 0) read(ids);
  };

  const tick = () => {
    if (closed || reading || watches.size === 0) return;
    // This read covers the fresh ones too.
    fresh.clear();
    read([...watches.keys()]);
  };

  return {
    get watched() {
      return watches.size;
    },
    subscribe(campaignId, listener) {
      let watch = watches.get(campaignId);
      if (!watch) {
        watches.set(campaignId, (watch = { listeners: new Set(), last: null }));
        fresh.add(campaignId);
      }
      watch.listeners.add(listener);
      if (!timer && !closed) {
        timer = setInterval(tick, intervalMs);
        timer.unref();
      }
      if (watch.last) listener(watch.last);
      else readFresh();
      const w = watch;
      return () => {
        w.listeners.delete(listener);
        if (w.listeners.size > 0 || watches.get(campaignId) !== w) return;
        watches.delete(campaignId);
        fresh.delete(campaignId);
        if (watches.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      timer = null;
      watches.clear();
      fresh.clear();
      await reading?.catch(() => {});
    },
  };
}

const HEARTBEAT_MS = 25_000;
const MAX_STREAMS = 2_000;
/** Seconds a client turned away at the limit is asked to wait (Retry-After). */
const RETRY_AFTER_S = 30;

export interface CampaignStreamOptions {
  /** Open streams this process serves at most; more are answered 503 with Retry-After. Default 2,000. */
  maxStreams?: number;
  /** How often a comment line keeps proxies from closing the connection. Default 25 s. */
  heartbeatMs?: number;
  /** How often the watched campaigns are read. Default 1 s. */
  intervalMs?: number;
}

export interface CampaignStreams {
  /**
   * Serves GET /campaigns/{id}/stream: `event: count` with `{ entryCount, adoptedCount }`
   * at once and after every change. Anyone may watch a published campaign.
   * @throws DomainError not_found (unknown or draft), service_unavailable (the
   *   process serves its limit of streams, or is shutting down) — all before anything is sent.
   */
  open(request: FastifyRequest, reply: FastifyReply, campaignId: string): Promise<void>;
  /** Open streams in this process. */
  readonly size: number;
  /** Ends every open stream and closes its connection (app shutdown: the server waits for every connection). */
  endAll(): void;
  /** Ends the streams and stops the hub. */
  close(): Promise<void>;
}

export function createCampaignStreams(db: Database, options: CampaignStreamOptions & { log: FastifyBaseLogger }): CampaignStreams {
  const maxStreams = options.maxStreams ?? MAX_STREAMS;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const hub = createCampaignCountHub(db, { log: options.log, intervalMs: options.intervalMs });
  const streams = createSseStreams({ heartbeatMs });
  let closing = false;

  const refuseWhenFull = (reply: FastifyReply) => {
    if (!closing && streams.size < maxStreams) return;
    reply.header('retry-after', String(RETRY_AFTER_S));
    throw new DomainError('service_unavailable');
  };

  const endAll = () => streams.endAll();

  return {
    get size() {
      return streams.size;
    },
    async open(request, reply, campaignId) {
      // Before the lookup, so a full process costs the database nothing …
      refuseWhenFull(reply);
      const campaign = await findCampaignForEntry(db, campaignId);
      if (!campaign || campaign.status === 'draft') throw new DomainError('not_found');
      // … and again after it, since others may have opened meanwhile; from here on nothing awaits.
      refuseWhenFull(reply);

      // Spread the reconnects of every page when a process restarts.
      const stream = streams.start(request, reply, { retryMs: 3_000 + Math.floor(Math.random() * 5_000) });
      if (stream.ended) return;
      stream.onEnd(hub.subscribe(campaign.id, (counts) => stream.write(`event: count\ndata: ${JSON.stringify(counts)}\n\n`)));
    },
    endAll,
    async close() {
      closing = true;
      endAll();
      await hub.close();
    },
  };
}
