/**
 * What the messages service stores in `messages.search` and what it asks
 * PostgreSQL for. Both sides go through the same folding and dictionary, so
 * 醫保 and 医保 become the same lexeme.
 *
 * Stored as:  setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
 * Queried as: search @@ to_tsquery('simple', tsquery)
 */
import { maskPersonalData } from '../../../shared/mask.js';
import { searchParts, segmentForIndex, segmentQuery } from './segment.js';

/** More terms only narrow an AND further, and each one is another GIN lookup. */
export const MAX_QUERY_TERMS = 16;

/**
 * Space-joined tokens of the title and of the body with its replies. Personal
 * data is masked first: public search must not find a message by a mobile
 * number that its public text hides.
 */
export function toSearchDocument(parts: { title: string; body: string; replies?: string[] }): { title: string; body: string } {
  const body = [parts.body, ...(parts.replies ?? [])].join('\n');
  return {
    title: segmentForIndex(maskPersonalData(parts.title)).join(' '),
    body: segmentForIndex(maskPersonalData(body)).join(' '),
  };
}

/**
 * A lexeme quoted for to_tsquery, so & | ! ( ) : * in it are text, not operators.
 * Inside the quotes a quote is doubled and a backslash escaped.
 */
function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Every searchable word of the query must occur (AND). Null when nothing
 * searchable remains (only punctuation or stop words). `terms` are folded, for
 * highlightRanges.
 */
export function toSearchQuery(q: string): { tsquery: string; terms: string[] } | null {
  const terms = [...new Set(segmentQuery(q).flatMap(searchParts))].slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return null;
  return { tsquery: terms.map(quoteLexeme).join(' & '), terms };
}
