import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS ltree`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gin`.execute(db);

  // GB/T 2260 regions. path holds the codes from the root down, so a region's
  // subtree is one indexed `path <@ $1` test.
  await sql`
    CREATE TABLE regions (
      code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3})?$'),
      name        text NOT NULL,
      level       text NOT NULL CHECK (level IN ('national','province','city','county','township')),
      parent_code text REFERENCES regions(code),
      path        ltree NOT NULL,
      sort        integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX regions_parent_idx ON regions (parent_code, sort, code)`.execute(db);
  await sql`CREATE INDEX regions_path_idx ON regions USING gist (path)`.execute(db);
  await sql`CREATE INDEX regions_name_trgm_idx ON regions USING gin (name gin_trgm_ops)`.execute(db);

  // Units form a tree; path holds the unit ids from the root down.
  await sql`
    CREATE TABLE units (
      id          bigserial PRIMARY KEY,
      key         text UNIQUE,
      name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      kind        text NOT NULL,
      region_code text NOT NULL REFERENCES regions(code),
      parent_id   bigint REFERENCES units(id),
      path        ltree NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX units_parent_name_idx ON units (coalesce(parent_id, 0), name)`.execute(db);
  await sql`CREATE INDEX units_parent_idx ON units (parent_id, name, id)`.execute(db);
  await sql`CREATE INDEX units_path_idx ON units USING gist (path)`.execute(db);
  await sql`CREATE INDEX units_region_idx ON units (region_code)`.execute(db);
  await sql`CREATE INDEX units_name_trgm_idx ON units USING gin (name gin_trgm_ops)`.execute(db);

  // Boards: a leader position of a region, or a ministry. Citizens write to a board.
  await sql`
    CREATE TABLE boards (
      id          bigserial PRIMARY KEY,
      kind        text NOT NULL CHECK (kind IN ('leader','ministry')),
      title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 50),
      name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      region_code text REFERENCES regions(code),
      unit_id     bigint REFERENCES units(id),
      sort        integer NOT NULL DEFAULT 0,
      created_at  timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'leader') = (region_code IS NOT NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX boards_region_title_idx ON boards (coalesce(region_code, ''), title)`.execute(db);
  await sql`CREATE INDEX boards_kind_idx ON boards (kind, sort, id)`.execute(db);
  await sql`CREATE INDEX boards_unit_idx ON boards (unit_id)`.execute(db);

  await sql`
    CREATE TABLE accounts (
      id              bigserial PRIMARY KEY,
      kind            text NOT NULL CHECK (kind IN ('citizen','staff')),
      login           text UNIQUE,
      mobile          text UNIQUE,
      password_hash   text NOT NULL,
      nickname        text NOT NULL,
      display_name    text NOT NULL,
      unit_id         bigint REFERENCES units(id),
      roles           text[] NOT NULL DEFAULT '{}',
      status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
      failed_logins   integer NOT NULL DEFAULT 0,
      locked_until    timestamptz,
      created_at      timestamptz NOT NULL DEFAULT now(),
      updated_at      timestamptz NOT NULL DEFAULT now(),
      CHECK (kind = 'citizen' OR (login IS NOT NULL AND unit_id IS NOT NULL)),
      CHECK (kind = 'staff' OR mobile IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX accounts_unit_idx ON accounts (unit_id, id) WHERE kind = 'staff'`.execute(db);

  // Sessions live in the database so any app process can serve any request.
  // id is the SHA-256 of the cookie value: a leaked table does not leak sessions.
  await sql`
    CREATE TABLE sessions (
      id           text PRIMARY KEY,
      account_id   bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      csrf_token   text NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL,
      ip           text,
      user_agent   text
    )`.execute(db);
  await sql`CREATE INDEX sessions_account_idx ON sessions (account_id)`.execute(db);
  await sql`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`.execute(db);

  await sql`
    CREATE TABLE sms_codes (
      id          bigserial PRIMARY KEY,
      mobile      text NOT NULL,
      purpose     text NOT NULL,
      code_hash   text NOT NULL,
      attempts    integer NOT NULL DEFAULT 0,
      created_at  timestamptz NOT NULL DEFAULT now(),
      expires_at  timestamptz NOT NULL,
      consumed_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX sms_codes_mobile_idx ON sms_codes (mobile, purpose, created_at DESC)`.execute(db);

  // Outbox of the SMS port: the development transport stops here; a provider
  // transport would deliver and mark rows sent.
  await sql`
    CREATE TABLE sms_outbox (
      id         bigserial PRIMARY KEY,
      mobile     text NOT NULL,
      body       text NOT NULL,
      status     text NOT NULL DEFAULT 'pending',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX sms_outbox_mobile_idx ON sms_outbox (mobile, id DESC)`.execute(db);

  // Fixed-window counters shared by all app processes (login, SMS, submissions).
  await sql`
    CREATE TABLE rate_limits (
      key          text NOT NULL,
      window_start timestamptz NOT NULL,
      hits         integer NOT NULL,
      PRIMARY KEY (key, window_start)
    )`.execute(db);

  await sql`
    CREATE TABLE audit_log (
      id          bigserial PRIMARY KEY,
      at          timestamptz NOT NULL DEFAULT now(),
      actor_id    bigint REFERENCES accounts(id),
      action      text NOT NULL,
      target_type text NOT NULL,
      target_id   text,
      details     jsonb NOT NULL DEFAULT '{}',
      ip          text
    )`.execute(db);
  await sql`CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC)`.execute(db);
  // Append-only, enforced by the database rather than by convention.
  await sql`
    CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'rate_limits', 'sms_outbox', 'sms_codes', 'sessions', 'accounts', 'boards', 'units', 'regions']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS audit_log_is_append_only`.execute(db);
}
