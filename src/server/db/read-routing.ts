/**
 * Which database a read goes to when a streaming replica is configured
 * (DATABASE_READ_URL, docs/replicas.md).
 *
 * The replica is behind the primary by a few milliseconds, more under a burst.
 * Nobody notices that on the public board, but an author who does not find the
 * message just written, or a coordinator whose acceptance seems undone, does.
 * So: readers without a session (the public board, search, a message's page,
 * boards, regions, published listings) read the replica; readers with a session
 * read the primary, which has their own writes. Published statistics read the
 * replica for everyone: the changes not yet counted are folded on the primary
 * first, and the replica is read once it has replayed that fold, so a figure is
 * as exact there as on the primary. Writes, and everything not routed here, use the primary.
 *
 * A replica is a dependency that fails: a read it cannot serve (down, restarting,
 * saturated, or a query cancelled by a recovery conflict) runs again on the primary,
 * and the replica is left alone for a while before it is tried again. Losing the
 * replica costs the primary some load and fails no request.
 */
import { sql } from 'kysely';
import type { Actor } from '../modules/access/actor.js';
import type { Database } from './database.js';
import { isDatabaseUnavailable } from './errors.js';

/** After a failure the replica is skipped this long; then the next read tries it again. */
const REPLICA_RETRY_AFTER_MS = 5_000;
/**
 * A statistics read whose fold just wrote on the primary waits this long at most for the replica to
 * replay it (under a burst of 300 submissions it took milliseconds, docs/replicas.md); beyond, it reads the primary.
 */
const REPLAY_WAIT_MS = 500;
/** The health answer waits no longer than this for the replica: readiness is the primary's. */
const REPLICA_PROBE_TIMEOUT_MS = 1_000;

/** 40001 on a hot standby: a query cancelled because replay had to remove rows it was reading (max_standby_streaming_delay). */
const RECOVERY_CONFLICT = '40001';
/** 25006: a write reached a read-only connection, a read routed here that writes. A bug, logged, and the primary serves it. */
const READ_ONLY_VIOLATION = '25006';

type Log = { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

export interface ReplicaState {
  status: 'ok' | 'unavailable';
  /** Bytes of WAL the primary has and the replica has not replayed; null when unknown. */
  lagBytes: number | null;
}

export interface ReadRouter {
  /** A public read: on the replica for a reader without a session, on the primary for a signed-in one (read-your-own-writes). */
  publicRead<T>(actor: Actor | null, read: (db: Database) => Promise<T>): Promise<T>;
  /**
   * Published statistics: on the replica for everyone. `prepare` runs on the primary first (the
   * statistics fold, which only the primary can do) and says whether it wrote; if it did, the replica
   * is read once it has replayed that write, or the primary if that takes longer than REPLAY_WAIT_MS.
   */
  statisticsRead<T>(read: (db: Database) => Promise<T>, prepare?: (primary: Database) => Promise<boolean>): Promise<T>;
  /** The replica's state for /api/health; null when no replica is configured. Never throws. */
  replicaState(): Promise<ReplicaState | null>;
}

/** Every read on the one database (no replica configured). */
export function primaryReads(db: Database): ReadRouter {
  return {
    publicRead: (_actor, read) => read(db),
    async statisticsRead(read, prepare) {
      await prepare?.(db);
      return read(db);
    },
    replicaState: async () => null,
  };
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? ((error as { code?: unknown }).code as string | undefined) : undefined;
}

/** A WAL position 'hi/lo' (hex) as a byte offset. */
function lsnBytes(lsn: string): bigint {
  const [hi = '0', lo = '0'] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('replica probe timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Reads routed between `primary` and `replica` as the file's comment says; `replica` null or the primary itself: primaryReads. */
export function createReadRouter(options: { primary: Database; replica: Database | null; log: Log; now?: () => number }): ReadRouter {
  const { primary, replica, log } = options;
  if (!replica || replica === primary) return primaryReads(primary);
  const now = options.now ?? Date.now;
  let skipReplicaUntil = 0;

  function skipReplica(error: unknown): void {
    if (now() >= skipReplicaUntil) log.warn({ err: error }, `read replica unavailable: reading from the primary for ${REPLICA_RETRY_AFTER_MS / 1000} s`);
    skipReplicaUntil = now() + REPLICA_RETRY_AFTER_MS;
  }

  async function onReplica<T>(read: (db: Database) => Promise<T>): Promise<T> {
    if (now() < skipReplicaUntil) return read(primary);
    try {
      return await read(replica!);
    } catch (error) {
      const code = codeOf(error);
      if (isDatabaseUnavailable(error)) {
        skipReplica(error);
      } else if (code === READ_ONLY_VIOLATION) {
        log.error({ err: error }, 'a read routed to the replica tried to write: served by the primary; route it to the primary (src/server/db/read-routing.ts)');
      } else if (code !== RECOVERY_CONFLICT) {
        throw error;
      }
      // Reads are safe to run twice, and the replica's attempt changed nothing.
      return read(primary);
    }
  }

  /** Whether the replica has replayed everything the primary has written until now, waiting up to REPLAY_WAIT_MS. */
  async function replicaCaughtUp(): Promise<boolean> {
    if (now() < skipReplicaUntil) return false;
    const target = (await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(primary)).rows[0]!.lsn;
    const deadline = Date.now() + REPLAY_WAIT_MS;
    try {
      for (;;) {
        const replayed = (await sql<{ lsn: string | null }>`SELECT pg_last_wal_replay_lsn()::text AS lsn`.execute(replica!)).rows[0]?.lsn ?? null;
        // Not a standby (no replay position): it is its own primary, nothing to wait for.
        if (replayed === null || lsnBytes(replayed) >= lsnBytes(target)) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) skipReplica(error);
      return false;
    }
  }

  return {
    publicRead: (actor, read) => (actor ? read(primary) : onReplica(read)),
    async statisticsRead(read, prepare) {
      let wrote = false;
      try {
        wrote = (await prepare?.(primary)) ?? false;
      } catch (error) {
        // The primary away: the replica still has the figures as of its last replayed fold; better than a 503.
        if (!isDatabaseUnavailable(error)) throw error;
        return onReplica(read);
      }
      if (wrote && !(await replicaCaughtUp())) return read(primary);
      return onReplica(read);
    },
    async replicaState() {
      let replayed: string | null;
      try {
        replayed = (await withTimeout(sql<{ lsn: string | null }>`SELECT pg_last_wal_replay_lsn()::text AS lsn`.execute(replica), REPLICA_PROBE_TIMEOUT_MS)).rows[0]?.lsn ?? null;
      } catch {
        return { status: 'unavailable', lagBytes: null };
      }
      // Null: DATABASE_READ_URL names a server that is not a standby, there is no replay to measure.
      if (replayed === null) return { status: 'ok', lagBytes: null };
      try {
        const current = (await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(primary)).rows[0]!.lsn;
        const behind = lsnBytes(current) - lsnBytes(replayed);
        return { status: 'ok', lagBytes: Number(behind > 0n ? behind : 0n) };
      } catch {
        return { status: 'ok', lagBytes: null };
      }
    },
  };
}
