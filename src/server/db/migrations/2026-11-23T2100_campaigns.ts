import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// Campaigns (征集活动): a unit asks the public for suggestions (建议) and problem leads
// (问题线索). Entries are messages (messages.campaign_id) with a row of their own here for
// what only an entry has: kind, topic, supports (点赞), adoption (采纳) and prize.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE campaigns (
      id                   bigserial PRIMARY KEY,
      title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
      description          text NOT NULL CHECK (length(description) <= 5000),
      cover_photo_id       uuid REFERENCES photos(id),
      organiser_unit_id    bigint NOT NULL REFERENCES units(id),
      -- The board entries are filed under: they are screened and handled there like any message.
      board_id             bigint NOT NULL REFERENCES boards(id),
      topics               text[] NOT NULL DEFAULT '{}',
      -- Regions the campaign concerns; empty: wherever its board reaches.
      region_codes         text[] NOT NULL DEFAULT '{}',
      starts_at            timestamptz NOT NULL,
      ends_at              timestamptz NOT NULL,
      has_prizes           boolean NOT NULL DEFAULT false,
      entries_public       boolean NOT NULL DEFAULT true,
      status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','results_published')),
      result_summary       text CHECK (length(result_summary) <= 5000),
      results_published_at timestamptz,
      created_by           bigint NOT NULL REFERENCES accounts(id),
      created_at           timestamptz NOT NULL DEFAULT now(),
      updated_at           timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT campaigns_window CHECK (ends_at > starts_at),
      CONSTRAINT campaigns_results CHECK ((status = 'results_published') = (results_published_at IS NOT NULL))
    )`.execute(db);
  // The public list: published campaigns, newest start first.
  await sql`CREATE INDEX campaigns_public_idx ON campaigns (starts_at DESC, id DESC) WHERE status <> 'draft'`.execute(db);
  await sql`CREATE INDEX campaigns_organiser_idx ON campaigns (organiser_unit_id, starts_at DESC, id DESC)`.execute(db);
  // Photos asks whether a photo is some campaign's cover (visibility, orphan pruning).
  await sql`CREATE INDEX campaigns_cover_idx ON campaigns (cover_photo_id) WHERE cover_photo_id IS NOT NULL`.execute(db);

  // The column exists since the messages migration; now it points somewhere. Every row is
  // null so far: NOT VALID + VALIDATE checks them without holding the strong lock meanwhile.
  await sql`ALTER TABLE messages ADD CONSTRAINT messages_campaign_fk FOREIGN KEY (campaign_id) REFERENCES campaigns(id) NOT VALID`.execute(db);
  await sql`ALTER TABLE messages VALIDATE CONSTRAINT messages_campaign_fk`.execute(db);
  await sql`CREATE INDEX messages_campaign_idx ON messages (campaign_id, id DESC) WHERE campaign_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE campaign_entries (
      message_id     bigint PRIMARY KEY REFERENCES messages(id),
      campaign_id    bigint NOT NULL REFERENCES campaigns(id),
      kind           text NOT NULL CHECK (kind IN ('suggestion','lead')),
      topic          text,
      -- The message's region (an entry's location is always public), and its province
      -- (the first two digits of a GB/T 2260 code) for the statistics by province.
      region_code    text NOT NULL REFERENCES regions(code),
      province_code  text NOT NULL GENERATED ALWAYS AS (left(region_code, 2) || '0000') STORED,
      support_count  integer NOT NULL DEFAULT 0 CHECK (support_count >= 0),
      adopted_at     timestamptz,
      adoption_note  text CHECK (length(adoption_note) <= 500),
      adopted_by     bigint REFERENCES accounts(id),
      prize          text CHECK (length(prize) <= 100),
      created_at     timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT campaign_entries_adoption CHECK ((adopted_at IS NULL) = (adoption_note IS NULL) AND (adopted_at IS NOT NULL OR prize IS NULL))
    )`.execute(db);
  // The organiser's sorts (newest, by support, by region), each a keyset walk of one index.
  await sql`CREATE INDEX campaign_entries_newest_idx ON campaign_entries (campaign_id, message_id DESC)`.execute(db);
  await sql`CREATE INDEX campaign_entries_support_idx ON campaign_entries (campaign_id, support_count DESC, message_id DESC)`.execute(db);
  await sql`CREATE INDEX campaign_entries_region_idx ON campaign_entries (campaign_id, region_code, message_id DESC)`.execute(db);
  // Adopted entries: a campaign's (its count and result page) and all of them (the public page).
  await sql`CREATE INDEX campaign_entries_adopted_idx ON campaign_entries (campaign_id, adopted_at DESC, message_id DESC) WHERE adopted_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX campaign_entries_adopted_all_idx ON campaign_entries (adopted_at DESC, message_id DESC) WHERE adopted_at IS NOT NULL`.execute(db);

  // The live entry counter. One row per campaign would be a hot row every submission of a
  // burst waits on; each submission adds 1 to one of 16 shards picked at random, and a read
  // sums the 16 rows.
  await sql`
    CREATE TABLE campaign_entry_counts (
      campaign_id bigint NOT NULL REFERENCES campaigns(id),
      shard       smallint NOT NULL CHECK (shard BETWEEN 0 AND 15),
      n           bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, shard)
    )`.execute(db);

  // 点赞: once per account and entry.
  await sql`
    CREATE TABLE campaign_supports (
      message_id  bigint NOT NULL REFERENCES campaign_entries(message_id),
      account_id  bigint NOT NULL REFERENCES accounts(id),
      created_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, account_id)
    )`.execute(db);
  await sql`CREATE INDEX campaign_supports_account_idx ON campaign_supports (account_id, message_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS campaign_supports`.execute(db);
  await sql`DROP TABLE IF EXISTS campaign_entry_counts`.execute(db);
  await sql`DROP TABLE IF EXISTS campaign_entries`.execute(db);
  await sql`DROP INDEX IF EXISTS messages_campaign_idx`.execute(db);
  await sql`ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_campaign_fk`.execute(db);
  await sql`DROP TABLE IF EXISTS campaigns`.execute(db);
}
