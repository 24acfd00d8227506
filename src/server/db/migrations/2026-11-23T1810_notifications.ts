import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  // Citizens have a mobile number; staff may be given an address for e-mail notifications.
  await sql`ALTER TABLE accounts ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+$')`.execute(db);

  // In-app notifications. Texts are stored in the three UI languages, so the bell can switch
  // language without asking again. link is a path inside the site, never another origin.
  await sql`
    CREATE TABLE notifications (
      id          bigserial PRIMARY KEY,
      account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      kind        text NOT NULL CHECK (length(kind) BETWEEN 1 AND 50),
      message_id  bigint REFERENCES messages(id) ON DELETE CASCADE,
      title       jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object' AND title ?& array['zh-CN','zh-TW','en']),
      body        jsonb CHECK (body IS NULL OR (jsonb_typeof(body) = 'object' AND body ?& array['zh-CN','zh-TW','en'])),
      link        text CHECK (link IS NULL OR (link ~ '^/([^/\\\\]|$)' AND length(link) <= 500)),
      -- The same event reaching an account twice (a retried job, a second trigger) is stored once.
      dedupe_key  text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      read_at     timestamptz,
      UNIQUE (account_id, dedupe_key)
    )`.execute(db);
  await sql`CREATE INDEX notifications_account_idx ON notifications (account_id, id DESC)`.execute(db);
  // The badge counts and the "unread" tab read only these.
  await sql`CREATE INDEX notifications_unread_idx ON notifications (account_id, id DESC) WHERE read_at IS NULL`.execute(db);
  await sql`CREATE INDEX notifications_message_idx ON notifications (message_id) WHERE message_id IS NOT NULL`.execute(db);

  // E-mail and SMS waiting for delivery. Rows are written in the transaction of the event and
  // delivered later by a job, so a slow or failing provider never holds up a request.
  await sql`
    CREATE TABLE outbox (
      id              bigserial PRIMARY KEY,
      channel         text NOT NULL CHECK (channel IN ('email','sms')),
      recipient       text NOT NULL,
      subject         text NOT NULL DEFAULT '',
      body            text NOT NULL,
      status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
      attempts        integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      sent_at         timestamptz,
      last_error      text,
      created_at      timestamptz NOT NULL DEFAULT now(),
      notification_id bigint REFERENCES notifications(id) ON DELETE SET NULL
    )`.execute(db);
  await sql`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS outbox`.execute(db);
  await sql`DROP TABLE IF EXISTS notifications`.execute(db);
  await sql`ALTER TABLE accounts DROP COLUMN IF EXISTS email`.execute(db);
}
