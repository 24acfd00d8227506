import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// The unit inbox's counts (and its overdue / due-soon tabs) test the deadline an open
// assignment works towards, a CASE over status, role, contacted_at and the three due
// times. No index held those columns: on 1,000,000 generated messages (1.3M assignments)
// the counts of a province's unit subtree read every open assignment of the country and
// took 3.5 s at p99 (docs/benchmarks.md, "Handling (issue 4)"). With the open work of
// each unit in id order and those columns included, every tab is an index-only scan of
// the units concerned, newest first.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX assignments_unit_open_idx ON assignments (unit_id, id DESC)
      INCLUDE (status, role, contacted_at, assigned_at, sign_due, contact_due, reply_due)
      WHERE status IN ('pending','signed','passed_down')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS assignments_unit_open_idx`.execute(db);
}
