import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
// Handling: assignment down the chain of units, deadlines, replies with review,
// extensions, supervision letters. The state lives in these rows; every change
// is also an event in message_events (the timeline and the audit trail).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE messages
      ADD COLUMN handling_class   text CHECK (handling_class IN ('special','timely','coordinated','high')),
      -- The round of handling: 0 the first, 1 and 2 after 重办 (at most twice).
      ADD COLUMN round            smallint NOT NULL DEFAULT 0,
      ADD COLUMN assigned_at      timestamptz,
      ADD COLUMN supervised_at    timestamptz,
      -- The leader's office put it on the leader's list (besides 高位办, which always is).
      ADD COLUMN leader_attention boolean NOT NULL DEFAULT false,
      ADD COLUMN closed_at        timestamptz,
      ADD COLUMN close_reason     text CHECK (close_reason IN ('rated','unrated','explained')),
      -- Deadlines missed on this message, any round: twice puts it on the supervision list.
      ADD COLUMN overdue_count    smallint NOT NULL DEFAULT 0`.execute(db);
  // The coordinator's lists: open messages of a region by state.
  await sql`CREATE INDEX messages_status_province_idx ON messages (status, province_code, id DESC)`.execute(db);
  await sql`CREATE INDEX messages_supervised_idx ON messages (supervised_at DESC, id DESC) WHERE supervised_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX messages_unrated_idx ON messages (final_reply_at) WHERE status = 'replied'`.execute(db);
  await sql`CREATE INDEX messages_high_idx ON messages (board_id, id DESC) WHERE handling_class = 'high' OR leader_attention`.execute(db);

  // Who must review a unit's replies before publication.
  await sql`ALTER TABLE units ADD COLUMN reply_review text NOT NULL DEFAULT 'none' CHECK (reply_review IN ('none','unit_admin','coordinator'))`.execute(db);

  // Deadlines in working days per region (the nearest ancestor's policy applies; 000000 is the national default) and class.
  await sql`
    CREATE TABLE deadline_policies (
      -- No foreign key: the national default exists before the regions are loaded; the service checks codes.
      region_code        text NOT NULL,
      handling_class     text NOT NULL CHECK (handling_class IN ('special','timely','coordinated','high')),
      sign_days          smallint NOT NULL CHECK (sign_days BETWEEN 1 AND 30),
      contact_days       smallint NOT NULL CHECK (contact_days BETWEEN 1 AND 60),
      reply_days         smallint NOT NULL CHECK (reply_days BETWEEN 1 AND 90),
      max_extension_days smallint NOT NULL CHECK (max_extension_days BETWEEN 0 AND 90),
      updated_by         bigint REFERENCES accounts(id),
      updated_at         timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (region_code, handling_class),
      CHECK (sign_days <= contact_days AND contact_days <= reply_days)
    )`.execute(db);
  // The "137" rule for 及时办; 特别办 shorter; 协调办 longer; 高位办 between.
  await sql`
    INSERT INTO deadline_policies (region_code, handling_class, sign_days, contact_days, reply_days, max_extension_days) VALUES
      ('000000', 'special', 1, 1, 3, 3),
      ('000000', 'timely', 1, 3, 7, 7),
      ('000000', 'coordinated', 1, 5, 15, 15),
      ('000000', 'high', 1, 3, 10, 10)`.execute(db);

  // One unit's part in one round of a message. Passing down (链式交办) makes children;
  // the parent waits in passed_down and takes the work back when the lead child returns it.
  await sql`
    CREATE TABLE assignments (
      id                  bigserial PRIMARY KEY,
      message_id          bigint NOT NULL REFERENCES messages(id),
      round               smallint NOT NULL,
      unit_id             bigint NOT NULL REFERENCES units(id),
      role                text NOT NULL CHECK (role IN ('lead','co')),
      parent_id           bigint REFERENCES assignments(id),
      assigned_by         bigint REFERENCES accounts(id),
      assigned_by_unit_id bigint REFERENCES units(id),
      handling_class      text NOT NULL CHECK (handling_class IN ('special','timely','coordinated','high')),
      status              text NOT NULL CHECK (status IN ('pending','signed','passed_down','returned','done','cancelled')),
      instructions        text,
      assigned_at         timestamptz NOT NULL,
      sign_due            timestamptz NOT NULL,
      contact_due         timestamptz NOT NULL,
      reply_due           timestamptz NOT NULL,
      signed_at           timestamptz,
      contacted_at        timestamptz,
      replied_at          timestamptz,
      returned_at         timestamptz,
      return_reason       text,
      finished_at         timestamptz,
      extension_days      smallint NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX assignments_message_idx ON assignments (message_id, id)`.execute(db);
  // The unit inbox: a unit's assignments by state, newest first.
  await sql`CREATE INDEX assignments_unit_idx ON assignments (unit_id, status, id DESC)`.execute(db);
  await sql`CREATE INDEX assignments_parent_idx ON assignments (parent_id) WHERE parent_id IS NOT NULL`.execute(db);
  // The deadline sweep looks only at open work.
  await sql`CREATE INDEX assignments_open_idx ON assignments (reply_due) WHERE status IN ('pending','signed','passed_down')`.execute(db);
  // One open assignment per unit and message.
  await sql`CREATE UNIQUE INDEX assignments_one_open_idx ON assignments (message_id, unit_id) WHERE status IN ('pending','signed','passed_down')`.execute(db);

  // Each warning once per assignment, deadline, level and due time (an extension moves the due time: new warnings).
  await sql`
    CREATE TABLE deadline_alerts (
      assignment_id bigint NOT NULL REFERENCES assignments(id),
      deadline      text NOT NULL CHECK (deadline IN ('sign','contact','reply')),
      level         text NOT NULL CHECK (level IN ('amber','red')),
      due_at        timestamptz NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (assignment_id, deadline, level, due_at)
    )`.execute(db);

  // Replies as written; published ones are also 'reply' events on the public timeline.
  await sql`
    CREATE TABLE replies (
      id             bigserial PRIMARY KEY,
      message_id     bigint NOT NULL REFERENCES messages(id),
      round          smallint NOT NULL,
      assignment_id  bigint NOT NULL REFERENCES assignments(id),
      unit_id        bigint NOT NULL REFERENCES units(id),
      author_id      bigint NOT NULL REFERENCES accounts(id),
      kind           text NOT NULL CHECK (kind IN ('interim','final')),
      body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
      status         text NOT NULL CHECK (status IN ('pending_review','published','rejected')),
      review_by      text CHECK (review_by IN ('unit_admin','coordinator')),
      submitted_at   timestamptz NOT NULL DEFAULT now(),
      reviewed_by    bigint REFERENCES accounts(id),
      reviewed_at    timestamptz,
      review_note    text,
      published_at   timestamptz
    )`.execute(db);
  await sql`CREATE INDEX replies_message_idx ON replies (message_id, id)`.execute(db);
  await sql`CREATE INDEX replies_review_idx ON replies (unit_id, id DESC) WHERE status = 'pending_review'`.execute(db);
  // A second final reply in a round is refused by the service; this makes it impossible.
  await sql`CREATE UNIQUE INDEX replies_one_final_idx ON replies (message_id, round) WHERE kind = 'final' AND status IN ('pending_review','published')`.execute(db);

  await sql`
    CREATE TABLE extension_requests (
      id            bigserial PRIMARY KEY,
      assignment_id bigint NOT NULL REFERENCES assignments(id),
      message_id    bigint NOT NULL REFERENCES messages(id),
      days          smallint NOT NULL CHECK (days BETWEEN 1 AND 90),
      reason        text NOT NULL,
      status        text NOT NULL CHECK (status IN ('pending','approved','refused')),
      requested_by  bigint NOT NULL REFERENCES accounts(id),
      requested_at  timestamptz NOT NULL DEFAULT now(),
      decided_by    bigint REFERENCES accounts(id),
      decided_at    timestamptz,
      decision_note text
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX extension_requests_one_pending_idx ON extension_requests (assignment_id) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX extension_requests_pending_idx ON extension_requests (id DESC) WHERE status = 'pending'`.execute(db);

  // 交办函 / 督办函: numbered per kind and year when issued.
  await sql`
    CREATE TABLE letters (
      id            bigserial PRIMARY KEY,
      message_id    bigint NOT NULL REFERENCES messages(id),
      assignment_id bigint REFERENCES assignments(id),
      kind          text NOT NULL CHECK (kind IN ('assignment','supervision')),
      year          smallint NOT NULL,
      seq           integer NOT NULL,
      requirements  text NOT NULL,
      issued_by     bigint REFERENCES accounts(id),
      issuer_unit_id bigint REFERENCES units(id),
      issued_at     timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, year, seq)
    )`.execute(db);
  await sql`CREATE INDEX letters_message_idx ON letters (message_id, kind, id DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['letters', 'extension_requests', 'replies', 'deadline_alerts', 'assignments', 'deadline_policies']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  }
  await sql`ALTER TABLE units DROP COLUMN IF EXISTS reply_review`.execute(db);
  await sql`
    ALTER TABLE messages DROP COLUMN IF EXISTS handling_class, DROP COLUMN IF EXISTS round, DROP COLUMN IF EXISTS assigned_at,
      DROP COLUMN IF EXISTS supervised_at, DROP COLUMN IF EXISTS leader_attention, DROP COLUMN IF EXISTS closed_at,
      DROP COLUMN IF EXISTS close_reason, DROP COLUMN IF EXISTS overdue_count`.execute(db);
}
