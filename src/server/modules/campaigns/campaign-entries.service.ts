/**
 * Entries of a campaign: a citizen's suggestion (建议) or problem lead (问题线索)
 * is a message (createMessage: the same screening, masking, search and
 * numbering) with an entry row beside it; supports (点赞), adoption (采纳) with
 * the author notified, the public page of adopted suggestions, the export.
 */
import type { AdoptedSuggestion, CampaignEntry, CampaignEntryInput, EntryKind, EntrySort } from '../../../shared/campaigns.js';
import type { Database, Executor } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { requireActor } from '../access/access.policy.js';
import { hitRateLimit } from '../access/rate-limit.js';
import { recordAudit } from '../audit/audit.repository.js';
import { createMessage, linkedRequestHash } from '../messages/messages.service.js';
import { notify } from '../notifications/notifications.service.js';
import { renderEntriesXlsx } from './campaign-xlsx.js';
import { presentAdopted, presentEntry } from './campaigns.present.js';
import * as repo from './campaigns.repository.js';
import { clock, managedCampaign, visibleCampaign } from './campaigns.service.js';
import { decodeCursor, encodeCursor, isEntryKey, isInstantId } from './cursor.js';

/** Supports per account and hour: plenty for reading a campaign, not for a script. */
const SUPPORTS_PER_HOUR = 300;

const MESSAGE_TYPE: Record<EntryKind, 'suggest' | 'complain'> = { suggestion: 'suggest', lead: 'complain' };

/**
 * Files a citizen's entry to an open campaign, under the campaign's board.
 * Entries of a campaign whose entries are not public are never public
 * messages either. With an Idempotency-Key, a retry returns the first answer.
 * @throws DomainError unauthenticated, citizens_only, not_found, campaign_not_open
 *   (draft, not started), campaign_closed (ended), campaign_topic_unknown (topic),
 *   region_not_found / region_outside_campaign (regionCode), and whatever createMessage throws.
 */
export async function submitEntry(db: Database, actor: Actor | null, campaignId: string, input: CampaignEntryInput, idempotencyKey: string | null) {
  requireActor(actor);
  if (actor.kind !== 'citizen') throw new DomainError('citizens_only');
  const campaign = await repo.findCampaignForEntry(db, campaignId);
  if (!campaign) throw new DomainError('not_found');
  const topic = input.topic?.trim() || null;
  // Everything the citizen sent, in a fixed order: what makes a retry the same request.
  const request = {
    kind: input.kind,
    topic,
    title: input.title,
    body: input.body,
    regionCode: input.regionCode,
    fieldCode: input.fieldCode ?? 'other',
    isPublic: input.isPublic ?? true,
    photoIds: input.photoIds ?? [],
  };
  /**
   * Refuses the entry — unless it is a retry of one already stored: that gets its first answer
   * whatever changed since (the end passed, a topic or region was taken out), since the entry is
   * in and a refusal would make the citizen send it again. Looked up only on the way to a refusal,
   * so a burst of new entries pays nothing for it (createMessage replays the ordinary retry).
   */
  const refuse = async (error: DomainError) => {
    const earlier = idempotencyKey ? await repo.findKeyedEntry(db, campaign.id, actor.accountId, idempotencyKey) : undefined;
    if (!earlier) throw error;
    if (earlier.request_hash !== linkedRequestHash({ campaignId: campaign.id, request })) throw new DomainError('idempotency_key_reused', { field: 'Idempotency-Key' });
    return { id: Number(earlier.id), number: earlier.number, status: earlier.status, replayed: true };
  };
  const now = clock.now();
  // Never open yet (the start is fixed once published): no entry can be stored.
  if (campaign.status === 'draft' || now < new Date(campaign.starts_at)) throw new DomainError('campaign_not_open');
  if (campaign.status === 'results_published' || now >= new Date(campaign.ends_at)) return refuse(new DomainError('campaign_closed'));
  if (topic !== null && !campaign.topics.includes(topic)) return refuse(new DomainError('campaign_topic_unknown', { field: 'topic' }));
  if (campaign.region_codes.length > 0) {
    const region = await repo.regionInAny(db, input.regionCode, campaign.region_codes);
    if (!region.found) return refuse(new DomainError('region_not_found', { field: 'regionCode' }));
    if (!region.inside) return refuse(new DomainError('region_outside_campaign', { field: 'regionCode' }));
  }
  return createMessage(
    db,
    actor,
    {
      boardId: Number(campaign.board_id),
      type: MESSAGE_TYPE[input.kind],
      fieldCode: input.fieldCode ?? 'other',
      regionCode: input.regionCode,
      title: input.title,
      body: input.body,
      isPublic: campaign.entries_public && (input.isPublic ?? true),
      ...(input.photoIds ? { photoIds: input.photoIds } : {}),
    },
    idempotencyKey,
    {
      campaignId: campaign.id,
      request,
      rows: (messageId) => repo.entryInsertSql({ campaignId: campaign.id, kind: input.kind, topic, regionCode: input.regionCode }, messageId),
    },
  );
}

/** The codes a region's subtree can hold: those sharing its GB/T 2260 prefix (province 2 digits, city 4, county 6). */
function codeRange(code: string, level: string): { from: string; to: string } {
  const length = ({ province: 2, city: 4, county: 6 } as Record<string, number>)[level] ?? code.length;
  const prefix = code.slice(0, length);
  return { from: prefix, to: String(Number(prefix) + 1).padStart(length, '0') };
}

async function withSupports(db: Executor, actor: Actor | null, rows: repo.EntryRow[]): Promise<Set<string>> {
  if (actor?.kind !== 'citizen') return new Set();
  return repo.supportedBy(db, actor.accountId, rows.map((r) => r.message_id));
}

export interface EntryListQuery {
  sort?: EntrySort;
  topic?: string;
  region?: string;
  kind?: EntryKind;
  adopted?: boolean;
  cursor?: string;
  limit: number;
}

/**
 * A campaign's entries: for its organiser all of them; for everyone else only
 * when its entries are public, and only listed (accepted, public) messages.
 * Always masked.
 * @throws DomainError not_found (campaign; the region filter, 404 too), entries_not_public, validation_failed (cursor).
 */
export async function listEntries(db: Database, actor: Actor | null, campaignId: string, query: EntryListQuery) {
  const { row, manage } = await visibleCampaign(db, actor, campaignId);
  if (!manage && !row.entries_public) throw new DomainError('entries_not_public');
  let region: repo.EntryListFilter['region'] = null;
  if (query.region) {
    const found = await db.selectFrom('regions').select(['level', (eb) => eb.cast<string>('path', 'text').as('path')]).where('code', '=', query.region).executeTakeFirst();
    if (!found) throw new DomainError('region_not_found', { field: 'region', status: 404 });
    // The whole country filters nothing (its code 000000 is no prefix of the others).
    if (found.level !== 'national') region = { path: found.path, ...codeRange(query.region, found.level) };
  }
  const sort = query.sort ?? 'newest';
  const after = decodeCursor(query.cursor, isEntryKey);
  const rows = await repo.listEntries(db, {
    campaignId: row.id,
    listedOnly: !manage,
    sort,
    topic: query.topic ?? null,
    kind: query.kind ?? null,
    region,
    adopted: query.adopted ?? null,
    after,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const supported = await withSupports(db, actor, page);
  const last = page[page.length - 1];
  const key = last ? { id: last.message_id, ...(sort === 'support' ? { s: last.support_count } : {}), ...(sort === 'region' ? { r: last.region_code } : {}) } : null;
  return { items: page.map((r) => presentEntry(r, supported.has(r.message_id), manage)), nextCursor: rows.length > query.limit && key ? encodeCursor(key) : null };
}

/**
 * An entry the public may see: of a published campaign with public entries, and listed.
 * @throws DomainError not_found otherwise.
 */
async function publicEntry(db: Executor, campaignId: string, entryId: string): Promise<repo.EntryRow> {
  const campaign = await repo.findCampaignForEntry(db, campaignId);
  const entry = campaign && campaign.status !== 'draft' && campaign.entries_public ? await repo.findEntry(db, campaignId, entryId) : undefined;
  if (!entry || !entry.listed) throw new DomainError('not_found');
  return entry;
}

/**
 * Supports (点赞) an entry, once per account: a second support is refused
 * (409 already_supported) and changes nothing.
 * @throws DomainError unauthenticated, citizens_only, not_found, already_supported, rate_limited.
 */
export async function supportEntry(db: Database, actor: Actor | null, campaignId: string, entryId: string): Promise<CampaignEntry> {
  requireActor(actor);
  if (actor.kind !== 'citizen') throw new DomainError('citizens_only');
  return db.transaction().execute(async (tx) => {
    await publicEntry(tx, campaignId, entryId);
    await hitRateLimit(tx, { key: `campaign-support:account:${actor.accountId}`, limit: SUPPORTS_PER_HOUR, windowSeconds: 3600 });
    if (!(await repo.addSupport(tx, entryId, actor.accountId))) throw new DomainError('already_supported');
    return presentEntry((await repo.findEntry(tx, campaignId, entryId))!, true);
  });
}

/**
 * Takes the account's support back. Idempotent: without a support it changes nothing and answers the same.
 * @throws DomainError unauthenticated, citizens_only, not_found.
 */
export async function unsupportEntry(db: Database, actor: Actor | null, campaignId: string, entryId: string): Promise<CampaignEntry> {
  requireActor(actor);
  if (actor.kind !== 'citizen') throw new DomainError('citizens_only');
  return db.transaction().execute(async (tx) => {
    await publicEntry(tx, campaignId, entryId);
    await repo.removeSupport(tx, entryId, actor.accountId);
    return presentEntry((await repo.findEntry(tx, campaignId, entryId))!, false);
  });
}

const NOT_ADOPTABLE = new Set(['submitted', 'rejected', 'withdrawn']);

const ADOPTED_TITLE = { 'zh-CN': '您的建议已被采纳', 'zh-TW': '您的建議已被採納', en: 'Your suggestion was adopted' };

/**
 * Marks an entry adopted (采纳) with a public note and, when the campaign has
 * prizes, a prize; again: changes the note and prize. The author is notified
 * the first time, in the same transaction.
 * @throws DomainError as managedCampaign, campaign_state (draft), not_found (entry),
 *   entry_not_adoptable (not accepted by screening: waiting, rejected or withdrawn), campaign_no_prizes (prize).
 */
export async function adoptEntry(db: Database, actor: Actor | null, campaignId: string, entryId: string, input: { note: string; prize?: string | null }): Promise<CampaignEntry> {
  return db.transaction().execute(async (tx) => {
    const campaign = await managedCampaign(tx, actor, campaignId);
    if (campaign.status === 'draft') throw new DomainError('campaign_state');
    const entry = await repo.findEntry(tx, campaignId, entryId);
    if (!entry) throw new DomainError('not_found');
    // Only an accepted entry: one still waiting for screening could yet be rejected or withdrawn,
    // and its author would have been told of an adoption that then disappears.
    if (NOT_ADOPTABLE.has(entry.status)) throw new DomainError('entry_not_adoptable');
    const prize = input.prize?.trim() || null;
    if (prize !== null && !campaign.has_prizes) throw new DomainError('campaign_no_prizes', { field: 'prize' });
    const note = input.note.trim();
    const { wasAdopted } = await repo.setAdoption(tx, entryId, { note, prize, by: actor!.accountId });
    if (!wasAdopted) {
      const prizeText = prize ? { 'zh-CN': `，获得“${prize}”`, 'zh-TW': `，獲得「${prize}」`, en: `, and won "${prize}"` } : { 'zh-CN': '', 'zh-TW': '', en: '' };
      await notify(tx, {
        kind: 'campaign_adopted',
        recipients: { accountIds: [entry.author_id] },
        messageId: entryId,
        title: ADOPTED_TITLE,
        body: {
          'zh-CN': `您在“${campaign.title}”中的投稿“${entry.title}”已被采纳${prizeText['zh-CN']}：${note}`,
          'zh-TW': `您在「${campaign.title}」中的投稿「${entry.title}」已被採納${prizeText['zh-TW']}：${note}`,
          en: `Your entry "${entry.title}" to "${campaign.title}" was adopted${prizeText.en}: ${note}`,
        },
        link: `/campaigns/${campaignId}`,
        dedupeKey: `campaign-adopted:${entryId}`,
      });
    }
    await recordAudit(tx, { actorId: actor!.accountId, action: 'campaign.adopt', targetType: 'message', targetId: entryId, details: { campaignId, prize } });
    const supported = await withSupports(tx, actor, [entry]);
    return presentEntry((await repo.findEntry(tx, campaignId, entryId))!, supported.has(entryId));
  });
}

/**
 * Takes an adoption back (note and prize too). Idempotent.
 * @throws DomainError as managedCampaign, not_found (entry).
 */
export async function unadoptEntry(db: Database, actor: Actor | null, campaignId: string, entryId: string): Promise<CampaignEntry> {
  return db.transaction().execute(async (tx) => {
    await managedCampaign(tx, actor, campaignId);
    const entry = await repo.findEntry(tx, campaignId, entryId);
    if (!entry) throw new DomainError('not_found');
    const { wasAdopted } = await repo.setAdoption(tx, entryId, null);
    if (wasAdopted) await recordAudit(tx, { actorId: actor!.accountId, action: 'campaign.unadopt', targetType: 'message', targetId: entryId, details: { campaignId } });
    return presentEntry((await repo.findEntry(tx, campaignId, entryId))!, false);
  });
}

/**
 * Adopted entries the public may see, across campaigns, newest adoption first.
 * @throws DomainError validation_failed (cursor).
 */
export async function listAdoptedSuggestions(db: Database, actor: Actor | null, query: { cursor?: string; limit: number }): Promise<{ items: AdoptedSuggestion[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor, isInstantId);
  const rows = await repo.listAdopted(db, after, query.limit);
  const page = rows.slice(0, query.limit);
  const supported = await withSupports(db, actor, page);
  const last = page[page.length - 1];
  return { items: page.map((r) => presentAdopted(r, supported.has(r.message_id))), nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.adopted_key, id: last.message_id }) : null };
}

/**
 * Every entry of the campaign as XLSX, masked, oldest first.
 * @throws DomainError as managedCampaign.
 */
export async function exportEntries(db: Database, actor: Actor | null, campaignId: string): Promise<{ bytes: Buffer; filename: string }> {
  const campaign = await managedCampaign(db, actor, campaignId);
  async function* batches() {
    for await (const rows of repo.allEntries(db, campaign.id)) yield rows.map((r) => presentEntry(r, false));
  }
  const bytes = await renderEntriesXlsx(campaign.title, batches());
  return { bytes, filename: `${campaign.title}-投稿.xlsx` };
}
