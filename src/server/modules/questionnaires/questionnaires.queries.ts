/**
 * Read-only SQL behind results and exports. Counts are aggregated from the
 * responses with jsonb functions, grouped by province so the cross-tabulation
 * costs nothing extra, over a range of response ids: everything up to a
 * tally's through_id once (the fold), and the responses since on each request.
 * Every query walks the index on (questionnaire_id, id); the newest text answers
 * that on questionnaire_text_answers.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Answer } from '../../../shared/campaigns.js';
import type { Executor } from '../../db/database.js';

/** One group of counted responses; see the cells of questionnaire_tallies (migration). */
export interface Cell {
  /** null: responses (per province). */
  question_id: string | null;
  /** null: the responses that answered the question; else the answers holding this option value or scale number. */
  value: string | null;
  province_code: string | null;
  n: number;
}

/**
 * The cells of the responses with afterId < id <= throughId (no upper bound
 * when throughId is null). `counted`: the choice and scale questions, whose
 * values are counted (a multiple-choice answer once for each option it holds).
 */
export async function cellsBetween(db: Executor, questionnaireId: string, afterId: string, throughId: string | null, counted: string[]): Promise<Cell[]> {
  const range = sql`r.questionnaire_id = ${questionnaireId} AND r.id > ${afterId}${throughId === null ? sql`` : sql` AND r.id <= ${throughId}`}`;
  const rows = await sql<Cell>`
    SELECT NULL::text AS question_id, NULL::text AS value, r.province_code, count(*)::int AS n
    FROM questionnaire_responses r WHERE ${range}
    GROUP BY r.province_code
    UNION ALL
    SELECT a.key, NULL, r.province_code, count(*)::int
    FROM questionnaire_responses r CROSS JOIN LATERAL jsonb_object_keys(r.answers) AS a(key)
    WHERE ${range}
    GROUP BY a.key, r.province_code
    UNION ALL
    SELECT a.key, v.value, r.province_code, count(*)::int
    FROM questionnaire_responses r
    CROSS JOIN LATERAL jsonb_each(r.answers) AS a(key, value)
    CROSS JOIN LATERAL jsonb_array_elements_text(CASE jsonb_typeof(a.value) WHEN 'array' THEN a.value ELSE jsonb_build_array(a.value) END) AS v(value)
    WHERE ${range} AND a.key = ANY(${counted}::text[])
    GROUP BY a.key, v.value, r.province_code`.execute(db);
  return rows.rows;
}

/** True when at least `n` responses have an id above `afterId`: a walk of at most n index entries. */
export async function pendingAtLeast(db: Executor, questionnaireId: string, afterId: string, n: number): Promise<boolean> {
  const rows = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM questionnaire_responses WHERE questionnaire_id = ${questionnaireId} AND id > ${afterId} LIMIT ${n}
    ) pending`.execute(db);
  return rows.rows[0]!.n >= n;
}

/** The highest response id of the questionnaire ('0': none). Exact only while the questionnaire row is locked FOR UPDATE. */
export async function lastResponseId(db: Executor, questionnaireId: string): Promise<string> {
  const row = await db.selectFrom('questionnaire_responses').select((eb) => eb.fn.max('id').as('id')).where('questionnaire_id', '=', questionnaireId).executeTakeFirst();
  return row?.id ?? '0';
}

/** Open questionnaires (or closed in the last day) with at least `n` responses past their tally. */
export async function questionnairesToFold(db: Executor, n: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT q.id FROM questionnaires q
    LEFT JOIN questionnaire_tallies t ON t.questionnaire_id = q.id
    WHERE q.status = 'published' AND q.opens_at < now() AND q.closes_at > now() - interval '1 day'
      AND (SELECT count(*) FROM (
             SELECT 1 FROM questionnaire_responses r WHERE r.questionnaire_id = q.id AND r.id > coalesce(t.through_id, 0) LIMIT ${n}
           ) pending) >= ${n}`.execute(db);
  return rows.rows.map((r) => r.id);
}

export interface TextAnswerRow {
  question_id: string;
  text: string;
  submitted_at: Date;
}

/**
 * The newest `limit` answers of each text question: per question a walk of at most
 * `limit` entries of questionnaire_text_answers' key (question, response) backwards,
 * however rarely the question is answered, and those responses fetched for the text.
 */
export function latestTextsQuery(questionnaireId: string, questionIds: string[], limit: number): RawBuilder<TextAnswerRow> {
  return sql<TextAnswerRow>`
    SELECT q.id::text AS question_id, t.text, t.submitted_at
    FROM unnest(${questionIds}::bigint[]) AS q(id)
    CROSS JOIN LATERAL (
      SELECT r.answers ->> q.id::text AS text, r.submitted_at, a.response_id
      FROM questionnaire_text_answers a
      JOIN questionnaire_responses r ON r.id = a.response_id AND r.questionnaire_id = ${questionnaireId}
      WHERE a.question_id = q.id
      ORDER BY a.response_id DESC
      LIMIT ${limit}
    ) t
    ORDER BY q.id, t.response_id DESC`;
}

export async function latestTexts(db: Executor, questionnaireId: string, questionIds: string[], limit: number): Promise<TextAnswerRow[]> {
  if (questionIds.length === 0) return [];
  return (await latestTextsQuery(questionnaireId, questionIds, limit).execute(db)).rows;
}

export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export interface ExportRow {
  id: string;
  submitted_at: Date;
  anonymous: boolean;
  region_code: string | null;
  region_name: string | null;
  answers: Record<string, Answer>;
}

/** Every response in id order, `batch` at a time (keyset), for the XLSX export. */
export async function* responsesInBatches(db: Executor, questionnaireId: string, batch = 2000): AsyncGenerator<ExportRow[]> {
  let after = '0';
  for (;;) {
    const rows = await db
      .selectFrom('questionnaire_responses as r')
      .leftJoin('regions', 'regions.code', 'r.region_code')
      .select(['r.id', 'r.submitted_at', sql<boolean>`r.account_id IS NULL`.as('anonymous'), 'r.region_code', 'regions.name as region_name', 'r.answers'])
      .where('r.questionnaire_id', '=', questionnaireId)
      .where('r.id', '>', after)
      .orderBy('r.id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}
