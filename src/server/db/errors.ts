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

/**
 * The database is away or going: the connection was refused, reset or ended (a restart, a failover,
 * pg_terminate_backend: 57P01–57P03, class 08), it cannot take more connections (53300), or the pool
 * timed out waiting for one. The request did not happen (or its transaction was rolled back) and the
 * same request, with the same Idempotency-Key, may be sent again.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|is not queryable|Client was closed|Connection ended unexpectedly/i;
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}
