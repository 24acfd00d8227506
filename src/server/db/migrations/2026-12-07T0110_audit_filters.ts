import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// The audit log for people (issue 15): filters by actor, object, action kind and date over
// millions of rows. The list pages newest first (ORDER BY id DESC); each filter has an index
// that either keeps that order (actor, object: btree ending in id) or narrows the rows to a
// bitmap that is then sorted (date: BRIN, tiny on an append-only table whose `at` grows with
// its id; a kind `account.*`: text_pattern_ops serves LIKE 'account.%' under any collation).
// A unit admin's scope and the unit filter are id sets (`actor_id = ANY(ARRAY(…))`,
// `target_type/target_id = ANY(…)`) looked up in the same two btrees.
// Created inside the migration transaction (not CONCURRENTLY): on a very large log, run it at a quiet hour.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC) WHERE actor_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_action_prefix_idx ON audit_log (action text_pattern_ops, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_at_brin ON audit_log USING brin (at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['audit_log_at_brin', 'audit_log_action_prefix_idx', 'audit_log_target_idx', 'audit_log_actor_idx']) {
    await sql`DROP INDEX IF EXISTS ${sql.ref(index)}`.execute(db);
  }
}
