import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// The public list of a campaign's entries shows listed (screened, public) messages only. With
// `listed` on messages alone, a page walked the entry index and fetched message after message
// until it had twenty listed ones: after a burst, with 45,000 of 50,000 entries still waiting for
// screening, one page could read tens of thousands of rows. The entry now carries a copy of
// `listed`, kept by a trigger on messages (every path that lists or unlists a message — screening,
// withdrawal, hiding — goes through an UPDATE of messages.listed), and the public sorts have
// partial indexes of listed entries only.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE campaign_entries ADD COLUMN listed boolean NOT NULL DEFAULT false`.execute(db);
  await sql`UPDATE campaign_entries e SET listed = true FROM messages m WHERE m.id = e.message_id AND m.listed`.execute(db);
  await sql`
    CREATE FUNCTION campaign_entry_listed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE campaign_entries SET listed = NEW.listed WHERE message_id = NEW.id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER campaign_entry_listed AFTER UPDATE OF listed ON messages
      FOR EACH ROW WHEN (NEW.campaign_id IS NOT NULL AND NEW.listed IS DISTINCT FROM OLD.listed)
      EXECUTE FUNCTION campaign_entry_listed()`.execute(db);
  await sql`CREATE INDEX campaign_entries_listed_newest_idx ON campaign_entries (campaign_id, message_id DESC) WHERE listed`.execute(db);
  await sql`CREATE INDEX campaign_entries_listed_support_idx ON campaign_entries (campaign_id, support_count DESC, message_id DESC) WHERE listed`.execute(db);
  await sql`CREATE INDEX campaign_entries_listed_region_idx ON campaign_entries (campaign_id, region_code, message_id DESC) WHERE listed`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS campaign_entry_listed ON messages`.execute(db);
  await sql`DROP FUNCTION IF EXISTS campaign_entry_listed()`.execute(db);
  await sql`ALTER TABLE campaign_entries DROP COLUMN IF EXISTS listed`.execute(db);
}
