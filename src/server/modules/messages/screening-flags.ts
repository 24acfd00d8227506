/**
 * Flags that draw the coordinator's attention at screening. They decide
 * nothing: a flagged message is screened like any other, by a person.
 */
import { findPersonalData } from '../../../shared/mask.js';
import { foldText } from '../search/text-fold.js';

/**
 * The words a new platform starts with (the `sensitive_words` table is seeded
 * from this and edited by a platform admin): threats of violence, fraud,
 * gambling and drugs. Short on purpose; a long list flags everything and so
 * nothing.
 */
export const DEFAULT_SENSITIVE_WORDS: readonly string[] = [
  '炸药',
  '爆炸物',
  '杀了你',
  '同归于尽',
  '报复社会',
  '枪支弹药',
  '代开发票',
  '刷单返利',
  '洗钱',
  '网络赌博',
  '赌博网站',
  '六合彩',
  '冰毒',
  '海洛因',
  '摇头丸',
  '贩毒',
];

/**
 * Folded, and without spaces, punctuation and symbols, so 賭博網站, 赌 博 网 站
 * and 赌-博网站 all read 赌博网站.
 */
function compact(text: string): string {
  return foldText(text).replace(/[\s\p{P}\p{S}]/gu, '');
}

// The list is short and changes rarely; every submission checks it, so each word is compacted once.
const needles = new Map<string, string>();
function needleOf(word: string): string {
  let needle = needles.get(word);
  if (needle === undefined) {
    if (needles.size >= 10_000) needles.clear();
    needle = compact(word);
    needles.set(word, needle);
  }
  return needle;
}

/** The listed words (as listed) that occur in any of the texts. */
export function findSensitiveWords(texts: readonly string[], sensitiveWords: readonly string[]): string[] {
  const haystacks = texts.map(compact);
  return sensitiveWords.filter((word) => {
    const needle = needleOf(word);
    return needle.length > 0 && haystacks.some((haystack) => haystack.includes(needle));
  });
}

/** E.g. ['personal_data:mobile', 'personal_data:id_card', 'sensitive_word']. */
export function screeningFlags(input: { title: string; body: string }, sensitiveWords: string[]): string[] {
  const flags = findPersonalData(`${input.title}\n${input.body}`).map((kind) => `personal_data:${kind}`);
  // Title and body apart, so a word is never made of the title's end and the body's start.
  if (findSensitiveWords([input.title, input.body], sensitiveWords).length > 0) flags.push('sensitive_word');
  return flags;
}
