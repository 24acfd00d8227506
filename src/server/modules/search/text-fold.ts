/**
 * Folding: the one normal form that indexing, querying, highlighting and the
 * sensitive-word check all compare in, so 醫保, 医保 and ＹＩＢＡＯ/yibao meet.
 */
import { Converter } from 'opencc-js/t2cn';

type Convert = (text: string) => string;

let simplify: Convert | null = null;

/**
 * Traditional → Simplified, built on first use (the tries take some tens of ms).
 *
 * Why 'hk' → 'cn': it maps 醫保, 許昌, 繳費, 裡, 台灣 like the others and also
 * the Hong Kong variants (衞生 → 卫生, 枱 → 台), and it leaves Simplified text
 * alone. 'tw' was rejected: its Taiwan-variant table turns Simplified 著 into 着
 * and 么 into 幺 (显著 → 显着), so a Simplified query would no longer match a
 * Simplified document folded the same way. 'twp' also rewrites vocabulary
 * (計程車 → 出租车), which changes lengths and would break highlighting.
 */
function toSimplified(text: string): string {
  const convert = (simplify ??= Converter({ from: 'hk', to: 'cn' }));
  return convert(text);
}

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;

/** Full-width ASCII (ＡＢＣ１２３，) → half-width; the ideographic space → a space. */
function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Lower case, but never a character whose lower case is longer (İ → i̇), so offsets survive. */
function toLower(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return text.replace(/\p{Lu}/gu, (ch) => {
    const l = ch.toLowerCase();
    return l.length === ch.length ? l : ch;
  });
}

/**
 * Traditional → Simplified, full-width → half-width, Latin → lower case.
 * Deterministic, and idempotent on every word of the jieba dictionary (tested),
 * so folding an already folded query term changes nothing.
 */
export function foldText(text: string): string {
  return toLower(toHalfWidth(toSimplified(text)));
}

/** Builds the converter now, so the first request does not pay for it. */
export function warmUpFold(): void {
  toSimplified('');
}

export interface FoldedText {
  folded: string;
  /** The range [start, end) of the original text that produced folded[start, end). */
  toOriginal(start: number, end: number): [number, number];
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/**
 * Whole-text folding lines up unit by unit when both sides have the same length
 * and surrogates in the same places: every BMP entry of the tables maps n units
 * to n units. Only a few rare characters (㗲 → 𠵾) become surrogate pairs.
 */
function alignsUnitByUnit(original: string, folded: string): boolean {
  if (original.length !== folded.length) return false;
  for (let i = 0; i < original.length; i++) {
    if (isSurrogate(original.charCodeAt(i)) !== isSurrogate(folded.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * Folds and remembers where each folded unit came from, for highlighting in the
 * original text. When whole-text folding changes lengths, it folds code point by
 * code point instead: phrase context is lost for that text, but offsets stay valid.
 */
export function foldTextMapped(text: string): FoldedText {
  const folded = foldText(text);
  if (alignsUnitByUnit(text, folded)) return { folded, toOriginal: (start, end) => [start, end] };

  const starts: number[] = [];
  const ends: number[] = [];
  const pieces: string[] = [];
  let offset = 0;
  for (const ch of text) {
    const piece = foldText(ch);
    for (let k = 0; k < piece.length; k++) {
      starts.push(offset);
      ends.push(offset + ch.length);
    }
    pieces.push(piece);
    offset += ch.length;
  }
  return {
    folded: pieces.join(''),
    toOriginal: (start, end) => [starts[start] ?? text.length, ends[end - 1] ?? text.length],
  };
}
