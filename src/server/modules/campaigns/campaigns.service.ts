/**
 * Campaigns (征集活动): an organiser unit creates one as a draft, publishes it,
 * and after its end publishes the results. Phases (未开始 / 征集中 / 已结束) come
 * from the clock; the status records the organiser's steps. Entries are in
 * campaign-entries.service.ts.
 */
import type { CampaignDetail, CampaignInput, CampaignStats, CampaignSummary, EntryKind } from '../../../shared/campaigns.js';
import type { Database, Executor } from '../../db/database.js';
import { DomainError, invalidField, type FieldError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, boardVisibleSql } from '../access/access.policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { canManageCampaign } from './campaigns.policy.js';
import { phaseOf, presentCampaignDetail, presentCampaignSummary } from './campaigns.present.js';
import * as repo from './campaigns.repository.js';
import { decodeCursor, encodeCursor, isInstantId } from './cursor.js';

/** The clock phases and entry checks read; one place, so tests and the API agree. */
export const clock = { now: () => new Date() };

const FIELD_MESSAGES = {
  endsAt: { 'zh-CN': '结束时间必须晚于开始时间', 'zh-TW': '結束時間必須晚於開始時間', en: 'must be after the start' },
  topics: { 'zh-CN': '主题不能为空或重复', 'zh-TW': '主題不能為空或重複', en: 'topics must be neither blank nor repeated' },
};

/**
 * The campaign, when the actor may see it: published ones for everyone,
 * drafts only for those who manage them.
 * @throws DomainError not_found otherwise.
 */
export async function visibleCampaign(db: Executor, actor: Actor | null, id: string): Promise<{ row: repo.CampaignRow; manage: boolean }> {
  const row = await repo.findCampaign(db, id);
  if (!row) throw new DomainError('not_found');
  const manage = canManageCampaign(actor, { unitPath: row.organiser_path, regionPath: row.organiser_region_path });
  if (row.status === 'draft' && !manage) throw new DomainError('not_found');
  return { row, manage };
}

/**
 * The campaign, when the actor manages it.
 * @throws DomainError unauthenticated, forbidden (no campaign.manage, or a
 *   published campaign of another organiser), not_found (a draft of another
 *   organiser is not known to exist).
 */
export async function managedCampaign(db: Executor, actor: Actor | null, id: string): Promise<repo.CampaignRow> {
  authorize(actor, 'campaign.manage');
  const { row, manage } = await visibleCampaign(db, actor, id);
  if (!manage) throw new DomainError('forbidden');
  return row;
}

async function detail(db: Executor, actor: Actor | null, row: repo.CampaignRow, manage: boolean): Promise<CampaignDetail> {
  const now = clock.now();
  const questionnaireIds = await repo.questionnaireIds(db, row.id, manage);
  const enter = actor?.kind === 'citizen' && row.status === 'published' && phaseOf(row, now) === 'open';
  return presentCampaignDetail(row, now, { questionnaireIds, abilities: { enter, manage } });
}

/** @throws DomainError not_found (missing, or a draft the actor does not manage). */
export async function getCampaign(db: Database, actor: Actor | null, id: string): Promise<CampaignDetail> {
  const { row, manage } = await visibleCampaign(db, actor, id);
  return detail(db, actor, row, manage);
}

export interface CampaignListQuery {
  phase?: 'open' | 'upcoming' | 'ended';
  manage?: boolean;
  status?: 'draft' | 'published' | 'results_published';
  cursor?: string;
  limit: number;
}

/**
 * Published campaigns, newest start first; with `manage`, the campaigns the
 * actor manages, drafts included.
 * @throws DomainError unauthenticated / forbidden (manage without campaign.manage), validation_failed (cursor).
 */
export async function listCampaigns(db: Database, actor: Actor | null, query: CampaignListQuery): Promise<{ items: CampaignSummary[]; nextCursor: string | null }> {
  if (query.manage) authorize(actor, 'campaign.manage');
  const now = clock.now();
  const after = decodeCursor(query.cursor, isInstantId);
  const rows = await repo.listCampaigns(db, { managedBy: query.manage ? actor : null, phase: query.phase ?? null, status: query.status ?? null, now, after, limit: query.limit });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => presentCampaignSummary(r, now)), nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.starts_key, id: last.id }) : null };
}

function instant(value: string, field: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw invalidField(field, 'format', { 'zh-CN': '时间格式不正确', 'zh-TW': '時間格式不正確', en: 'is not a valid date-time' });
  return at;
}

function cleanTopics(topics: string[]): string[] {
  const clean = topics.map((t) => t.trim());
  if (clean.some((t) => t.length === 0) || new Set(clean).size !== clean.length) throw invalidField('topics', 'invalid', FIELD_MESSAGES.topics);
  return clean;
}

/**
 * Checks what a create or an edit names: the organiser in the actor's scope,
 * a board in scope, regions that exist within the board's area, the cover an
 * unattached photo of the actor's. Errors name the field (regionCodes[i]).
 * @throws DomainError unit_not_found, board_not_found, board_retired (a new board that is closed), region_not_found, region_outside_board, photo_not_found.
 */
async function checkReferences(db: Executor, actor: Actor, v: { organiserUnitId?: string; boardId: string; boardChanged: boolean; regionCodes: string[]; coverPhotoId?: string | null }): Promise<void> {
  if (v.organiserUnitId !== undefined) {
    const organiser = await repo.findOrganiser(db, v.organiserUnitId);
    if (!organiser || !canManageCampaign(actor, { unitPath: organiser.unit_path, regionPath: organiser.region_path })) throw new DomainError('unit_not_found', { field: 'organiserUnitId' });
  }
  const board = await repo.findBoardInScope(db, v.boardId, boardVisibleSql(actor));
  if (!board) throw new DomainError('board_not_found', { field: 'boardId' });
  // A closed board takes no messages, so a campaign whose entries are messages cannot start on one;
  // a campaign whose board closed later keeps it (its entries stay where they were published).
  if (v.boardChanged && board.retired_at) throw new DomainError('board_retired', { field: 'boardId' });
  const regions = await repo.regionsWithin(db, v.regionCodes, board.region_path);
  const missing: FieldError[] = [];
  const outside: FieldError[] = [];
  v.regionCodes.forEach((code, i) => {
    const inside = regions.get(code);
    if (inside === undefined) missing.push({ field: `regionCodes[${i}]`, code: 'region_not_found', message: { 'zh-CN': '地区代码不存在', 'zh-TW': '地區代碼不存在', en: 'no region has this code' } });
    else if (!inside) outside.push({ field: `regionCodes[${i}]`, code: 'region_outside_board', message: { 'zh-CN': '不在留言板的管辖范围内', 'zh-TW': '不在留言板的管轄範圍內', en: 'outside the area of the board' } });
  });
  if (missing.length > 0) throw new DomainError('region_not_found', { field: missing[0]!.field, errors: missing });
  if (outside.length > 0) throw new DomainError('region_outside_board', { field: outside[0]!.field, errors: outside });
  if (v.coverPhotoId && !(await repo.ownUnattachedPhoto(db, actor.accountId, v.coverPhotoId.toLowerCase()))) throw new DomainError('photo_not_found', { field: 'coverPhotoId' });
}

/**
 * A new campaign, as a draft.
 * @throws DomainError unauthenticated, forbidden, validation_failed (endsAt not after startsAt, topics),
 *   unit_not_found, board_not_found, region_not_found, region_outside_board, photo_not_found.
 */
export async function createCampaign(db: Database, actor: Actor | null, input: CampaignInput): Promise<CampaignDetail> {
  authorize(actor, 'campaign.manage');
  const startsAt = instant(input.startsAt, 'startsAt');
  const endsAt = instant(input.endsAt, 'endsAt');
  if (endsAt <= startsAt) throw invalidField('endsAt', 'afterStart', FIELD_MESSAGES.endsAt);
  const topics = cleanTopics(input.topics);
  const organiserUnitId = String(input.organiserUnitId);
  const boardId = String(input.boardId);
  const id = await db.transaction().execute(async (tx) => {
    await checkReferences(tx, actor, { organiserUnitId, boardId, boardChanged: true, regionCodes: input.regionCodes, coverPhotoId: input.coverPhotoId ?? null });
    const id = await repo.insertCampaign(tx, {
      title: input.title.trim(),
      description: input.description,
      cover_photo_id: input.coverPhotoId?.toLowerCase() ?? null,
      organiser_unit_id: organiserUnitId,
      board_id: boardId,
      topics,
      region_codes: input.regionCodes,
      starts_at: startsAt.toISOString(),
      ends_at: endsAt.toISOString(),
      has_prizes: input.hasPrizes,
      entries_public: input.entriesPublic,
      created_by: actor.accountId,
    });
    await recordAudit(tx, { actorId: actor.accountId, action: 'campaign.create', targetType: 'campaign', targetId: id, details: { title: input.title } });
    return id;
  });
  return getCampaign(db, actor, id);
}

/** Fields a published campaign keeps: entries already filed under them would change meaning. */
// Whether entries are public is a promise to those who take part: their entries are filed public or not
// as messages, and taking it back later would leave them public on the message board and in search.
const LOCKED_ONCE_PUBLISHED = ['startsAt', 'organiserUnitId', 'boardId', 'entriesPublic'] as const;

/**
 * Edits a campaign: a draft in everything; once published, not its start,
 * organiser, board or whether its entries are public; once its results are
 * published, not its end either.
 * @throws DomainError as createCampaign, and campaign_field_locked (409, naming the field).
 */
export async function updateCampaign(db: Database, actor: Actor | null, id: string, patch: Partial<CampaignInput>): Promise<CampaignDetail> {
  await db.transaction().execute(async (tx) => {
    authorize(actor, 'campaign.manage');
    await repo.lockCampaign(tx, id);
    const row = await managedCampaign(tx, actor, id);
    const current = {
      startsAt: new Date(row.starts_at),
      endsAt: new Date(row.ends_at),
      organiserUnitId: row.organiser_unit_id,
      boardId: row.board_id,
    };
    const startsAt = patch.startsAt !== undefined ? instant(patch.startsAt, 'startsAt') : current.startsAt;
    const endsAt = patch.endsAt !== undefined ? instant(patch.endsAt, 'endsAt') : current.endsAt;
    const organiserUnitId = patch.organiserUnitId !== undefined ? String(patch.organiserUnitId) : current.organiserUnitId;
    const boardId = patch.boardId !== undefined ? String(patch.boardId) : current.boardId;
    if (row.status !== 'draft') {
      const changed = {
        startsAt: startsAt.getTime() !== current.startsAt.getTime(),
        organiserUnitId: organiserUnitId !== current.organiserUnitId,
        boardId: boardId !== current.boardId,
        entriesPublic: patch.entriesPublic !== undefined && patch.entriesPublic !== row.entries_public,
      };
      const locked = LOCKED_ONCE_PUBLISHED.find((f) => changed[f]);
      if (locked) throw new DomainError('campaign_field_locked', { field: locked });
      if (row.status === 'results_published' && endsAt.getTime() !== current.endsAt.getTime()) throw new DomainError('campaign_state', { field: 'endsAt' });
    }
    if (endsAt <= startsAt) throw invalidField('endsAt', 'afterStart', FIELD_MESSAGES.endsAt);
    const topics = patch.topics !== undefined ? cleanTopics(patch.topics) : undefined;
    const regionCodes = patch.regionCodes ?? row.region_codes;
    const coverChanged = patch.coverPhotoId !== undefined && (patch.coverPhotoId?.toLowerCase() ?? null) !== row.cover_photo_id;
    await checkReferences(tx, actor!, {
      organiserUnitId: organiserUnitId !== current.organiserUnitId ? organiserUnitId : undefined,
      boardId,
      boardChanged: boardId !== current.boardId,
      regionCodes,
      coverPhotoId: coverChanged ? patch.coverPhotoId : null,
    });
    await repo.updateCampaign(tx, id, {
      ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(coverChanged ? { cover_photo_id: patch.coverPhotoId?.toLowerCase() ?? null } : {}),
      organiser_unit_id: organiserUnitId,
      board_id: boardId,
      ...(topics !== undefined ? { topics } : {}),
      region_codes: regionCodes,
      starts_at: startsAt.toISOString(),
      ends_at: endsAt.toISOString(),
      ...(patch.hasPrizes !== undefined ? { has_prizes: patch.hasPrizes } : {}),
      ...(patch.entriesPublic !== undefined ? { entries_public: patch.entriesPublic } : {}),
    });
    await recordAudit(tx, { actorId: actor!.accountId, action: 'campaign.update', targetType: 'campaign', targetId: id, details: { fields: Object.keys(patch) } });
  });
  return getCampaign(db, actor, id);
}

/**
 * Publishes a draft: it appears on the public site (and takes entries between its start and end).
 * @throws DomainError as managedCampaign, and campaign_state when it is not a draft.
 */
export async function publishCampaign(db: Database, actor: Actor | null, id: string): Promise<CampaignDetail> {
  await db.transaction().execute(async (tx) => {
    authorize(actor, 'campaign.manage');
    await repo.lockCampaign(tx, id);
    const row = await managedCampaign(tx, actor, id);
    if (row.status !== 'draft') throw new DomainError('campaign_state');
    await repo.updateCampaign(tx, id, { status: 'published' });
    await recordAudit(tx, { actorId: actor!.accountId, action: 'campaign.publish', targetType: 'campaign', targetId: id });
  });
  return getCampaign(db, actor, id);
}

/**
 * Publishes (or edits) the result page once the campaign has ended.
 * @throws DomainError as managedCampaign, campaign_state (a draft), campaign_not_ended.
 */
export async function publishResults(db: Database, actor: Actor | null, id: string, input: { summary: string }): Promise<CampaignDetail> {
  await db.transaction().execute(async (tx) => {
    authorize(actor, 'campaign.manage');
    await repo.lockCampaign(tx, id);
    const row = await managedCampaign(tx, actor, id);
    if (row.status === 'draft') throw new DomainError('campaign_state');
    if (clock.now() < new Date(row.ends_at)) throw new DomainError('campaign_not_ended');
    const first = row.status !== 'results_published';
    await repo.updateCampaign(tx, id, { status: 'results_published', result_summary: input.summary, ...(first ? { results_published_at: clock.now() } : {}) });
    await recordAudit(tx, { actorId: actor!.accountId, action: 'campaign.results', targetType: 'campaign', targetId: id, details: { first } });
  });
  return getCampaign(db, actor, id);
}

/**
 * Entries and adoptions of a campaign (every entry submitted), by Beijing day,
 * province, topic and kind; adoption rate = adopted ÷ entries; responses to its
 * published questionnaires by Beijing day.
 * @throws DomainError not_found (missing, or a draft the actor does not manage).
 */
export async function getCampaignStats(db: Database, actor: Actor | null, id: string): Promise<CampaignStats> {
  const { row } = await visibleCampaign(db, actor, id);
  const [rows, responsesByDay] = await Promise.all([repo.campaignStats(db, row.id), repo.campaignResponsesByDay(db, row.id)]);
  const all = rows.find((r) => r.dim === 'all');
  const entries = all?.entries ?? 0;
  const adopted = all?.adopted ?? 0;
  const byEntries = <T extends { entries: number }>(a: T, b: T) => b.entries - a.entries;
  return {
    campaignId: Number(row.id),
    entries,
    adopted,
    adoptionRate: entries > 0 ? adopted / entries : null,
    supports: all?.supports ?? 0,
    byDay: rows.filter((r) => r.dim === 'day').map((r) => ({ day: r.day!, entries: r.entries, adopted: r.adopted })).sort((a, b) => a.day.localeCompare(b.day)),
    byRegion: rows
      .filter((r) => r.dim === 'region')
      .map((r) => ({ code: r.province_code!, name: r.province_name ?? r.province_code!, entries: r.entries, adopted: r.adopted }))
      .sort(byEntries),
    byTopic: rows.filter((r) => r.dim === 'topic').map((r) => ({ topic: r.topic, entries: r.entries, adopted: r.adopted })).sort(byEntries),
    byKind: rows.filter((r) => r.dim === 'kind').map((r) => ({ kind: r.kind as EntryKind, entries: r.entries, adopted: r.adopted })).sort(byEntries),
    responses: responsesByDay.reduce((n, d) => n + d.responses, 0),
    responsesByDay,
  };
}
