import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// Data reports (weekly digests, half-year reports): a frozen snapshot of the figures per
// (kind, region, period). The unique key makes generation idempotent: two processes running
// the same scheduled job store one report. Generating again on demand replaces the content
// and counts the version up (the id, and so every link to it, stays).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE stat_reports (
      id           bigserial PRIMARY KEY,
      kind         text NOT NULL CHECK (kind IN ('weekly','half_year')),
      region_code  text NOT NULL REFERENCES regions(code),
      period_from  date NOT NULL,
      period_to    date NOT NULL CHECK (period_to >= period_from),
      -- false while the period was still running when the content was made; the schedule
      -- replaces such a report once the period is over.
      complete     boolean NOT NULL,
      version      integer NOT NULL DEFAULT 1,
      title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      generated_at timestamptz NOT NULL DEFAULT now(),
      -- null: made by the schedule.
      generated_by bigint REFERENCES accounts(id) ON DELETE SET NULL,
      content      jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
      UNIQUE (kind, region_code, period_from)
    )`.execute(db);
  // Lists: newest period first, optionally of one kind or region.
  await sql`CREATE INDEX stat_reports_period_idx ON stat_reports (period_from DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX stat_reports_region_idx ON stat_reports (region_code, period_from DESC, id DESC)`.execute(db);

  await sql`
    CREATE TABLE report_subscriptions (
      account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      kind        text NOT NULL CHECK (kind IN ('weekly','half_year')),
      region_code text NOT NULL REFERENCES regions(code),
      created_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, kind, region_code)
    )`.execute(db);
  // The subscribers of a report, when it is stored.
  await sql`CREATE INDEX report_subscriptions_report_idx ON report_subscriptions (kind, region_code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS report_subscriptions`.execute(db);
  await sql`DROP TABLE IF EXISTS stat_reports`.execute(db);
}
