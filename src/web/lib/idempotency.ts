import { useState } from 'react';
import { isApiError } from './api-client';

/** A random UUID v4; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a failed submission may have been stored all the same: no answer came, or the server failed. */
export function outcomeUnknown(error: unknown): boolean {
  return !isApiError(error) || error.status === 0 || error.status >= 500;
}

/**
 * The Idempotency-Key of a form (a message, a campaign entry, a questionnaire
 * response): made when the form opens, kept while the outcome of a submission
 * is unknown, so sending again cannot store it twice; renewed after a clear
 * refusal, which stored nothing (the corrected request is another one, and the
 * server answers 422 to the same key with another body).
 */
export function useIdempotencyKey(): { key: string; afterError: (error: unknown) => void } {
  const [key, setKey] = useState(newIdempotencyKey);
  return {
    key,
    afterError: (error) => {
      if (!outcomeUnknown(error)) setKey(newIdempotencyKey());
    },
  };
}
