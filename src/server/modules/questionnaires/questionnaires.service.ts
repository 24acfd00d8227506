/**
 * Questionnaires (问卷调查): an organiser builds one, edits it (freely before
 * the first response, additively after), publishes it, and reads the results
 * and the responses as XLSX; the public answers it in its window, citizens
 * once per account or anyone with a rate limit (docs/api.md "Questionnaires").
 */
import { createHash } from 'node:crypto';
import {
  RESULT_TEXTS_SHOWN,
  type Answer,
  type CampaignPhase,
  type QuestionInput,
  type QuestionnaireAudience,
  type QuestionnaireDetail,
  type QuestionnaireInput,
  type QuestionnaireResponseReceipt,
  type QuestionnaireResults,
  type QuestionnaireSummary,
} from '../../../shared/campaigns.js';
import type { Database, Executor } from '../../db/database.js';
import { DomainError, type FieldError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, requireActor } from '../access/access.policy.js';
import { hitRateLimit } from '../access/rate-limit.js';
import { canManageCampaign, organiserManagedSql } from '../campaigns/campaigns.policy.js';
import { canonicalQuestion, checkAnswers, keepEndRules, nonAdditiveChanges, questionErrors, windowErrors, type CheckedAnswers, type Definition } from './questionnaire-validation.js';
import { composeResults, fromStored, mergeCells, toStored, valuesOf } from './questionnaire-results.js';
import { renderResponsesXlsx } from './questionnaire-xlsx.js';
import * as queries from './questionnaires.queries.js';
import type { Cell } from './questionnaires.queries.js';
import * as repo from './questionnaires.repository.js';

/** Anonymous responses (audience 'anyone') per client address and questionnaire in an hour. */
export const ANONYMOUS_RESPONSES_PER_HOUR = 20;

const iso = (d: Date | string) => new Date(d).toISOString();

export function phaseOf(row: { opens_at: Date; closes_at: Date }, now: Date): CampaignPhase {
  if (now < new Date(row.opens_at)) return 'upcoming';
  return now < new Date(row.closes_at) ? 'open' : 'ended';
}

const canManage = (actor: Actor | null, row: repo.QuestionnaireRow) => canManageCampaign(actor, { unitPath: row.unit_path, regionPath: row.region_path });

/** What the public sees and may answer: published, and not in a campaign still a draft (repo.listQuestionnaires asks the same). */
const isPublic = (row: repo.QuestionnaireRow) => row.status === 'published' && !row.in_draft_campaign;

function presentSummary(row: repo.QuestionnaireRow, now: Date): QuestionnaireSummary {
  return {
    id: Number(row.id),
    title: row.title,
    campaignId: row.campaign_id === null ? null : Number(row.campaign_id),
    organiser: { id: Number(row.organiser_unit_id), name: row.organiser_name },
    audience: row.audience,
    opensAt: iso(row.opens_at),
    closesAt: iso(row.closes_at),
    status: row.status,
    phase: phaseOf(row, now),
    questionCount: row.question_count,
    responseCount: row.response_count,
  };
}

/** May this caller answer, audience-wise? (Logged-in citizens, or anyone.) */
const inAudience = (audience: QuestionnaireAudience, actor: Actor | null) => audience === 'anyone' || actor?.kind === 'citizen';

async function presentDetail(db: Executor, actor: Actor | null, row: repo.QuestionnaireRow, now: Date): Promise<QuestionnaireDetail> {
  const [questions, answeredAt] = await Promise.all([repo.questionsOf(db, row.id), actor ? repo.respondedAt(db, row.id, actor.accountId) : Promise.resolve(null)]);
  const summary = presentSummary(row, now);
  return {
    ...summary,
    description: row.description,
    publishedAt: row.published_at === null ? null : iso(row.published_at),
    questions: questions.map((q) => ({ ...q, id: Number(q.id) })),
    editable: row.response_count > 0 ? 'additive' : 'any',
    respondedAt: answeredAt === null ? null : iso(answeredAt),
    abilities: {
      respond: isPublic(row) && summary.phase === 'open' && inAudience(row.audience, actor) && answeredAt === null,
      manage: canManage(actor, row),
    },
  };
}

/**
 * The questionnaire when the caller may see it: public ones everyone, drafts (and those
 * of a draft campaign) their managers. @throws DomainError not_found.
 */
async function visibleQuestionnaire(db: Executor, actor: Actor | null, id: string, lock?: 'update' | 'key share'): Promise<repo.QuestionnaireRow> {
  const row = await repo.findQuestionnaire(db, id, lock);
  if (!row || (!isPublic(row) && !canManage(actor, row))) throw new DomainError('not_found');
  return row;
}

/**
 * The questionnaire when the caller manages it. Someone else's draft does not
 * exist for the caller (404); someone else's published one is 403, as for campaigns.
 * @throws DomainError unauthenticated, forbidden, not_found.
 */
async function managedQuestionnaire(db: Executor, actor: Actor | null, id: string, lock?: 'update'): Promise<repo.QuestionnaireRow> {
  authorize(actor, 'campaign.manage');
  const row = await repo.findQuestionnaire(db, id, lock);
  if (!row || (!canManage(actor, row) && !isPublic(row))) throw new DomainError('not_found');
  if (!canManage(actor, row)) throw new DomainError('forbidden');
  return row;
}

// ── definition ──────────────────────────────────────────────────────────────

const validationFailed = (errors: FieldError[]) => new DomainError('validation_failed', { field: errors[0]!.field, errors });

/**
 * The organiser and the campaign must lie in the actor's scope; a published
 * questionnaire may not move into a draft campaign (it would announce it).
 * @throws DomainError unit_not_found (organiserUnitId), campaign_not_found, campaign_not_published (campaignId).
 */
async function checkReferences(db: Executor, actor: Actor, def: Definition, before: Definition | null, published = false): Promise<void> {
  if (def.organiserUnitId !== before?.organiserUnitId) {
    const organiser = await repo.findOrganiser(db, def.organiserUnitId);
    if (!organiser || !canManageCampaign(actor, { unitPath: organiser.unit_path, regionPath: organiser.region_path })) throw new DomainError('unit_not_found', { field: 'organiserUnitId' });
  }
  if (def.campaignId !== null && def.campaignId !== before?.campaignId) {
    const organiser = await repo.findCampaignOrganiser(db, def.campaignId);
    if (!organiser || !canManageCampaign(actor, { unitPath: organiser.unit_path, regionPath: organiser.region_path })) throw new DomainError('campaign_not_found', { field: 'campaignId' });
    if (published && organiser.status === 'draft') throw new DomainError('campaign_not_published', { field: 'campaignId' });
  }
}

/** Trims the texts; @throws DomainError validation_failed listing every inconsistency (blank title, window, questions). */
function checkDefinition(def: Definition): Definition {
  const out = { ...def, title: def.title.trim(), description: def.description.trim(), questions: def.questions.map(canonicalQuestion) };
  const errors: FieldError[] = [];
  if (out.title === '') errors.push({ field: 'title', code: 'minLength', message: { 'zh-CN': '标题不能为空', 'zh-TW': '標題不能為空', en: 'The title is empty' } });
  // The raw questions: canonicalQuestion drops what a kind does not use, which is itself an error here.
  errors.push(...windowErrors(out.opensAt, out.closesAt), ...questionErrors(def.questions));
  if (errors.length > 0) throw validationFailed(errors);
  return out;
}

function definitionOf(input: QuestionnaireInput): Definition {
  return {
    title: input.title,
    description: input.description,
    campaignId: input.campaignId == null ? null : String(input.campaignId),
    organiserUnitId: String(input.organiserUnitId),
    audience: input.audience,
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    questions: input.questions,
  };
}

const columnsOf = (def: Definition): repo.QuestionnaireValues => ({
  title: def.title,
  description: def.description,
  campaign_id: def.campaignId,
  organiser_unit_id: def.organiserUnitId,
  audience: def.audience,
  opens_at: def.opensAt,
  closes_at: def.closesAt,
});

/**
 * Creates a draft.
 * @throws DomainError unauthenticated, forbidden, validation_failed (closesAt not after opensAt, inconsistent questions), unit_not_found, campaign_not_found.
 */
export async function createQuestionnaire(db: Database, actor: Actor | null, input: QuestionnaireInput, now = new Date()): Promise<QuestionnaireDetail> {
  authorize(actor, 'campaign.manage');
  const def = checkDefinition(definitionOf(input));
  const id = await db.transaction().execute(async (tx) => {
    await checkReferences(tx, actor, def, null);
    const created = await repo.insertQuestionnaire(tx, { ...columnsOf(def), created_by: actor.accountId });
    await repo.saveQuestions(tx, created, def.questions);
    return created;
  });
  return getQuestionnaire(db, actor, id, now);
}

/**
 * Changes what `patch` names (`questions`, when given, is the whole new list).
 * Before the first response anything may change; after it only additive
 * changes (nonAdditiveChanges). The row lock orders this against responses
 * being stored, so "no responses yet" cannot turn false halfway. After
 * responses, appended questions leave skip rules to the end at the end (keepEndRules).
 * @throws DomainError unauthenticated, forbidden, not_found, validation_failed, unit_not_found, campaign_not_found,
 *   campaign_not_published (a published questionnaire moved into a draft campaign), questionnaire_has_responses.
 */
export async function updateQuestionnaire(db: Database, actor: Actor | null, id: string, patch: Partial<QuestionnaireInput>, now = new Date()): Promise<QuestionnaireDetail> {
  await db.transaction().execute(async (tx) => {
    const row = await managedQuestionnaire(tx, actor, id, 'update');
    const before: Definition = {
      title: row.title,
      description: row.description,
      campaignId: row.campaign_id,
      organiserUnitId: row.organiser_unit_id,
      audience: row.audience,
      opensAt: new Date(row.opens_at),
      closesAt: new Date(row.closes_at),
      questions: (await repo.questionsOf(tx, id)).map(({ id: _id, position: _position, ...q }): QuestionInput => q),
    };
    const checked = checkDefinition({
      title: patch.title ?? before.title,
      description: patch.description ?? before.description,
      campaignId: patch.campaignId === undefined ? before.campaignId : patch.campaignId === null ? null : String(patch.campaignId),
      organiserUnitId: patch.organiserUnitId === undefined ? before.organiserUnitId : String(patch.organiserUnitId),
      audience: patch.audience ?? before.audience,
      opensAt: patch.opensAt === undefined ? before.opensAt : new Date(patch.opensAt),
      closesAt: patch.closesAt === undefined ? before.closesAt : new Date(patch.closesAt),
      questions: patch.questions ?? before.questions,
    });
    const answered = await repo.hasResponses(tx, id);
    const after = answered ? { ...checked, questions: keepEndRules(before.questions.length, checked.questions) } : checked;
    if (answered) {
      const locked = nonAdditiveChanges(before, after);
      if (locked.length > 0) throw new DomainError('questionnaire_has_responses', { field: locked[0]!.field, errors: locked });
    }
    await checkReferences(tx, actor!, after, before, row.status === 'published');
    await repo.updateQuestionnaire(tx, id, columnsOf(after));
    if (patch.questions !== undefined) await repo.saveQuestions(tx, id, after.questions);
  });
  return getQuestionnaire(db, actor, id, now);
}

/**
 * Publishes a draft; publishing again changes nothing. Not while its campaign is a
 * draft: the questionnaire would announce the campaign before its organiser does.
 * @throws DomainError unauthenticated, forbidden, not_found, questionnaire_closed (its closing time has passed),
 *   campaign_not_published (campaignId).
 */
export async function publishQuestionnaire(db: Database, actor: Actor | null, id: string, now = new Date()): Promise<QuestionnaireDetail> {
  await db.transaction().execute(async (tx) => {
    const row = await managedQuestionnaire(tx, actor, id, 'update');
    if (row.status === 'published') return;
    if (new Date(row.closes_at) <= now) throw new DomainError('questionnaire_closed', { field: 'closesAt' });
    // A campaign never goes back to draft, so a campaign published meanwhile can only make this refusal stale, never wrong the other way.
    if (row.in_draft_campaign) throw new DomainError('campaign_not_published', { field: 'campaignId' });
    await repo.updateQuestionnaire(tx, id, { status: 'published', published_at: now });
  });
  return getQuestionnaire(db, actor, id, now);
}

// ── reading ─────────────────────────────────────────────────────────────────

export interface ListQuery {
  campaign?: string;
  /** 'manage': every questionnaire (drafts too) whose organiser the caller manages. */
  scope?: 'public' | 'manage';
  cursor?: string;
  limit: number;
}

/** Newest first. @throws DomainError unauthenticated, forbidden (scope=manage without campaign.manage). */
export async function listQuestionnaires(db: Database, actor: Actor | null, q: ListQuery, now = new Date()): Promise<{ items: QuestionnaireSummary[]; nextCursor: string | null }> {
  let managed = null;
  if (q.scope === 'manage') {
    authorize(actor, 'campaign.manage');
    managed = organiserManagedSql(actor, 'organiser');
  }
  const rows = await repo.listQuestionnaires(db, { managed, campaignId: q.campaign ?? null, beforeId: q.cursor ?? null, limit: q.limit });
  const items = rows.slice(0, q.limit).map((r) => presentSummary(r, now));
  return { items, nextCursor: rows.length > q.limit ? String(items[items.length - 1]!.id) : null };
}

/** @throws DomainError not_found (no such questionnaire, or a draft the caller does not manage). */
export async function getQuestionnaire(db: Database, actor: Actor | null, id: string, now = new Date()): Promise<QuestionnaireDetail> {
  return presentDetail(db, actor, await visibleQuestionnaire(db, actor, id), now);
}

// ── responses ───────────────────────────────────────────────────────────────

export interface ResponseMeta {
  ip: string;
  idempotencyKey: string | null;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

/**
 * The receipt of the response stored earlier under the same Idempotency-Key, when this
 * submission is the same. @throws DomainError idempotency_key_reused (other answers or region).
 */
function replayOf(id: string, earlier: repo.StoredResponse, checked: CheckedAnswers, regionCode: string | null): QuestionnaireResponseReceipt & { replayed: boolean } {
  if (checked.errors.length > 0 || !sameJson(earlier.answers, checked.answers) || earlier.region_code !== regionCode) {
    throw new DomainError('idempotency_key_reused', { field: 'Idempotency-Key' });
  }
  return { questionnaireId: Number(id), submittedAt: iso(earlier.submitted_at), replayed: true };
}

/**
 * Stores a response, all or nothing. Audience 'citizens': a logged-in citizen,
 * once; 'anyone': no login needed, anonymous ones limited per client address
 * (a logged-in account still answers once). With an Idempotency-Key, a retry
 * of the same submission returns the first one's receipt (`replayed`).
 * @throws DomainError not_found, questionnaire_closed (a draft, or outside opensAt..closesAt), unauthenticated, citizens_only,
 *   already_responded, rate_limited, validation_failed (answers.<questionId>), region_not_found, idempotency_key_reused.
 */
export async function submitResponse(
  db: Database,
  actor: Actor | null,
  id: string,
  /** QuestionnaireResponseInput, its answers not yet checked. */
  input: { answers: Readonly<Record<string, unknown>>; regionCode?: string },
  meta: ResponseMeta,
  now = new Date(),
): Promise<QuestionnaireResponseReceipt & { replayed: boolean }> {
  return db.transaction().execute(async (tx) => {
    // Key share: responses go in side by side, but never beside an edit of the questions.
    const row = await visibleQuestionnaire(tx, actor, id, 'key share');
    // A draft (or one of a draft campaign) is visible to its managers only, and answered by nobody.
    if (!isPublic(row)) throw new DomainError('questionnaire_closed');
    if (row.audience === 'citizens') {
      requireActor(actor);
      if (actor.kind !== 'citizen') throw new DomainError('citizens_only');
    }
    const questions = await repo.questionsOf(tx, id);
    const checked = checkAnswers(questions, input.answers);
    const regionCode = input.regionCode ?? null;

    const clientKey = meta.idempotencyKey === null ? null : createHash('sha256').update(`${actor ? `account:${actor.accountId}` : `ip:${meta.ip}`}\n${meta.idempotencyKey}`).digest('hex');
    if (clientKey !== null) {
      const earlier = await repo.responseByClientKey(tx, id, clientKey);
      if (earlier) return replayOf(id, earlier, checked, regionCode);
    }
    // The account (or the key) has a response after all. A concurrent retry with the same
    // key may have missed the lookup above just as this one did and committed since (the
    // insert below waits for it on the unique key); read committed, a new statement sees
    // it, so the retry gets the first receipt, not already_responded.
    const answeredMeanwhile = async () => {
      const first = clientKey === null ? undefined : await repo.responseByClientKey(tx, id, clientKey);
      if (first) return replayOf(id, first, checked, regionCode);
      // Another tab of the same account got there first.
      throw new DomainError('already_responded');
    };

    if (phaseOf(row, now) !== 'open') throw new DomainError('questionnaire_closed');
    if (actor && (await repo.respondedAt(tx, id, actor.accountId)) !== null) return answeredMeanwhile();
    if (!actor) await hitRateLimit(tx, { key: `questionnaire:${id}:ip:${meta.ip}`, limit: ANONYMOUS_RESPONSES_PER_HOUR, windowSeconds: 3600 });
    if (checked.errors.length > 0) throw validationFailed(checked.errors);
    if (regionCode !== null) {
      const level = await repo.regionLevel(tx, regionCode);
      if (level === undefined || level === 'national') throw new DomainError('region_not_found', { field: 'regionCode' });
    }
    const stored = await repo.insertResponse(tx, { questionnaireId: id, accountId: actor?.accountId ?? null, clientKey, regionCode, answers: checked.answers as Record<string, Answer> });
    if (!stored) return answeredMeanwhile();
    const textsAnswered = questions.filter((q) => (q.kind === 'short' || q.kind === 'long') && q.id in checked.answers).map((q) => q.id);
    await repo.insertTextAnswers(tx, stored.id, textsAnswered);
    return { questionnaireId: Number(id), submittedAt: iso(stored.submitted_at), replayed: false };
  });
}

// ── results and export ──────────────────────────────────────────────────────

/**
 * A results request counts the responses since the stored tally; when that
 * many have arrived, they are folded into the tally first, so a request never
 * counts more than about this many (docs/api.md "Questionnaires": timings).
 */
export const FOLD_AT = 1000;

/**
 * Folds the responses since the tally into it. The row lock (FOR UPDATE
 * conflicts with the key-share lock every response holds from its first
 * statement to its commit) waits for the responses being stored and holds new
 * ones off for the one statement that reads the last id: after it, no
 * response with a lower id can still commit, so the tally is exact. Counting
 * happens after the lock is released.
 */
async function foldTally(db: Database, id: string, counted: string[], tally: { throughId: string; cells: Cell[] }): Promise<{ throughId: string; cells: Cell[] }> {
  const throughId = await db.transaction().execute(async (tx) => {
    await repo.findQuestionnaire(tx, id, 'update');
    return queries.lastResponseId(tx, id);
  });
  if (throughId === tally.throughId) return tally;
  const cells = mergeCells(tally.cells, await queries.cellsBetween(db, id, tally.throughId, throughId, counted));
  const responses = cells.filter((c) => c.question_id === null).reduce((sum, c) => sum + c.n, 0);
  await repo.saveTally(db, id, tally.throughId, throughId, { responses, cells: toStored(cells) });
  return { throughId, cells };
}

const countedQuestions = (questions: repo.QuestionRow[]) => questions.filter((q) => valuesOf(q).length > 0).map((q) => q.id);

/** The tally, folded first when `foldAt` responses or more are past it. */
async function currentTally(db: Database, id: string, questions: repo.QuestionRow[], foldAt = FOLD_AT): Promise<{ throughId: string; cells: Cell[] }> {
  const stored = await repo.readTally(db, id);
  const tally = stored ? { throughId: stored.throughId, cells: fromStored(stored.cells) } : { throughId: '0', cells: [] };
  return (await queries.pendingAtLeast(db, id, tally.throughId, foldAt)) ? foldTally(db, id, countedQuestions(questions), tally) : tally;
}

/**
 * The scheduled fold (job questionnaire-tallies): keeps tallies current while
 * nobody reads the results. `foldAt`: tests fold after every response.
 * @returns how many were folded.
 */
export async function foldTallies(db: Database, foldAt = FOLD_AT): Promise<number> {
  const ids = await queries.questionnairesToFold(db, foldAt);
  for (const id of ids) await currentTally(db, id, await repo.questionsOf(db, id), foldAt);
  return ids.length;
}

/**
 * Counts per option and scale value, text answers (the newest masked), and
 * with crossBy=region the same per province: the tally plus the responses
 * since, so every response committed before the request is counted.
 * @throws DomainError unauthenticated, forbidden, not_found.
 */
export async function questionnaireResults(db: Database, actor: Actor | null, id: string, options: { crossBy?: 'region' }, now = new Date()): Promise<QuestionnaireResults> {
  const row = await managedQuestionnaire(db, actor, id);
  const questions = await repo.questionsOf(db, id);
  const texts = questions.filter((q) => q.kind === 'short' || q.kind === 'long').map((q) => q.id);
  const [tally, latest] = await Promise.all([currentTally(db, id, questions), queries.latestTexts(db, id, texts, RESULT_TEXTS_SHOWN)]);
  const cells = mergeCells(tally.cells, await queries.cellsBetween(db, id, tally.throughId, null, countedQuestions(questions)));
  const provinceCodes = cells.filter((c) => c.question_id === null && c.province_code !== null).map((c) => c.province_code!);
  return composeResults({
    questionnaire: row,
    questions,
    cells,
    texts: latest,
    provinceNames: options.crossBy === 'region' ? await queries.regionNames(db, provinceCodes) : new Map(),
    crossBy: options.crossBy ?? null,
    generatedAt: now,
  });
}

/** Every response as a row of a workbook. @throws DomainError unauthenticated, forbidden, not_found. */
export async function responsesXlsx(db: Database, actor: Actor | null, id: string, now = new Date()): Promise<{ bytes: Buffer; filename: string }> {
  const row = await managedQuestionnaire(db, actor, id);
  const questions = await repo.questionsOf(db, id);
  const bytes = await renderResponsesXlsx({ title: row.title, questions }, queries.responsesInBatches(db, id), now);
  return { bytes, filename: `${row.title}-答卷.xlsx` };
}
