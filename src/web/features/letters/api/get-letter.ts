import { useQuery } from '@tanstack/react-query';
import type { LetterContent, LetterKind } from '../../../../shared/letters';
import { api } from '../../../lib/api-client';

export type { LetterContent, LetterKind };

export const letterQueryKey = (messageId: string, kind: LetterKind) => ['messages', 'letter', messageId, kind] as const;

/** GET /messages/{id}/letters/{kind}: the letter's content, as the PDF prints it. */
export function fetchLetter(messageId: string, kind: LetterKind): Promise<LetterContent> {
  return api.get<LetterContent>(`/messages/${encodeURIComponent(messageId)}/letters/${kind}`);
}

/** The same letter as a PDF (a plain link: the session cookie authorises it). */
export function letterPdfUrl(messageId: string, kind: LetterKind): string {
  return `/api/v1/messages/${encodeURIComponent(messageId)}/letters/${kind}/pdf`;
}

export function useLetter(messageId: string, kind: LetterKind) {
  return useQuery({ queryKey: letterQueryKey(messageId, kind), queryFn: () => fetchLetter(messageId, kind) });
}
