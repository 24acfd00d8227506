/**
 * Public message numbers (2026-11-23-000123): the day's counter row hands
 * them out in statements of their own, outside the submitting transaction,
 * so no submission holds the day's row while it waits for its commit to
 * reach the disk (docs/decisions/0010-submission-burst.md). Concurrent
 * requests for the same day share one statement.
 */
import { asyncCommitDb, type Database, type Executor } from '../../db/database.js';
import { reserveDayNumbers } from './messages.repository.js';

/** Takes `count` numbers of `day` at once and answers the last of them. */
export type Reserve = (day: string, count: number) => Promise<number>;

interface Waiter {
  resolve(n: number): void;
  reject(error: unknown): void;
}

/**
 * Hands out numbers from `reserve`, with at most one reservation in flight per
 * day. A reservation starts once the current turn of the event loop is done
 * (setImmediate), so requests made in the same turn share it; requests made
 * while one is in flight wait and are served together by the next one. In
 * arrival order, consecutive within a reservation.
 */
export function numberBatcher(reserve: Reserve): (day: string) => Promise<number> {
  const waiting = new Map<string, Waiter[]>();
  const busy = new Set<string>();

  async function drain(day: string): Promise<void> {
    busy.add(day);
    try {
      for (let batch = waiting.get(day); batch && batch.length > 0; batch = waiting.get(day)) {
        waiting.delete(day);
        try {
          const last = await reserve(day, batch.length);
          batch.forEach((w, i) => w.resolve(last - batch!.length + 1 + i));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      busy.delete(day);
    }
  }

  return (day) =>
    new Promise<number>((resolve, reject) => {
      const list = waiting.get(day) ?? [];
      list.push({ resolve, reject });
      waiting.set(day, list);
      if (!busy.has(day)) {
        busy.add(day);
        setImmediate(() => void drain(day));
      }
    });
}

const batchers = new WeakMap<Database, (day: string) => Promise<number>>();

export function formatMessageNumber(day: string, n: number): string {
  return `${day}-${String(n).padStart(6, '0')}`;
}

/**
 * The next number of the Beijing day `day` (YYYY-MM-DD, the submitting
 * transaction's own date, so the number and created_at agree). Call it after
 * every check that may refuse the submission: a number issued to a submission
 * that then fails is not given out again (a gap), refused input never
 * consumes one. Without a separate connection (a Kysely not made by
 * createDatabase) the counter moves inside `tx`, as before.
 */
export async function issueMessageNumber(db: Database, tx: Executor, day: string): Promise<string> {
  const outside = asyncCommitDb(db);
  if (!outside) return formatMessageNumber(day, await reserveDayNumbers(tx, day, 1));
  let next = batchers.get(outside);
  if (!next) {
    next = numberBatcher((d, count) => reserveDayNumbers(outside, d, count));
    batchers.set(outside, next);
  }
  return formatMessageNumber(day, await next(day));
}
