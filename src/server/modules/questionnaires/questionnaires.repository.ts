/** SQL of the questionnaires module: definitions, questions, responses (results: questionnaires.queries.ts). */
import { sql, type RawBuilder } from 'kysely';
import type { Answer, QuestionInput, QuestionnaireAudience, QuestionnaireStatus } from '../../../shared/campaigns.js';
import type { Executor } from '../../db/database.js';
import type { TallyCell } from '../../db/schema.js';

export interface QuestionnaireRow {
  id: string;
  title: string;
  description: string;
  campaign_id: string | null;
  organiser_unit_id: string;
  organiser_name: string;
  /** The organiser unit's tree path and its region's (for the policy). */
  unit_path: string;
  region_path: string;
  audience: QuestionnaireAudience;
  opens_at: Date;
  closes_at: Date;
  status: QuestionnaireStatus;
  published_at: Date | null;
  /** It belongs to a campaign still in draft (see inDraftCampaign). */
  in_draft_campaign: boolean;
  question_count: number;
  response_count: number;
}

/**
 * The questionnaire belongs to a campaign that is still a draft. Its questionnaires
 * would announce the campaign, so the public sees none of them, published or not:
 * the public list and every single read ask this same condition.
 */
const inDraftCampaign = () => sql<boolean>`EXISTS (SELECT 1 FROM campaigns c WHERE c.id = questionnaires.campaign_id AND c.status = 'draft')`;

function questionnaireColumns() {
  return [
    'questionnaires.id',
    'questionnaires.title',
    'questionnaires.description',
    'questionnaires.campaign_id',
    'questionnaires.organiser_unit_id',
    'organiser.name as organiser_name',
    sql<string>`organiser.path::text`.as('unit_path'),
    sql<string>`organiser_region.path::text`.as('region_path'),
    'questionnaires.audience',
    'questionnaires.opens_at',
    'questionnaires.closes_at',
    'questionnaires.status',
    'questionnaires.published_at',
    inDraftCampaign().as('in_draft_campaign'),
  ] as const;
}

function questionnaireBase(db: Executor) {
  return db
    .selectFrom('questionnaires')
    .innerJoin('units as organiser', 'organiser.id', 'questionnaires.organiser_unit_id')
    .innerJoin('regions as organiser_region', 'organiser_region.code', 'organiser.region_code');
}

function questionnaireRows(db: Executor) {
  return questionnaireBase(db)
    .leftJoin('questionnaire_tallies as tally', 'tally.questionnaire_id', 'questionnaires.id')
    .select(questionnaireColumns())
    .select([
      sql<number>`(SELECT count(*)::int FROM questionnaire_questions qq WHERE qq.questionnaire_id = questionnaires.id)`.as('question_count'),
      // The tally's count plus the responses since: a short walk of the (questionnaire_id, id) index.
      sql<number>`(coalesce(tally.responses, 0) + (SELECT count(*)::int FROM questionnaire_responses qr WHERE qr.questionnaire_id = questionnaires.id AND qr.id > coalesce(tally.through_id, 0)))`.as('response_count'),
    ]);
}

/**
 * One questionnaire with its organiser and counts. With `lock` the row is
 * locked and the counts are left out (-1; a write does not need them):
 * 'update' for edits (waits for responses being stored, and holds new ones
 * off); 'key share' for a response (many at once, but never beside an edit).
 */
export async function findQuestionnaire(db: Executor, id: string, lock?: 'update' | 'key share'): Promise<QuestionnaireRow | undefined> {
  if (!lock) return questionnaireRows(db).where('questionnaires.id', '=', id).executeTakeFirst();
  const locked = questionnaireBase(db)
    .select(questionnaireColumns())
    .select([sql<number>`-1`.as('question_count'), sql<number>`-1`.as('response_count')])
    .where('questionnaires.id', '=', id);
  return (lock === 'update' ? locked.forUpdate('questionnaires') : locked.forKeyShare('questionnaires')).executeTakeFirst();
}

export interface QuestionnaireListFilter {
  /** Only published ones outside draft campaigns, or (manage) those whose organiser the condition admits. */
  managed: RawBuilder<boolean> | null;
  campaignId: string | null;
  /** Keyset: ids below this. */
  beforeId: string | null;
  limit: number;
}

/** Newest first; one more than `limit`, so the caller knows whether a next page exists. */
export async function listQuestionnaires(db: Executor, f: QuestionnaireListFilter): Promise<QuestionnaireRow[]> {
  let q = questionnaireRows(db);
  q = f.managed === null ? q.where('questionnaires.status', '=', 'published').where(sql<boolean>`NOT ${inDraftCampaign()}`) : q.where(f.managed);
  if (f.campaignId !== null) q = q.where('questionnaires.campaign_id', '=', f.campaignId);
  if (f.beforeId !== null) q = q.where('questionnaires.id', '<', f.beforeId);
  return q.orderBy('questionnaires.id', 'desc').limit(f.limit + 1).execute();
}

export interface QuestionRow extends QuestionInput {
  id: string;
  position: number;
}

export async function questionsOf(db: Executor, questionnaireId: string): Promise<QuestionRow[]> {
  const rows = await db.selectFrom('questionnaire_questions').selectAll().where('questionnaire_id', '=', questionnaireId).orderBy('position').execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    kind: r.kind,
    text: r.text,
    required: r.required,
    ...(r.options ? { options: r.options } : {}),
    ...(r.scale_min !== null ? { scaleMin: r.scale_min } : {}),
    ...(r.scale_max !== null ? { scaleMax: r.scale_max } : {}),
    ...(r.skip ? { skip: r.skip } : {}),
  }));
}

export interface QuestionnaireValues {
  title: string;
  description: string;
  campaign_id: string | null;
  organiser_unit_id: string;
  audience: QuestionnaireAudience;
  opens_at: Date;
  closes_at: Date;
}

export async function insertQuestionnaire(db: Executor, values: QuestionnaireValues & { created_by: string }): Promise<string> {
  const row = await db.insertInto('questionnaires').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateQuestionnaire(db: Executor, id: string, values: Partial<QuestionnaireValues> & { status?: 'published'; published_at?: Date }): Promise<void> {
  await db.updateTable('questionnaires').set({ ...values, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

const questionColumns = (q: QuestionInput) => ({
  kind: q.kind,
  text: q.text,
  required: q.required,
  options: q.options ? JSON.stringify(q.options) : null,
  scale_min: q.scaleMin ?? null,
  scale_max: q.scaleMax ?? null,
  skip: q.skip ? JSON.stringify(q.skip) : null,
});

/**
 * Makes the questionnaire's questions `questions`, in order. A question keeps
 * its id where its position stays (so after responses, the answers stored
 * under it stay with it); positions past the new end are deleted.
 */
export async function saveQuestions(db: Executor, questionnaireId: string, questions: readonly QuestionInput[]): Promise<void> {
  const existing = await db.selectFrom('questionnaire_questions').select(['id', 'position']).where('questionnaire_id', '=', questionnaireId).execute();
  const byPosition = new Map(existing.map((r) => [r.position, r.id]));
  await db.deleteFrom('questionnaire_questions').where('questionnaire_id', '=', questionnaireId).where('position', '>', questions.length).execute();
  const inserts = [];
  for (const [i, q] of questions.entries()) {
    const id = byPosition.get(i + 1);
    if (id) await db.updateTable('questionnaire_questions').set(questionColumns(q)).where('id', '=', id).execute();
    else inserts.push({ questionnaire_id: questionnaireId, position: i + 1, ...questionColumns(q) });
  }
  if (inserts.length > 0) await db.insertInto('questionnaire_questions').values(inserts).execute();
}

export async function hasResponses(db: Executor, questionnaireId: string): Promise<boolean> {
  const row = await db.selectFrom('questionnaire_responses').select('id').where('questionnaire_id', '=', questionnaireId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The organiser unit's scope paths, or undefined when there is no such unit. */
export async function findOrganiser(db: Executor, unitId: string) {
  return db
    .selectFrom('units')
    .innerJoin('regions', 'regions.code', 'units.region_code')
    .select([sql<string>`units.path::text`.as('unit_path'), sql<string>`regions.path::text`.as('region_path')])
    .where('units.id', '=', unitId)
    .executeTakeFirst();
}

/** The campaign's organiser's scope paths and its status, or undefined when there is no such campaign. */
export async function findCampaignOrganiser(db: Executor, campaignId: string) {
  return db
    .selectFrom('campaigns')
    .innerJoin('units', 'units.id', 'campaigns.organiser_unit_id')
    .innerJoin('regions', 'regions.code', 'units.region_code')
    .select([sql<string>`units.path::text`.as('unit_path'), sql<string>`regions.path::text`.as('region_path'), 'campaigns.status'])
    .where('campaigns.id', '=', campaignId)
    .executeTakeFirst();
}

/** The region's level, or undefined when no region has the code. */
export async function regionLevel(db: Executor, code: string): Promise<string | undefined> {
  const row = await db.selectFrom('regions').select('level').where('code', '=', code).executeTakeFirst();
  return row?.level;
}

// ── responses ───────────────────────────────────────────────────────────────

export interface StoredResponse {
  id: string;
  account_id: string | null;
  region_code: string | null;
  answers: Record<string, Answer>;
  submitted_at: Date;
}

export async function responseByClientKey(db: Executor, questionnaireId: string, clientKey: string): Promise<StoredResponse | undefined> {
  return db
    .selectFrom('questionnaire_responses')
    .select(['id', 'account_id', 'region_code', 'answers', 'submitted_at'])
    .where('questionnaire_id', '=', questionnaireId)
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
}

/** When the account answered the questionnaire, or null. */
export async function respondedAt(db: Executor, questionnaireId: string, accountId: string): Promise<Date | null> {
  const row = await db.selectFrom('questionnaire_responses').select('submitted_at').where('questionnaire_id', '=', questionnaireId).where('account_id', '=', accountId).executeTakeFirst();
  return row?.submitted_at ?? null;
}

/**
 * Stores a response. Returns null, storing nothing, when the account (or the
 * client key) has one already: the unique keys decide a race between two tabs.
 */
export async function insertResponse(
  db: Executor,
  r: { questionnaireId: string; accountId: string | null; clientKey: string | null; regionCode: string | null; answers: Record<string, Answer> },
): Promise<{ id: string; submitted_at: Date } | null> {
  const row = await db
    .insertInto('questionnaire_responses')
    .values({ questionnaire_id: r.questionnaireId, account_id: r.accountId, client_key: r.clientKey, region_code: r.regionCode, answers: JSON.stringify(r.answers) })
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'submitted_at'])
    .executeTakeFirst();
  return row ?? null;
}

/** Notes which text questions the response answered, for the newest text answers (queries.latestTextsQuery). */
export async function insertTextAnswers(db: Executor, responseId: string, questionIds: readonly string[]): Promise<void> {
  if (questionIds.length === 0) return;
  await db
    .insertInto('questionnaire_text_answers')
    .values(questionIds.map((questionId) => ({ question_id: questionId, response_id: responseId })))
    .execute();
}

// ── tallies ─────────────────────────────────────────────────────────────────

export async function readTally(db: Executor, questionnaireId: string): Promise<{ throughId: string; cells: TallyCell[] } | undefined> {
  const row = await db.selectFrom('questionnaire_tallies').select(['through_id', 'cells']).where('questionnaire_id', '=', questionnaireId).executeTakeFirst();
  return row && { throughId: row.through_id, cells: row.cells };
}

/**
 * Stores the tally through `throughId`, replacing the one through `fromId`
 * ('0': none yet). Returns false, storing nothing, when another fold got there
 * first (its tally is as good).
 */
export async function saveTally(db: Executor, questionnaireId: string, fromId: string, throughId: string, tally: { responses: number; cells: TallyCell[] }): Promise<boolean> {
  const row = await db
    .insertInto('questionnaire_tallies')
    .values({ questionnaire_id: questionnaireId, through_id: throughId, responses: tally.responses, cells: JSON.stringify(tally.cells) })
    .onConflict((oc) =>
      oc
        .column('questionnaire_id')
        .doUpdateSet({ through_id: (eb) => eb.ref('excluded.through_id'), responses: (eb) => eb.ref('excluded.responses'), cells: (eb) => eb.ref('excluded.cells'), folded_at: sql<Date>`now()` })
        .where('questionnaire_tallies.through_id', '=', fromId),
    )
    .returning('questionnaire_id')
    .executeTakeFirst();
  return row !== undefined;
}
