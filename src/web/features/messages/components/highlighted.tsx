import { Fragment } from 'react';
import type { HighlightRange } from '../api/get-messages';

/**
 * Text with the search terms in <mark>: the string is split at the server's
 * [start, end) ranges, so nothing the server sent is ever parsed as HTML.
 */
export function Highlighted({ text, ranges }: { text: string; ranges?: HighlightRange[] }) {
  if (!ranges || ranges.length === 0) return <>{text}</>;
  // Clamp, sort and merge overlapping ranges: the server's ranges are a hint, not trusted markup.
  const sorted = ranges
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return (
    <>
      {parts.map((part, index) => (part.mark ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>))}
    </>
  );
}
