import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Oversight (issue 16) reads three things no index held:
//   - the 清零 list: the open messages of a region's boards without any reply (a small, moving
//     set: a partial index keeps it a few pages per board instead of every message of the board);
//   - the drive's progress: the messages of those boards first answered since the drive began
//     (by board and first reply time);
//   - the bulletin's on-time signing: the assignments given to a unit in a quarter (by unit and
//     time given, with the signing columns included so the counts are index-only).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE INDEX messages_open_unreplied_idx ON messages (board_id, created_at)
      WHERE first_reply_at IS NULL AND status IN ('accepted','assigned','handling','dissatisfied')`.execute(db);
  await sql`CREATE INDEX messages_board_first_reply_idx ON messages (board_id, first_reply_at) WHERE first_reply_at IS NOT NULL`.execute(db);
  await sql`
    CREATE INDEX assignments_unit_assigned_idx ON assignments (unit_id, assigned_at)
      INCLUDE (signed_at, sign_due, status)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS assignments_unit_assigned_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS messages_board_first_reply_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS messages_open_unreplied_idx`.execute(db);
}
