/**
 * How alike two messages are: the jieba terms of their folded, masked text
 * (the same terms `messages.search` holds, docs/decisions/0004), compared as
 * sets. docs/decisions/0014-similar-messages.md says why and what it measured.
 *
 *   score = TITLE_WEIGHT · dice(title terms) + (1 − TITLE_WEIGHT) · cosine(all terms)
 *
 * The SQL in similar.repository.ts computes the same score on the stored
 * vectors (title = weight A, all = every lexeme); `scoreTerms` is its twin for
 * messages not yet indexed (the screening queue's clusters).
 */
import { maskPersonalData } from '../../../shared/mask.js';
import { segmentForIndex } from '../search/segment.js';

export const TITLE_WEIGHT = 0.4;

/** Below this the list shows nothing: measured on the labelled set (test/integration/similar.test.ts). */
export const MIN_SCORE = 0.2;
/** Two unscreened messages on one matter (a cluster): measured like MIN_SCORE, stricter, since a cluster is a claim. */
export const CLUSTER_SCORE = 0.3;

/**
 * Characters of the body a cluster looks at: jieba costs about 1 ms per
 * message of full text, and the queue's clusters are computed on request.
 */
export const CLUSTER_BODY_CHARS = 80;

export interface Terms {
  title: string[];
  all: string[];
}

/** The distinct terms of a message's title and of its title and body, as `messages.search` has them (single characters too: the stored vectors count them). */
export function similarityTerms(title: string, body: string): Terms {
  const t = new Set(segmentForIndex(maskPersonalData(title)));
  const all = new Set(t);
  for (const term of segmentForIndex(maskPersonalData(body))) all.add(term);
  return { title: [...t], all: [...all] };
}

function common(a: readonly string[], b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/** The score of the formula above; 0 when either side has no terms. */
export function scoreTerms(a: Terms, b: Terms): number {
  const dice = a.title.length + b.title.length === 0 ? 0 : (2 * common(a.title, new Set(b.title))) / (a.title.length + b.title.length);
  const cosine = a.all.length === 0 || b.all.length === 0 ? 0 : common(a.all, new Set(b.all)) / Math.sqrt(a.all.length * b.all.length);
  return TITLE_WEIGHT * dice + (1 - TITLE_WEIGHT) * cosine;
}

export interface ClusterInput {
  id: string;
  groupKey: string;
  createdAt: Date;
  terms: Terms;
}

/**
 * Groups messages on one matter: within a group key (the city), oldest first,
 * each message joins the first cluster whose first message scores at least
 * `threshold` with it, else starts one. Comparing with the first message, not
 * any member, keeps a chain of each-a-little-alike messages from becoming one
 * cluster. Clusters of one are dropped; largest first, then the newest.
 */
export function clusterMessages<T extends ClusterInput>(items: readonly T[], threshold = CLUSTER_SCORE): T[][] {
  const byGroup = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || Number(a.id) - Number(b.id))) {
    const list = byGroup.get(item.groupKey) ?? [];
    list.push(item);
    byGroup.set(item.groupKey, list);
  }
  const clusters: T[][] = [];
  for (const list of byGroup.values()) {
    const open: T[][] = [];
    for (const item of list) {
      const home = open.find((c) => scoreTerms(c[0]!.terms, item.terms) >= threshold);
      if (home) home.push(item);
      else open.push([item]);
    }
    clusters.push(...open.filter((c) => c.length >= 2));
  }
  const last = (c: T[]) => c[c.length - 1]!.createdAt.getTime();
  return clusters.sort((a, b) => b.length - a.length || last(b) - last(a));
}
