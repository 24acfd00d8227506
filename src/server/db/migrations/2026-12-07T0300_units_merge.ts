import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// Units that can be reorganised (issue 15, 机构改革):
//   units.merged_into_id — the unit this one was merged into (POST /units/{id}/merge); a merged unit is retired.
//   unit_names           — every name a unit has had: [valid_from, valid_to), the first from -infinity, the
//                          current one open (valid_to NULL). Kept by a trigger on units, so every way a unit is
//                          made or renamed (the API, seeds, tests) leaves its history; filled here from today's names.
//   unit_name_at(id, at) — the name a unit had at a moment (an event, a reply, a letter): one index probe on the
//                          primary key (unit_id, valid_from).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE units ADD COLUMN merged_into_id bigint REFERENCES units(id)`.execute(db);
  await sql`ALTER TABLE units ADD CONSTRAINT units_merged_retired CHECK (merged_into_id IS NULL OR (retired_at IS NOT NULL AND merged_into_id <> id))`.execute(db);
  await sql`CREATE INDEX units_merged_into_idx ON units (merged_into_id) WHERE merged_into_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE unit_names (
      unit_id    bigint NOT NULL REFERENCES units(id),
      name       text NOT NULL,
      short_name text,
      valid_from timestamptz NOT NULL,
      valid_to   timestamptz,
      PRIMARY KEY (unit_id, valid_from),
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX unit_names_current_idx ON unit_names (unit_id) WHERE valid_to IS NULL`.execute(db);
  await sql`INSERT INTO unit_names (unit_id, name, short_name, valid_from) SELECT id, name, short_name, '-infinity' FROM units`.execute(db);

  await sql`
    CREATE FUNCTION unit_names_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO unit_names (unit_id, name, short_name, valid_from) VALUES (NEW.id, NEW.name, NEW.short_name, '-infinity');
      ELSIF NEW.name IS DISTINCT FROM OLD.name OR NEW.short_name IS DISTINCT FROM OLD.short_name THEN
        -- Renamed twice in one transaction: the name of the moment is the last one.
        UPDATE unit_names SET name = NEW.name, short_name = NEW.short_name
         WHERE unit_id = NEW.id AND valid_to IS NULL AND valid_from = now();
        IF NOT FOUND THEN
          UPDATE unit_names SET valid_to = now() WHERE unit_id = NEW.id AND valid_to IS NULL;
          INSERT INTO unit_names (unit_id, name, short_name, valid_from) VALUES (NEW.id, NEW.name, NEW.short_name, now());
        END IF;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER units_names_track AFTER INSERT OR UPDATE OF name, short_name ON units FOR EACH ROW EXECUTE FUNCTION unit_names_track()`.execute(db);

  await sql`
    CREATE FUNCTION unit_name_at(p_unit bigint, p_at timestamptz) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT name FROM unit_names WHERE unit_id = p_unit AND valid_from <= p_at ORDER BY valid_from DESC LIMIT 1
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS unit_name_at(bigint, timestamptz)`.execute(db);
  await sql`DROP TRIGGER IF EXISTS units_names_track ON units`.execute(db);
  await sql`DROP FUNCTION IF EXISTS unit_names_track()`.execute(db);
  await sql`DROP TABLE IF EXISTS unit_names`.execute(db);
  await sql`ALTER TABLE units DROP COLUMN IF EXISTS merged_into_id`.execute(db);
}
