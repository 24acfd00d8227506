import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // 领域: the platform's fields, editable by a platform admin.
  await sql`
    CREATE TABLE fields (
      code    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,31}$'),
      name_zh text NOT NULL,
      name_tw text NOT NULL,
      name_en text NOT NULL,
      sort    integer NOT NULL DEFAULT 0,
      active  boolean NOT NULL DEFAULT true
    )`.execute(db);
  await sql`
    INSERT INTO fields (code, name_zh, name_tw, name_en, sort) VALUES
      ('urban', '城建', '城建', 'Urban development', 1),
      ('transport', '交通', '交通', 'Transport', 2),
      ('rural', '三农', '三農', 'Agriculture & rural', 3),
      ('environment', '环保', '環保', 'Environment', 4),
      ('education', '教育', '教育', 'Education', 5),
      ('health', '医疗', '醫療', 'Health care', 6),
      ('security', '治安', '治安', 'Public security', 7),
      ('tourism', '旅游', '旅遊', 'Tourism', 8),
      ('employment', '就业', '就業', 'Employment', 9),
      ('culture', '文娱', '文娛', 'Culture & entertainment', 10),
      ('finance', '金融', '金融', 'Finance', 11),
      ('enterprise', '企业', '企業', 'Enterprises', 12),
      ('government', '政务', '政務', 'Government affairs', 13),
      ('other', '其他', '其他', 'Other', 99)`.execute(db);

  // Words that flag a message for the coordinator's attention at screening.
  await sql`CREATE TABLE sensitive_words (word text PRIMARY KEY CHECK (length(word) BETWEEN 1 AND 50))`.execute(db);

  // The public number 2026-11-23-000123 counts per day.
  await sql`CREATE TABLE message_day_counters (day date PRIMARY KEY, n integer NOT NULL)`.execute(db);

  await sql`
    CREATE TABLE messages (
      id               bigserial PRIMARY KEY,
      number           text NOT NULL UNIQUE,
      board_id         bigint NOT NULL REFERENCES boards(id),
      author_id        bigint NOT NULL REFERENCES accounts(id),
      type             text NOT NULL CHECK (type IN ('consult','suggest','complain','help','thanks')),
      field_code       text NOT NULL REFERENCES fields(code),
      -- Where the matter is; the level codes are copied so a region filter is one btree lookup.
      region_code      text NOT NULL REFERENCES regions(code),
      province_code    text,
      city_code        text,
      county_code      text,
      title            text NOT NULL,
      body             text NOT NULL,
      private_note     text,
      is_public        boolean NOT NULL,
      photos_public    boolean NOT NULL DEFAULT true,
      location_public  boolean NOT NULL DEFAULT true,
      channel          text NOT NULL CHECK (channel IN ('web','app','mini_program','hotline','email','letter','api')),
      status           text NOT NULL,
      -- The public board's tab: pending 待回复, handling 办理中, done 已办理; null while not public.
      public_status    text CHECK (public_status IN ('pending','handling','done')),
      -- Public, accepted and not withdrawn: what lists and search may show.
      listed           boolean NOT NULL DEFAULT false,
      flags            text[] NOT NULL DEFAULT '{}',
      reject_reason    text,
      campaign_id      bigint,
      created_at       timestamptz NOT NULL DEFAULT now(),
      accepted_at      timestamptz,
      first_reply_at   timestamptz,
      final_reply_at   timestamptz,
      last_reply_at    timestamptz,
      -- Sort key for "by latest reply": the last reply, else acceptance.
      activity_at      timestamptz NOT NULL DEFAULT now(),
      reply_count      integer NOT NULL DEFAULT 0,
      search           tsvector
    )`.execute(db);
  // Public lists: newest first, within a region level, board or tab (partial: only listed rows).
  await sql`CREATE INDEX messages_listed_idx ON messages (id DESC) WHERE listed`.execute(db);
  await sql`CREATE INDEX messages_listed_status_idx ON messages (public_status, id DESC) WHERE listed`.execute(db);
  await sql`CREATE INDEX messages_listed_province_idx ON messages (province_code, id DESC) WHERE listed`.execute(db);
  await sql`CREATE INDEX messages_listed_city_idx ON messages (city_code, id DESC) WHERE listed`.execute(db);
  await sql`CREATE INDEX messages_listed_county_idx ON messages (county_code, id DESC) WHERE listed`.execute(db);
  await sql`CREATE INDEX messages_listed_region_idx ON messages (region_code, id DESC) WHERE listed`.execute(db);
  await sql`CREATE INDEX messages_listed_board_idx ON messages (board_id, id DESC) WHERE listed`.execute(db);
  await sql`CREATE INDEX messages_listed_activity_idx ON messages (activity_at DESC, id DESC) WHERE listed`.execute(db);
  await sql`CREATE INDEX messages_search_idx ON messages USING gin (search) WHERE listed`.execute(db);
  // Own messages, and the staff's screening queue.
  await sql`CREATE INDEX messages_author_idx ON messages (author_id, id DESC)`.execute(db);
  await sql`CREATE INDEX messages_board_status_idx ON messages (board_id, status, id DESC)`.execute(db);

  // Everything that happens to a message, in order; never updated or deleted.
  // visibility: public (board page), author (the author and staff), internal (staff only).
  await sql`
    CREATE TABLE message_events (
      id          bigserial PRIMARY KEY,
      message_id  bigint NOT NULL REFERENCES messages(id),
      kind        text NOT NULL,
      visibility  text NOT NULL CHECK (visibility IN ('public','author','internal')),
      actor_id    bigint REFERENCES accounts(id),
      unit_id     bigint REFERENCES units(id),
      body        text,
      data        jsonb NOT NULL DEFAULT '{}',
      created_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX message_events_message_idx ON message_events (message_id, id)`.execute(db);
  await sql`
    CREATE FUNCTION message_events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'message_events is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER message_events_no_update_delete BEFORE UPDATE OR DELETE OR TRUNCATE ON message_events
    FOR EACH STATEMENT EXECUTE FUNCTION message_events_are_append_only()`.execute(db);

  // The author's rating of the final reply: given once, changed at most once within 7 days.
  await sql`
    CREATE TABLE message_ratings (
      message_id   bigint PRIMARY KEY REFERENCES messages(id),
      resolution   smallint NOT NULL CHECK (resolution BETWEEN 1 AND 5),
      attitude     smallint NOT NULL CHECK (attitude BETWEEN 1 AND 5),
      speed        smallint NOT NULL CHECK (speed BETWEEN 1 AND 5),
      grade        text NOT NULL CHECK (grade IN ('very_satisfied','satisfied','basically_satisfied','dissatisfied','very_dissatisfied')),
      comment      text,
      rated_at     timestamptz NOT NULL DEFAULT now(),
      changed_at   timestamptz,
      change_count smallint NOT NULL DEFAULT 0
    )`.execute(db);

  // Tab counts per scope ('all', 'r:<region>', 'b:<board>'), kept with every change of a listed message,
  // so a board page never counts over millions of rows.
  await sql`
    CREATE TABLE message_tallies (
      scope         text NOT NULL,
      public_status text NOT NULL,
      n             bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (scope, public_status)
    )`.execute(db);

  // A retried submission returns the message the first attempt created.
  await sql`
    CREATE TABLE idempotency_keys (
      account_id   bigint NOT NULL REFERENCES accounts(id),
      key          text NOT NULL,
      request_hash text NOT NULL,
      message_id   bigint REFERENCES messages(id),
      created_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, key)
    )`.execute(db);

  // Photos are uploaded first (owner, no message), then attached to the message that uses them.
  await sql`
    CREATE TABLE photos (
      id          uuid PRIMARY KEY,
      owner_id    bigint NOT NULL REFERENCES accounts(id),
      message_id  bigint REFERENCES messages(id),
      position    smallint,
      mime        text NOT NULL CHECK (mime IN ('image/jpeg','image/png','image/webp')),
      width       integer NOT NULL,
      height      integer NOT NULL,
      size        integer NOT NULL,
      data        bytea NOT NULL,
      thumb       bytea NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX photos_message_idx ON photos (message_id, position) WHERE message_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX photos_owner_idx ON photos (owner_id, created_at DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['photos', 'idempotency_keys', 'message_tallies', 'message_ratings', 'message_events', 'messages', 'message_day_counters', 'sensitive_words', 'fields']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS message_events_are_append_only`.execute(db);
}
