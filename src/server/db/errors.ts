/** True for PostgreSQL's unique_violation, the sign that a concurrent request won a race. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/**
 * PostgreSQL's refusals of a value itself: 22P05 untranslatable character and
 * 22021 invalid byte sequence (U+0000 in text or jsonb), 22003 numeric value out
 * of range (an id beyond bigint), 22P02 invalid text representation ('abc'::bigint),
 * 22007/22008 invalid or out-of-range date/time (year 0000).
 * They mean a request carried a value no schema should have let through.
 */
const BAD_INPUT_VALUE = new Set(['22P05', '22021', '22003', '22P02', '22007', '22008']);
export function isBadInputValue(error: unknown): boolean {
  return typeof error === 'object' && error !== null && BAD_INPUT_VALUE.has((error as { code?: string }).code ?? '');
}

/**
 * PostgreSQL's 40001 serialization_failure and 40P01 deadlock_detected: the
 * transaction was ended by a conflict with another one, not by its own data,
 * and the same work run again is expected to succeed (src/server/db/transaction.ts).
 */
const RETRYABLE_CONFLICT = new Set(['40001', '40P01']);
export function isRetryableConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE_CONFLICT.has((error as { code?: string }).code ?? '');
}
