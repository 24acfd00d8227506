/**
 * Where the search terms are in a title or body, as UTF-16 ranges [start, end)
 * of the original text, so the web can mark them without knowing about folding.
 * Run it on the text as it is shown (after maskPersonalData), or the ranges
 * will not line up.
 */
import { foldText, foldTextMapped } from './text-fold.js';

export type Range = [number, number];

/** Sorted, with overlapping and touching ranges joined (拖欠 + 工资 in 拖欠工资 → one mark). */
function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Ranges of the original text where a term occurs, compared in folded form (醫保 is found by 医保). */
export function highlightRanges(text: string, terms: string[]): Range[] {
  const { folded, toOriginal } = foldTextMapped(text);
  const found: Range[] = [];
  for (const term of new Set(terms.map(foldText))) {
    if (term.length === 0) continue;
    // Step by one, not by the term's length: occurrences may overlap (工工 in 工工工).
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + 1)) {
      found.push(toOriginal(at, at + term.length));
    }
  }
  return mergeRanges(found);
}

const ELLIPSIS = '…';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A window of at most `size` units around the hit (centred, or starting at it when it is longer), inside the text. */
function windowAround(textLength: number, hit: Range | undefined, size: number): Range {
  if (!hit) return [0, Math.min(textLength, size)];
  const [hitStart, hitEnd] = hit;
  const start = hitEnd - hitStart >= size ? hitStart : Math.floor((hitStart + hitEnd - size) / 2);
  const clamped = Math.max(0, Math.min(start, textLength - size));
  return [clamped, Math.min(textLength, clamped + size)];
}

/**
 * A snippet of at most maxLength units (ellipses included) centred on the first
 * hit, with the ranges that fall into it shifted to the snippet. Without hits it
 * is the beginning of the text.
 */
export function excerptAround(text: string, ranges: Range[], maxLength = 120): { text: string; ranges: Range[] } {
  if (text.length <= maxLength) return { text, ranges: ranges.map(([s, e]): Range => [s, e]) };

  const sorted = mergeRanges(ranges);
  const hit = sorted[0];
  // Shrink the window until it leaves room for the ellipses it needs (at most twice).
  let budget = maxLength;
  let [start, end] = windowAround(text.length, hit, budget);
  for (;;) {
    const room = maxLength - (start > 0 ? 1 : 0) - (end < text.length ? 1 : 0);
    if (room >= budget || room < 1) break;
    budget = room;
    [start, end] = windowAround(text.length, hit, budget);
  }

  // Never cut a surrogate pair in half.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start += 1;
  if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;

  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const shift = prefix.length - start;
  const inside = sorted
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): Range => [Math.max(s, start) + shift, Math.min(e, end) + shift]);
  return { text: prefix + text.slice(start, end) + suffix, ranges: inside };
}
