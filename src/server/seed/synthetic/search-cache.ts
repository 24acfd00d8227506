/**
 * The search module's toSearchDocument, piece by piece with a memo.
 *
 * Why: segmenting a whole message with its replies costs about a millisecond
 * (jieba full and search mode, measured), half an hour of one core for two
 * million messages. Synthetic text is made of template text and slot values
 * (place names, 小区, sums) that repeat a lot, so each distinct piece is
 * segmented once; a message then costs a few map lookups. Words never span a
 * clause end, and rarely a piece boundary, so the lexemes are nearly those of
 * the whole-text call (a test measures the overlap); repeated tokens and
 * positions differ a little, which ranking barely notices.
 */
import { toSearchDocument } from '../../modules/search/search-text.js';

export type ToSearchDocument = typeof toSearchDocument;

export class SearchDocuments {
  private readonly pieces = new Map<string, string>();
  private readonly titles = new Map<string, string>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly toDocument: ToSearchDocument = toSearchDocument,
    private readonly maxEntries = 400_000,
  ) {}

  private piece(text: string): string {
    let tokens = this.pieces.get(text);
    if (tokens === undefined) {
      this.misses++;
      tokens = this.toDocument({ title: '', body: text }).body;
      // A full memo is dropped rather than evicted entry by entry: simpler, and hot sentences come back at once.
      if (this.pieces.size >= this.maxEntries) this.pieces.clear();
      this.pieces.set(text, tokens);
    } else {
      this.hits++;
    }
    return tokens;
  }

  /** From the pieces a MessageText recorded. */
  fromPieces(title: readonly string[], body: readonly string[]): { title: string; body: string } {
    const titleTokens: string[] = [];
    for (const piece of title) {
      let tokens = this.titles.get(piece);
      if (tokens === undefined) {
        this.misses++;
        tokens = this.toDocument({ title: piece, body: '' }).title;
        if (this.titles.size >= this.maxEntries) this.titles.clear();
        this.titles.set(piece, tokens);
      } else {
        this.hits++;
      }
      if (tokens.length > 0) titleTokens.push(tokens);
    }
    const bodyTokens: string[] = [];
    for (const piece of body) {
      const tokens = this.piece(piece);
      if (tokens.length > 0) bodyTokens.push(tokens);
    }
    return { title: titleTokens.join(' '), body: bodyTokens.join(' ') };
  }
}
