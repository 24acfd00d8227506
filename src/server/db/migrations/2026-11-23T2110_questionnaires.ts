import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// Questionnaires (问卷调查): a definition (questions in order), and the responses, one row
// each with its answers as a jsonb object keyed by question id. Results are aggregated
// from the responses with jsonb functions: a stored tally up to a response id plus the
// responses since (docs/api.md "Questionnaires"); no counter every response would update.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE questionnaires (
      id                bigserial PRIMARY KEY,
      title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
      description       text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      -- The campaign it belongs to, if any.
      campaign_id       bigint REFERENCES campaigns(id),
      organiser_unit_id bigint NOT NULL REFERENCES units(id),
      audience          text NOT NULL CHECK (audience IN ('citizens','anyone')),
      opens_at          timestamptz NOT NULL,
      closes_at         timestamptz NOT NULL,
      status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
      published_at      timestamptz,
      created_by        bigint NOT NULL REFERENCES accounts(id),
      created_at        timestamptz NOT NULL DEFAULT now(),
      updated_at        timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT questionnaires_closes_after_opens CHECK (closes_at > opens_at),
      CHECK ((status = 'published') = (published_at IS NOT NULL))
    )`.execute(db);
  // Public list: published, newest first; a campaign's questionnaires; an organiser's.
  await sql`CREATE INDEX questionnaires_published_idx ON questionnaires (id DESC) WHERE status = 'published'`.execute(db);
  await sql`CREATE INDEX questionnaires_campaign_idx ON questionnaires (campaign_id, id DESC) WHERE campaign_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX questionnaires_organiser_idx ON questionnaires (organiser_unit_id)`.execute(db);

  await sql`
    CREATE TABLE questionnaire_questions (
      id               bigserial PRIMARY KEY,
      questionnaire_id bigint NOT NULL REFERENCES questionnaires(id) ON DELETE CASCADE,
      -- 1-based; skip rules name positions.
      position         integer NOT NULL CHECK (position >= 1),
      kind             text NOT NULL CHECK (kind IN ('single','multiple','scale','short','long')),
      text             text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
      required         boolean NOT NULL,
      -- [{ value, label }] for single and multiple choice.
      options          jsonb CHECK (options IS NULL OR jsonb_typeof(options) = 'array'),
      scale_min        integer,
      scale_max        integer,
      -- [{ whenValue, toPosition }] for single choice.
      skip             jsonb CHECK (skip IS NULL OR jsonb_typeof(skip) = 'array'),
      UNIQUE (questionnaire_id, position),
      CHECK ((kind IN ('single','multiple')) = (options IS NOT NULL)),
      CHECK ((kind = 'scale') = (scale_min IS NOT NULL AND scale_max IS NOT NULL)),
      CHECK (scale_min IS NULL OR scale_max > scale_min),
      CHECK (skip IS NULL OR kind = 'single')
    )`.execute(db);

  await sql`
    CREATE TABLE questionnaire_responses (
      id               bigserial PRIMARY KEY,
      questionnaire_id bigint NOT NULL REFERENCES questionnaires(id) ON DELETE CASCADE,
      -- The logged-in account; null for an anonymous response (audience 'anyone').
      account_id       bigint REFERENCES accounts(id) ON DELETE SET NULL,
      -- A hash of who sent it and the Idempotency-Key: a retried submission is stored once.
      client_key       text,
      region_code      text REFERENCES regions(code),
      -- The province of region_code (the first two digits of a GB/T 2260 code), for the
      -- cross-tabulation by region.
      province_code    text GENERATED ALWAYS AS (left(region_code, 2) || '0000') STORED,
      -- { "<question id>": "value" | ["value", …] | number | "text" }
      answers          jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
      submitted_at     timestamptz NOT NULL DEFAULT now(),
      UNIQUE (questionnaire_id, account_id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX questionnaire_responses_client_key_idx ON questionnaire_responses (questionnaire_id, client_key) WHERE client_key IS NOT NULL`.execute(db);
  // One questionnaire's responses in id order: the responses since the last tally, the newest
  // text answers (backwards), the export (keyset), the response count.
  await sql`CREATE INDEX questionnaire_responses_questionnaire_idx ON questionnaire_responses (questionnaire_id, id)`.execute(db);

  // Results: the counts of every response up to through_id, folded in from time to time;
  // a request adds the responses since. Cells: [[question id | null, value | null,
  // province | null, n], …] — no question: responses per province; no value: the
  // responses that answered the question; else the answers holding the value.
  await sql`
    CREATE TABLE questionnaire_tallies (
      questionnaire_id bigint PRIMARY KEY REFERENCES questionnaires(id) ON DELETE CASCADE,
      through_id       bigint NOT NULL,
      -- How many responses the tally counts (the response count is this plus the responses since).
      responses        integer NOT NULL CHECK (responses >= 0),
      cells            jsonb NOT NULL CHECK (jsonb_typeof(cells) = 'array'),
      folded_at        timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS questionnaire_tallies`.execute(db);
  await sql`DROP TABLE IF EXISTS questionnaire_responses`.execute(db);
  await sql`DROP TABLE IF EXISTS questionnaire_questions`.execute(db);
  await sql`DROP TABLE IF EXISTS questionnaires`.execute(db);
}
