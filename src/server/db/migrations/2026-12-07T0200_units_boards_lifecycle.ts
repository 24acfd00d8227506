import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// Units and boards over time (issue 15):
//   units.short_name  — the short name used in lists and letters (e.g. 区民政局), optional.
//   units.contact     — who to call at the unit (a phone or a person and phone), optional.
//   units.retired_at  — a retired unit takes no new work; it stays in the tree and in history.
//   boards.retired_at — a retired board takes no new messages; its page and messages stay public.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE units ADD COLUMN short_name text`.execute(db);
  await sql`ALTER TABLE units ADD COLUMN contact text`.execute(db);
  await sql`ALTER TABLE units ADD COLUMN retired_at timestamptz`.execute(db);
  await sql`ALTER TABLE boards ADD COLUMN retired_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE boards DROP COLUMN IF EXISTS retired_at`.execute(db);
  await sql`ALTER TABLE units DROP COLUMN IF EXISTS retired_at`.execute(db);
  await sql`ALTER TABLE units DROP COLUMN IF EXISTS contact`.execute(db);
  await sql`ALTER TABLE units DROP COLUMN IF EXISTS short_name`.execute(db);
}
