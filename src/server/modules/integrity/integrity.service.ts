/**
 * Runs the integrity checks (integrity.checks.ts) on one consistent snapshot:
 * a read-only REPEATABLE READ transaction, so a counter and its source are
 * read at the same moment even while the platform is writing. Nothing is
 * changed; pending statistics marks (stat_dirty) are left to the fold.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { INTEGRITY_CHECKS, packageCalendar, type CheckContext, type IntegrityCheck } from './integrity.checks.js';

export const EXAMPLES = 5;

export interface CheckResult {
  name: string;
  description: string;
  /** Number of breaches: 0 when the invariant holds. */
  breaches: number;
  /** Up to EXAMPLES breaching keys (what they are: `examplesAre`). */
  examples: string[];
  examplesAre: string;
  milliseconds: number;
}

export interface IntegrityReport {
  ok: boolean;
  results: CheckResult[];
}

/** @throws Error naming the unknown check when `only` names one that does not exist. */
export function selectChecks(only?: readonly string[]): IntegrityCheck[] {
  if (!only || only.length === 0) return [...INTEGRITY_CHECKS];
  const unknown = only.filter((name) => !INTEGRITY_CHECKS.some((c) => c.name === name));
  if (unknown.length > 0) throw new Error(`unknown check ${unknown.join(', ')}; the checks are ${INTEGRITY_CHECKS.map((c) => c.name).join(', ')}`);
  return INTEGRITY_CHECKS.filter((c) => only.includes(c.name));
}

/** Runs the checks (all, or those named in `only`), calling `onResult` as each finishes. */
export async function checkIntegrity(db: Database, options: { only?: readonly string[]; onResult?: (result: CheckResult) => void } = {}): Promise<IntegrityReport> {
  const checks = selectChecks(options.only);
  const results = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(tx);
      const span = await sql<{ first: string | null; last: string; calendar: boolean }>`
        SELECT (min(created_at) AT TIME ZONE 'Asia/Shanghai')::date::text AS first,
               (greatest(max(created_at), max(first_reply_at), now()) AT TIME ZONE 'Asia/Shanghai')::date::text AS last,
               to_regclass('calendar_days') IS NOT NULL AS calendar
          FROM messages`.execute(tx);
      const { first, last, calendar } = span.rows[0]!;
      const context: CheckContext = {
        span: first ? { first, last } : null,
        calendar: calendar ? { source: 'table' } : packageCalendar(first ?? last, last),
      };
      const out: CheckResult[] = [];
      for (const check of checks) {
        const started = Date.now();
        for (const [name, value] of Object.entries(check.settings ?? {})) await sql`SELECT set_config(${name}, ${value}, true)`.execute(tx);
        const row = (
          await sql<{ n: string; examples: string[] }>`
            WITH bad AS MATERIALIZED (${check.bad(context)})
            SELECT (SELECT count(*) FROM bad) AS n, ARRAY(SELECT key FROM bad ORDER BY ord, key LIMIT ${EXAMPLES}) AS examples`.execute(tx)
        ).rows[0]!;
        // The names are the checks' own (integrity.checks.ts), never input.
        for (const name of Object.keys(check.settings ?? {})) await sql.raw(`RESET ${name}`).execute(tx);
        const result: CheckResult = {
          name: check.name,
          description: check.description,
          breaches: Number(row.n),
          examples: row.examples,
          examplesAre: check.examples,
          milliseconds: Date.now() - started,
        };
        options.onResult?.(result);
        out.push(result);
      }
      return out;
    });
  return { ok: results.every((r) => r.breaches === 0), results };
}

/** One line per check: `ok` or `BROKEN` with the count and example ids. */
export function formatResult(result: CheckResult): string {
  const time = `${(result.milliseconds / 1000).toFixed(1)} s`;
  if (result.breaches === 0) return `ok      ${result.name.padEnd(18)} ${time}`;
  return `BROKEN  ${result.name.padEnd(18)} ${time}  ${result.breaches.toLocaleString('en')} breach${result.breaches === 1 ? '' : 'es'}; e.g. ${result.examplesAre}: ${result.examples.join(', ')}  (${result.description})`;
}
