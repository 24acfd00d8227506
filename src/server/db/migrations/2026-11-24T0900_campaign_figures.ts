import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// The platform's campaign figures (GET /stats/campaigns) count, for each campaign running in a
// window of Beijing days, its entries submitted in the window, and for each questionnaire its
// responses submitted in the window. The existing indexes order entries and responses by id;
// a window would read every entry of a 50,000-entry campaign and fetch each row for its time.
// With the time after the owner and the counted columns included, a window is one index-only
// range per campaign or questionnaire (the province is the first two digits of region_code,
// computed in the query, so it need not be included).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX campaign_entries_created_idx ON campaign_entries (campaign_id, created_at)
      INCLUDE (region_code, adopted_at, support_count)`.execute(db);
  // Also a campaign's responses by day (GET /campaigns/{id}/stats): one range per questionnaire.
  await sql`
    CREATE INDEX questionnaire_responses_submitted_idx ON questionnaire_responses (questionnaire_id, submitted_at)
      INCLUDE (region_code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS questionnaire_responses_submitted_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS campaign_entries_created_idx`.execute(db);
}
