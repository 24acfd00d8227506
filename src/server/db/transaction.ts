/**
 * The one place where a transaction PostgreSQL ended with a deadlock (40P01)
 * or a serialisation failure (40001) is run again (docs/decisions/0011).
 *
 * The lock order every transaction on a message keeps, so that deadlocks stay
 * rare and the retries below stay a safety net, not a habit:
 *
 *   0. where deadlines are computed or moved, the working-day calendar's
 *      advisory lock (calendarForDeadlines: shared; a calendar change: exclusive);
 *   1. the message row (`SELECT … FOR UPDATE`, findMessage(tx, id, true));
 *      a transaction locks one message, or several in ascending id order and
 *      then only with SKIP LOCKED (the deadline sweep);
 *   2. its assignments, ascending id when a statement locks several (FOR UPDATE,
 *      an UPDATE, or the KEY SHARE a foreign key takes on insert: replies,
 *      deadline_alerts, letters); nothing locks an assignment without holding
 *      its message first, which makes the order among them moot in practice;
 *   3. the message's own rows: replies, extension requests, ratings, deadline
 *      alerts, events, stat_dirty;
 *   4. rows shared by many messages, last and each in one statement in key
 *      order: the tab tallies (message_tallies by scope, status), the letter
 *      number (an advisory lock per kind and year), notifications.
 *
 * A read before step 1 (a peek to learn which message an assignment belongs
 * to) takes no lock.
 */
import type { Transaction } from 'kysely';
import type { DB } from './schema.js';
import type { Database } from './database.js';
import { isRetryableConflict } from './errors.js';

/** Attempts in all, the first included: enough for a conflict that repeats, few enough that a stuck one fails in under a second. */
const ATTEMPTS = 5;
/** The wait before attempt n+1 is random in [0, min(CAP, BASE·2ⁿ)) ms ("full jitter"), so that the two sides of a deadlock do not meet again. */
const BASE_MS = 10;
const CAP_MS = 200;

export interface TransactionOptions {
  /** Attempts in all (default 5). */
  attempts?: number;
}

/**
 * Runs `fn` in a transaction and commits; when PostgreSQL ends it with 40P01
 * or 40001 (at any statement or at commit), rolls back, waits a short random
 * time and runs `fn` again from the start, up to `attempts` times.
 *
 * `fn` must therefore do nothing a rollback cannot undo: no requests to other
 * systems, no statements on another connection, no changes to objects that
 * outlive it. Whatever must happen after the change goes into the transaction
 * (notify(), pg_notify, outbox rows) or after this call returns.
 * @throws whatever `fn` throws, or the last conflict when every attempt met one.
 */
export async function transaction<T>(db: Database, fn: (tx: Transaction<DB>) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const attempts = options.attempts ?? ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(CAP_MS, BASE_MS * 2 ** attempt)));
    }
  }
}
