/**
 * Word segmentation for full-text search. PostgreSQL's parser cannot split
 * Chinese into words, so jieba does it here and PostgreSQL only sees
 * space-separated tokens (to_tsvector('simple', …)).
 */
import { Jieba } from '@node-rs/jieba';
// The package has no exports map, so plain Node needs the file name.
import { dict } from '@node-rs/jieba/dict.js';
import { foldText } from './text-fold.js';

let jieba: Jieba | null = null;

/**
 * Loading the dictionary takes about a quarter of a second: once per process,
 * on first use, shared by search and hot topics (stats/topic-terms.ts).
 */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Loads the dictionary now, so the first search or submission does not wait for it. */
export function warmUpSegmenter(): void {
  segmenter();
}

/**
 * Words too common to narrow a search down. Folded (Simplified) forms only:
 * tokens are folded before they are compared.
 */
const STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '和', '是', '在', '我', '我们', '你', '你们', '您', '他', '他们', '她', '她们', '它', '它们',
  '也', '就', '都', '而', '及', '与', '着', '或', '之', '把', '被', '给', '对', '从', '向', '吗', '呢', '吧', '啊', '呀',
  '这', '那', '这个', '那个', '一个', '没有', '这些', '那些', '还', '又', '很',
  '请问', '您好', '你好',
]);

/** Has a letter or a digit (so not punctuation or space), is no stop word, and is not a lone ASCII character. */
export function isSearchableToken(token: string): boolean {
  if (!/[\p{L}\p{N}]/u.test(token)) return false;
  if (STOP_WORDS.has(token)) return false;
  return !(token.length === 1 && token.charCodeAt(0) < 0x80);
}

/*
 * HMM is off on both sides on purpose: it guesses words that are not in the
 * dictionary from their context, so the same name could become one token in a
 * query and two in a document. Without it, unknown runs are single characters
 * on both sides, and still match.
 */
const HMM = false;

/**
 * The tokens of a text for the index: every dictionary word that occurs in the
 * folded text (jieba's full mode), plus the search-mode tokens for characters
 * the dictionary lacks. So a query word matches whenever it occurs in the text.
 *
 * Why not search mode alone: it keeps only the parts of the words on the best
 * route, and the best route of 小区路灯不亮 is 小区/路/灯不亮, so a search for
 * 路灯 would miss the commonest complaint there is. Full mode also yields 路灯.
 * The price is about twice the tokens (measured: 2,660 against 1,200 on a
 * sample) and substring-like matches across word boundaries (院长 in 医院长期),
 * which is what people expect from a search box anyway.
 */
export function segmentForIndex(text: string): string[] {
  const folded = foldText(text);
  const tokens = segmenter().cutAll(folded).filter(isSearchableToken);
  const seen = new Set(tokens);
  // Full mode skips characters that are not in the dictionary (㗲, 鱻); search mode keeps them.
  for (const token of segmenter().cutForSearch(folded, HMM)) {
    if (!seen.has(token) && isSearchableToken(token)) {
      seen.add(token);
      tokens.push(token);
    }
  }
  return tokens;
}

/** The words of a query: folded, then cut in precise mode (the longest dictionary words). */
export function segmentQuery(text: string): string[] {
  return segmenter().cut(foldText(text), HMM).filter(isSearchableToken);
}

/**
 * The dictionary parts of one (folded) word when together they cover all its
 * characters (拖欠工资 → 拖欠, 工资), else the word itself (物业费: 物业 alone
 * would drop 费). A document holding the word was indexed with these parts, and
 * a document holding the parts apart (拖欠农民工工资) matches them too.
 */
export function searchParts(word: string): string[] {
  if (word.length <= 2) return [word];
  const parts = segmenter()
    .cutForSearch(word, HMM)
    .filter((part) => part !== word && isSearchableToken(part));
  return coversWord(word, parts) ? parts : [word];
}

function coversWord(word: string, parts: readonly string[]): boolean {
  const covered = new Array<boolean>(word.length).fill(false);
  for (const part of parts) {
    for (let at = word.indexOf(part); at !== -1; at = word.indexOf(part, at + 1)) {
      covered.fill(true, at, at + part.length);
    }
  }
  return covered.every(Boolean);
}
