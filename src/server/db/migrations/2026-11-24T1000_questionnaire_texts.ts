import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// The results page (polled while responses arrive) shows the newest 50 answers of each text
// question. Answers are a jsonb object per response, so finding them walked a questionnaire's
// responses backwards until 50 held the question: for an optional question answered once in a
// thousand responses, all 100,000 of them. One row per answered text question, keyed by
// (question, response), makes that a walk of at most 50 entries of this key, and a fetch of
// those 50 responses for their text (the text stays in the response only).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE questionnaire_text_answers (
      question_id bigint NOT NULL REFERENCES questionnaire_questions(id) ON DELETE CASCADE,
      -- Responses are deleted only with their questionnaire, which the app never does.
      response_id bigint NOT NULL REFERENCES questionnaire_responses(id) ON DELETE CASCADE,
      PRIMARY KEY (question_id, response_id)
    )`.execute(db);
  // The text answers given so far (a blank answer is not stored in the response at all).
  await sql`
    INSERT INTO questionnaire_text_answers (question_id, response_id)
    SELECT q.id, r.id
    FROM questionnaire_questions q
    JOIN questionnaire_responses r ON r.questionnaire_id = q.questionnaire_id AND r.answers ? q.id::text
    WHERE q.kind IN ('short', 'long')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS questionnaire_text_answers`.execute(db);
}
