/**
 * The live unread badge. A notification may be written by any app process, so
 * the signal travels through PostgreSQL: `notify` runs pg_notify in the
 * writer's transaction, and each process keeps one dedicated connection that
 * LISTENs and passes the signal to the open streams of that account in this
 * process. Each stream then reads the account's count and sends it as a
 * server-sent event.
 */
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import type { Database } from '../../db/database.js';
import { createSseStreams } from '../../http/sse.js';
import { requireActor } from '../access/access.policy.js';
import { NOTIFY_CHANNEL, countUnread, sessionIsLive } from './notifications.repository.js';

type Listener = () => void;

export interface NotificationHub {
  /** Calls `listener` after each change of the account's notifications; returns the unsubscribe. Starts listening on first use. */
  subscribe(accountId: string, listener: Listener): () => void;
  /** Whether signals from other processes can arrive (a database URL was given). */
  readonly live: boolean;
  close(): Promise<void>;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * One LISTEN connection per process, opened lazily; reconnects with backoff
 * when it drops. Whenever it starts listening it tells every subscriber to
 * read again, since signals sent before are lost. Without a database URL
 * nothing is live: streams send their first count only.
 */
export function createNotificationHub(options: { databaseUrl?: string | null; log: FastifyBaseLogger }): NotificationHub {
  const { databaseUrl, log } = options;
  const listeners = new Map<string, Set<Listener>>();
  let client: pg.Client | null = null;
  let connecting = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let failures = 0;
  let closed = false;

  const fanOut = (accountId: string | undefined) => {
    const set = accountId === undefined ? undefined : listeners.get(accountId);
    if (set) for (const listener of [...set]) listener();
  };
  const fanOutAll = () => {
    for (const set of listeners.values()) for (const listener of [...set]) listener();
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures) * (0.75 + Math.random() * 0.5);
    failures++;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref();
  };

  const drop = (c: pg.Client, reason: unknown) => {
    if (client !== c) return;
    client = null;
    c.end().catch(() => {});
    if (!closed) {
      log.warn({ err: reason }, 'notifications: LISTEN connection lost; reconnecting');
      scheduleReconnect();
    }
  };

  async function connect(): Promise<void> {
    if (closed || client || connecting || !databaseUrl) return;
    connecting = true;
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'minsheng-listen', keepAlive: true });
    c.on('notification', (msg) => {
      if (msg.channel === NOTIFY_CHANNEL) fanOut(msg.payload);
    });
    c.on('error', (error) => drop(c, error));
    c.on('end', () => drop(c, new Error('connection ended')));
    try {
      await c.connect();
      await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (closed) {
        await c.end();
        return;
      }
      client = c;
      failures = 0;
      // A signal sent before LISTEN took effect (the first stream's, or any while reconnecting) is lost: read again.
      fanOutAll();
    } catch (error) {
      c.end().catch(() => {});
      if (!closed) {
        log.warn({ err: error }, 'notifications: cannot LISTEN; retrying');
        scheduleReconnect();
      }
    } finally {
      connecting = false;
    }
  }

  return {
    live: Boolean(databaseUrl),
    subscribe(accountId, listener) {
      let set = listeners.get(accountId);
      if (!set) listeners.set(accountId, (set = new Set()));
      set.add(listener);
      if (!client && !retryTimer) void connect();
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(accountId) === set) listeners.delete(accountId);
      };
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      listeners.clear();
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
    },
  };
}

const HEARTBEAT_MS = 25_000;

export interface UnreadStreams {
  /** Serves GET /notifications/stream. @throws DomainError unauthenticated (before anything is sent). */
  open(request: FastifyRequest, reply: FastifyReply): void;
  /** Ends every open stream and closes its connection (app shutdown: the server waits for every connection). */
  endAll(): void;
}

/** `heartbeatMs`: how often a comment line keeps proxies from closing the connection, and the session is checked again. */
export function createUnreadStreams(db: Database, hub: NotificationHub, options: { heartbeatMs?: number } = {}): UnreadStreams {
  const streams = createSseStreams({ heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS });

  return {
    open(request, reply) {
      const actor = request.actor;
      requireActor(actor);
      const { accountId, sessionId } = actor;
      const stream = streams.start(request, reply, {
        retryMs: 5_000,
        onHeartbeat: () => {
          // A stream must not outlive its session (logout, expiry, a disabled account).
          sessionIsLive(db, sessionId).then(
            (live) => {
              if (!live) stream.end();
            },
            () => {},
          );
        },
      });

      let reading = false;
      let again = false;
      const sendCount = async () => {
        // Coalesce a burst of signals into one read at a time, and one more after it.
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const count = await countUnread(db, accountId);
            stream.write(`event: unread\ndata: ${JSON.stringify({ count })}\n\n`);
          } while (again && !stream.ended);
        } catch (error) {
          request.log.warn({ err: error }, 'notifications: cannot read the unread count');
        } finally {
          reading = false;
        }
      };

      if (stream.ended) return;
      stream.onEnd(hub.subscribe(accountId, () => void sendCount()));
      void sendCount();
    },
    endAll: () => streams.endAll(),
  };
}
