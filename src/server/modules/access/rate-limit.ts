/**
 * Fixed-window rate limits counted in PostgreSQL, so every app process shares
 * the same counters (an in-memory limiter would multiply the limit by the
 * number of processes).
 */
import { sql, type RawBuilder } from 'kysely';
import { prepared, type Executor } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';

export interface RateRule {
  /** Counter name, e.g. `login:ip:1.2.3.4`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

/** Counts one hit. @throws DomainError rate_limited when the window's limit is exceeded. */
export async function hitRateLimit(db: Executor, rule: RateRule): Promise<void> {
  const row = await sql<RateHit>`${prepared} ${rateLimitHitSql(rule, sql`true`)}`.execute(db).then((r) => r.rows[0]!);
  checkRateLimit(rule, row);
}

export interface RateHit {
  hits: number;
  retry_after: number;
}

/**
 * hitRateLimit's counting statement, for a caller that folds it into a
 * statement of its own (a common table expression) to save a round trip; it
 * counts only when `when` holds and returns hits and retry_after. Pass the
 * row it returned to checkRateLimit.
 */
export function rateLimitHitSql(rule: RateRule, when: RawBuilder<boolean>): RawBuilder<RateHit> {
  return sql<RateHit>`
    INSERT INTO rate_limits (key, window_start, hits)
    SELECT ${rule.key}, to_timestamp(floor(extract(epoch FROM now()) / ${rule.windowSeconds}) * ${rule.windowSeconds}), 1 WHERE ${when}
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
    RETURNING hits, ceil(extract(epoch FROM window_start) + ${rule.windowSeconds} - extract(epoch FROM now()))::int AS retry_after`;
}

/** @throws DomainError rate_limited when the hit went over the window's limit. */
export function checkRateLimit(rule: RateRule, row: RateHit): void {
  if (row.hits > rule.limit) {
    throw new DomainError('rate_limited', { params: { seconds: Math.max(1, row.retry_after) } });
  }
}

/** Drops counters of windows long past; called from time to time, never on a hot path's critical section. */
export async function pruneRateLimits(db: Executor): Promise<void> {
  await sql`DELETE FROM rate_limits WHERE window_start < now() - interval '2 days'`.execute(db);
}
