/**
 * 相似留言 and 线索聚类 (issue 16): the earlier public messages most like one
 * being screened, clusters of unscreened messages on one matter, linking a
 * message to an earlier public one as 重复留言, and the answered public
 * messages a citizen sees before submitting. docs/decisions/0014-similar-messages.md.
 */
import type { Database, Executor } from '../../db/database.js';
import { transaction } from '../../db/transaction.js';
import { DomainError, invalidField } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize } from '../access/access.policy.js';
import { hitRateLimit } from '../access/rate-limit.js';
import { transition } from '../messages/message-transition.js';
import { presentSummary } from '../messages/messages.present.js';
import { findMessage, insertEvent, staffSeesBoard } from '../messages/messages.repository.js';
import { presentDetail } from '../messages/messages.service.js';
import { noticeDuplicate } from './similar.notices.js';
import { areaOf, findSimilarListed, listUnscreenedTexts, regionArea, type ScoredRow } from './similar.repository.js';
import { CLUSTER_BODY_CHARS, clusterMessages, MIN_SCORE, similarityTerms } from './similar-text.js';

const DAY_MS = 86_400_000;
/** 近几个月: how far back the coordinator's list looks. */
export const SIMILAR_DAYS = 180;
/** The public suggestions look further back: an answer two years old still answers. */
export const SUGGEST_DAYS = 730;
export const SUGGEST_LIMIT = 5;
/** Clusters: unscreened messages of the last days, the newest this many. */
export const CLUSTER_DAYS = 30;
export const CLUSTER_MAX_MESSAGES = 500;
/** Per client address and minute, as a search box is used: a debounced write page asks a few times a minute. */
export const SUGGEST_RATE = { limit: 30, windowSeconds: 60 };

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const present = (rows: ScoredRow[], viewer: 'public' | 'staff') => rows.map((r) => ({ ...presentSummary(r, viewer), similarity: round3(r.score) }));

/** Loads a message the staff actor may screen. @throws not_found when missing or outside the actor's boards. */
async function messageInScope(db: Executor, actor: Actor, id: string, forUpdate = false) {
  const row = await findMessage(db, id, forUpdate);
  if (!row || !(await staffSeesBoard(db, actor, row.board_id))) throw new DomainError('not_found');
  return row;
}

/**
 * The earlier public messages most like the message, in its city (or
 * province) over the last SIMILAR_DAYS, best first.
 * @throws unauthenticated, forbidden, not_found.
 */
export async function findSimilarMessages(db: Database, actor: Actor | null, id: string, input: { limit: number }) {
  authorize(actor, 'message.screen');
  const row = await messageInScope(db, actor, id);
  const area = areaOf(row);
  if (!area) return { items: [] };
  const since = new Date(new Date(row.created_at).getTime() - SIMILAR_DAYS * DAY_MS);
  const rows = await findSimilarListed(db, similarityTerms(row.title, row.body), { area, since, excludeId: row.id, answeredOnly: false, limit: input.limit, minScore: MIN_SCORE });
  return { items: present(rows, 'staff') };
}

/**
 * Answered public messages like a draft, for the write page. Masked like every
 * public output; counted against the caller's address.
 * @throws rate_limited, region_not_found (naming `region`).
 */
export async function suggestPublicMessages(db: Database, writeDb: Database, input: { region: string; title: string; body: string; clientIp: string }) {
  await hitRateLimit(writeDb, { key: `similar-public:ip:${input.clientIp}`, ...SUGGEST_RATE });
  const region = await regionArea(db, input.region);
  if (!region.found) throw new DomainError('region_not_found', { field: 'region' });
  const area = region.city ? ({ column: 'city_code', code: region.city } as const) : region.province ? ({ column: 'province_code', code: region.province } as const) : null;
  if (!area) return { items: [] };
  const terms = similarityTerms(input.title, input.body);
  const since = new Date(Date.now() - SUGGEST_DAYS * DAY_MS);
  const rows = await findSimilarListed(db, terms, { area, since, excludeId: null, answeredOnly: true, limit: SUGGEST_LIMIT, minScore: MIN_SCORE });
  return { items: present(rows, 'public') };
}

/**
 * 线索聚类: the unscreened messages of the actor's boards from the last
 * CLUSTER_DAYS grouped by matter within a city, largest first.
 * @throws unauthenticated, forbidden.
 */
export async function listClusters(db: Database, actor: Actor | null) {
  authorize(actor, 'message.screen');
  const since = new Date(Date.now() - CLUSTER_DAYS * DAY_MS);
  const rows = await listUnscreenedTexts(db, actor, since, CLUSTER_MAX_MESSAGES, CLUSTER_BODY_CHARS);
  const clusters = clusterMessages(
    rows.map((r) => ({ ...r, groupKey: r.city_code ?? r.province_code ?? r.region_code, createdAt: new Date(r.created_at), terms: similarityTerms(r.title, r.body) })),
  );
  return {
    considered: rows.length,
    truncated: rows.length >= CLUSTER_MAX_MESSAGES,
    items: clusters.map((c) => {
      const first = c[0]!;
      const last = c[c.length - 1]!;
      const regions = [...new Map(c.map((m) => [m.region_code, m.region_name])).entries()].map(([code, name]) => ({ code, name }));
      return {
        size: c.length,
        firstAt: first.createdAt.toISOString(),
        lastAt: last.createdAt.toISOString(),
        spanHours: Math.round(((last.createdAt.getTime() - first.createdAt.getTime()) / 3_600_000) * 10) / 10,
        area: { code: first.groupKey, name: first.city_name ?? first.region_name },
        regions,
        messageIds: c.map((m) => Number(m.id)),
        sampleTitles: c.slice(0, 3).map((m) => m.title),
      };
    }),
  };
}

/**
 * 标为重复留言: the message is not accepted (reject, reason `duplicate`, per the
 * state machine), the event names the original, and the author is pointed to
 * the original's public exchange. Nothing changes when any check fails.
 * @throws unauthenticated, forbidden, not_found, message_state (already screened),
 *   validation_failed naming `originalId` (the message itself, unknown, not public, not earlier).
 */
export async function markDuplicate(db: Database, actor: Actor | null, id: string, input: { originalId: string; note?: string }) {
  authorize(actor, 'message.screen');
  if (input.originalId === id) throw invalidField('originalId', 'self', { 'zh-CN': '不能把留言标为它自己的重复', 'zh-TW': '不能把留言標為它自己的重複', en: 'a message cannot duplicate itself' });
  return transaction(db, async (tx) => {
    const row = await messageInScope(tx, actor, id, true);
    if (row.status !== 'submitted') throw new DomainError('message_state');
    const original = await findMessage(tx, input.originalId);
    if (!original) throw invalidField('originalId', 'not_found', { 'zh-CN': '原留言不存在', 'zh-TW': '原留言不存在', en: 'no message has this id' });
    // The author is sent to the original's page: it must be one the public can read.
    if (!original.listed) throw invalidField('originalId', 'not_public', { 'zh-CN': '原留言未公开，不能作为重复留言的依据', 'zh-TW': '原留言未公開，不能作為重複留言的依據', en: 'the original message is not public' });
    if (new Date(original.created_at).getTime() > new Date(row.created_at).getTime()) {
      throw invalidField('originalId', 'not_earlier', { 'zh-CN': '原留言须早于本条留言', 'zh-TW': '原留言須早於本條留言', en: 'the original must be earlier than this message' });
    }
    const note = input.note?.trim() || null;
    await transition(tx, row, 'reject', { reject_reason: 'duplicate' });
    await insertEvent(tx, {
      messageId: row.id,
      kind: 'rejected',
      visibility: 'author',
      actorId: actor.accountId,
      unitId: actor.unitId,
      body: note,
      data: { reason: 'duplicate', duplicateOf: { id: Number(original.id), number: original.number } },
    });
    await noticeDuplicate(tx, row, { id: original.id, number: original.number, title: original.title }, note);
    return presentDetail(tx, actor, (await findMessage(tx, id))!, 'staff');
  });
}
