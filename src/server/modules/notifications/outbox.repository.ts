import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

export interface ClaimedOutboxRow {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  /** Including the attempt this claim starts. */
  attempts: number;
}

/**
 * Takes up to `limit` due rows for this caller: locks them with SKIP LOCKED (a
 * concurrent caller takes other rows), counts the attempt and moves
 * next_attempt_at past the lease, all in one statement. Once it commits the
 * rows are no longer due for anyone else until the lease runs out.
 */
export async function claimDueOutbox(db: Executor, limit: number, leaseSeconds: number): Promise<ClaimedOutboxRow[]> {
  const result = await sql<ClaimedOutboxRow>`
    WITH due AS (
      SELECT id FROM outbox
      WHERE status = 'pending' AND next_attempt_at <= now()
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE outbox o SET attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
    FROM due WHERE o.id = due.id
    RETURNING o.id, o.channel, o.recipient, o.subject, o.body, o.attempts`.execute(db);
  return result.rows.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Rows whose last allowed attempt was cut off (the process died while sending) are given up. */
export async function failExhaustedOutbox(db: Executor, maxAttempts: number): Promise<void> {
  await sql`
    UPDATE outbox SET status = 'failed', last_error = coalesce(last_error, 'interrupted during delivery')
    WHERE status = 'pending' AND attempts >= ${maxAttempts} AND next_attempt_at <= now()`.execute(db);
}

export async function markOutboxSent(db: Executor, id: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'sent', sent_at: sql`now()`, last_error: null }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** After a failed attempt: try again after `retryInSeconds`, or give up (`failed`). */
export async function markOutboxFailedAttempt(db: Executor, id: string, error: string, giveUp: boolean, retryInSeconds: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: giveUp ? 'failed' : 'pending', last_error: error.slice(0, 1000), next_attempt_at: sql`now() + make_interval(secs => ${retryInSeconds})` })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Hands claimed rows back untouched (the batch ran out of its lease before reaching them). */
export async function releaseOutbox(db: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ attempts: sql`attempts - 1`, next_attempt_at: sql`now()` })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .execute();
}
