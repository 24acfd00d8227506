/** True for PostgreSQL's unique_violation, the sign that a concurrent request won a race. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
