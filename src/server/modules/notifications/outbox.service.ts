/**
 * Delivers queued e-mails and SMS. Rows are claimed with a lease (see
 * claimDueOutbox) and sent after the claim has committed: no transaction, and
 * no pooled connection, waits on an SMTP server. Several processes may run this
 * at once; each row goes to one of them. A process that dies mid-send leaves
 * its rows to be retried when the lease runs out, so a crash can mean a
 * duplicate, never a loss.
 */
import type { Database } from '../../db/database.js';
import { claimDueOutbox, failExhaustedOutbox, markOutboxFailedAttempt, markOutboxSent, releaseOutbox } from './outbox.repository.js';
import type { OutboxTransports } from './transports.js';

/** Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure gives up. */
export const OUTBOX_BACKOFF_MINUTES = [1, 5, 30, 120] as const;
export const OUTBOX_MAX_ATTEMPTS = OUTBOX_BACKOFF_MINUTES.length + 1;
const LEASE_SECONDS = 15 * 60;

export interface DeliveryResult {
  claimed: number;
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** One batch of due rows (at most `limit`, default 50). Never throws for a failing transport; database errors propagate. */
export async function deliverOutbox(db: Database, transports: OutboxTransports, options: { limit?: number } = {}): Promise<DeliveryResult> {
  const limit = options.limit ?? 50;
  const rows = await db.transaction().execute(async (tx) => {
    await failExhaustedOutbox(tx, OUTBOX_MAX_ATTEMPTS);
    return claimDueOutbox(tx, limit, LEASE_SECONDS);
  });
  const result: DeliveryResult = { claimed: rows.length, sent: 0, retrying: 0, failed: 0 };
  const started = Date.now();
  for (const [index, row] of rows.entries()) {
    // Past half the lease another process may soon see these rows as due: hand them back rather than risk sending twice.
    if (Date.now() - started > (LEASE_SECONDS * 1000) / 2) {
      await releaseOutbox(db, rows.slice(index).map((r) => r.id));
      break;
    }
    try {
      if (row.channel === 'email') await transports.email.send(row.recipient, row.subject, row.body);
      else await transports.sms.send(db, row.recipient, row.body);
      await markOutboxSent(db, row.id);
      result.sent++;
    } catch (error) {
      const giveUp = row.attempts >= OUTBOX_MAX_ATTEMPTS;
      const waitMinutes = OUTBOX_BACKOFF_MINUTES[Math.min(row.attempts, OUTBOX_BACKOFF_MINUTES.length) - 1]!;
      await markOutboxFailedAttempt(db, row.id, errorText(error), giveUp, waitMinutes * 60);
      if (giveUp) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}
