import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// Accounts that can be managed and recovered (issue 15):
//   must_change_password — set on a new staff account and by an admin's password reset; while it is
//                          set, the session may only read itself, log out and change the password.
//   password_changed_at  — when the password last changed (reset, forced or own change).
// SMS codes gain purposes (login, reset_password, change_mobile_old/new:<account>) in the existing
// sms_codes.purpose column; nothing to migrate there.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE accounts ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`.execute(db);
  await sql`ALTER TABLE accounts ADD COLUMN password_changed_at timestamptz`.execute(db);
  await sql`CREATE INDEX accounts_staff_unit_idx ON accounts (unit_id, id DESC) WHERE kind = 'staff'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS accounts_staff_unit_idx`.execute(db);
  await sql`ALTER TABLE accounts DROP COLUMN IF EXISTS password_changed_at`.execute(db);
  await sql`ALTER TABLE accounts DROP COLUMN IF EXISTS must_change_password`.execute(db);
}
