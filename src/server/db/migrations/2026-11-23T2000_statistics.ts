import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// Statistics come from rollups, never from scans of messages (docs/decisions/0007-statistics.md):
//   stat_dirty  — messages changed since their figures were last counted (written by triggers,
//                 so no code path can forget; folded into the rollups by the statistics module)
//   stat_facts  — one row per message: what it contributes now (keys + 0/1 counts)
//   stat_cells  — sums of facts per period (day, month) × region × one cut
//   stat_terms  — title terms per period × region, for hot topics
const MEASURES = [
  'total', 'rejected', 'withdrawn', 'received', 'replied', 'final_replied', 'on_time', 'late', 'closed',
  'reply_workdays', 'rated', 'g_very_satisfied', 'g_satisfied', 'g_basic', 'g_dissatisfied', 'g_very_dissatisfied',
  'follow_ups', 'reopened', 'overdue',
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE stat_dirty (
      message_id bigint PRIMARY KEY,
      marked_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  const factMeasures = sql.raw(MEASURES.map((m) => `${m} integer NOT NULL DEFAULT 0`).join(',\n      '));
  await sql`
    CREATE TABLE stat_facts (
      message_id     bigint PRIMARY KEY,
      day            date NOT NULL,
      province_code  text,
      city_code      text,
      county_code    text,
      board_id       bigint NOT NULL,
      board_level    text NOT NULL,
      field_code     text NOT NULL,
      type           text NOT NULL,
      channel        text NOT NULL,
      handling_class text NOT NULL,
      unit_id        bigint,
      terms          text[] NOT NULL DEFAULT '{}',
      ${factMeasures}
    )`.execute(db);
  // Figures the cells do not hold (a county, a city's cuts, the partial months of a board) read facts of one region or board.
  // Only national scans read facts by day alone; BRIN (facts are written in id order, which follows
  // time) keeps it small and keeps the planner on the region indexes for a region's facts.
  await sql`CREATE INDEX stat_facts_day_idx ON stat_facts USING brin (day)`.execute(db);
  await sql`CREATE INDEX stat_facts_province_idx ON stat_facts (province_code, day)`.execute(db);
  await sql`CREATE INDEX stat_facts_city_idx ON stat_facts (city_code, day)`.execute(db);
  await sql`CREATE INDEX stat_facts_county_idx ON stat_facts (county_code, day)`.execute(db);
  await sql`CREATE INDEX stat_facts_board_idx ON stat_facts (board_id, day)`.execute(db);
  await sql`CREATE INDEX stat_facts_unit_idx ON stat_facts (unit_id, day) WHERE unit_id IS NOT NULL`.execute(db);

  const cellMeasures = sql.raw(MEASURES.map((m) => `${m} bigint NOT NULL DEFAULT 0`).join(',\n      '));
  await sql`
    CREATE TABLE stat_cells (
      grain        char(1) NOT NULL CHECK (grain IN ('d','m')),
      period       date NOT NULL,
      region_code  text NOT NULL,
      region_level text NOT NULL,
      parent_code  text,
      dim          text NOT NULL,
      value        text NOT NULL,
      ${cellMeasures},
      PRIMARY KEY (grain, region_code, dim, value, period)
    )`.execute(db);
  // Rankings: the children of a region, or every region of a level.
  await sql`CREATE INDEX stat_cells_parent_idx ON stat_cells (grain, parent_code, dim, period)`.execute(db);
  await sql`CREATE INDEX stat_cells_level_idx ON stat_cells (grain, region_level, dim, period)`.execute(db);

  await sql`
    CREATE TABLE stat_terms (
      grain       char(1) NOT NULL CHECK (grain IN ('d','m')),
      period      date NOT NULL,
      region_code text NOT NULL,
      term        text NOT NULL,
      n           bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (grain, region_code, period, term)
    )`.execute(db);

  // The units with most overdue open work, as of taken_at: deadlines pass without any write, so this
  // cannot be kept by the fold; a job recounts it each minute (a national count reads every open assignment).
  await sql`
    CREATE TABLE stat_overdue_units (
      unit_id     bigint PRIMARY KEY,
      region_code text NOT NULL,
      open        integer NOT NULL,
      overdue     integer NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX stat_overdue_units_rank_idx ON stat_overdue_units (overdue DESC, open DESC, unit_id)`.execute(db);
  await sql`CREATE TABLE stat_snapshots (name text PRIMARY KEY, taken_at timestamptz NOT NULL)`.execute(db);

  // Any change to a message, its rating, its assignments or its events marks it for recounting.
  // DO UPDATE, not DO NOTHING: it locks an existing mark until the writer commits, so a fold
  // running meanwhile skips it (FOR UPDATE SKIP LOCKED) instead of counting the state before
  // this change and dropping the mark.
  for (const [fn, column] of [['stat_mark_message', 'id'], ['stat_mark_related', 'message_id']] as const) {
    await sql`
      CREATE FUNCTION ${sql.raw(fn)}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO stat_dirty (message_id) VALUES (NEW.${sql.raw(column)})
          ON CONFLICT (message_id) DO UPDATE SET marked_at = EXCLUDED.marked_at;
        RETURN NULL;
      END $$`.execute(db);
  }
  await sql`CREATE TRIGGER messages_stat_dirty AFTER INSERT OR UPDATE ON messages FOR EACH ROW EXECUTE FUNCTION stat_mark_message()`.execute(db);
  await sql`CREATE TRIGGER ratings_stat_dirty AFTER INSERT OR UPDATE ON message_ratings FOR EACH ROW EXECUTE FUNCTION stat_mark_related()`.execute(db);
  await sql`CREATE TRIGGER assignments_stat_dirty AFTER INSERT OR UPDATE OF unit_id, status, reply_due ON assignments FOR EACH ROW EXECUTE FUNCTION stat_mark_related()`.execute(db);
  await sql`CREATE TRIGGER follow_ups_stat_dirty AFTER INSERT ON message_events FOR EACH ROW WHEN (NEW.kind = 'follow_up') EXECUTE FUNCTION stat_mark_related()`.execute(db);
  // Messages already there are counted at the first fold.
  await sql`INSERT INTO stat_dirty (message_id) SELECT id FROM messages`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS follow_ups_stat_dirty ON message_events`.execute(db);
  await sql`DROP TRIGGER IF EXISTS assignments_stat_dirty ON assignments`.execute(db);
  await sql`DROP TRIGGER IF EXISTS ratings_stat_dirty ON message_ratings`.execute(db);
  await sql`DROP TRIGGER IF EXISTS messages_stat_dirty ON messages`.execute(db);
  await sql`DROP FUNCTION IF EXISTS stat_mark_message()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS stat_mark_related()`.execute(db);
  for (const table of ['stat_snapshots', 'stat_overdue_units', 'stat_terms', 'stat_cells', 'stat_facts', 'stat_dirty']) await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
}
