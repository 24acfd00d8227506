import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// Closing an account (注销, issue 15; 个人信息保护法 art. 47): the citizen's row stays, because
// their public messages, ratings and questionnaire answers keep pointing at it and the published
// figures must not move, but it is de-identified:
//   status 'closed', closed_at set; mobile, e-mail NULL (a NULL is never a duplicate for UNIQUE,
//   so the number is free to register again at once); nickname and display name the anonymous
//   label; the password hash a value no password verifies against; no sessions.
// A citizen had to hold a mobile number; a closed citizen holds none.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE accounts ADD COLUMN closed_at timestamptz`.execute(db);
  // The foundation's CHECKs are unnamed: find them by what they say.
  await sql`
    DO $$
    DECLARE c record;
    BEGIN
      FOR c IN SELECT conname FROM pg_constraint
                WHERE conrelid = 'accounts'::regclass AND contype = 'c'
                  AND (pg_get_constraintdef(oid) LIKE '%status%' OR pg_get_constraintdef(oid) LIKE '%mobile IS NOT NULL%')
      LOOP
        EXECUTE format('ALTER TABLE accounts DROP CONSTRAINT %I', c.conname);
      END LOOP;
    END $$`.execute(db);
  await sql`ALTER TABLE accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('active','disabled','closed'))`.execute(db);
  await sql`ALTER TABLE accounts ADD CONSTRAINT accounts_citizen_mobile_check CHECK (kind = 'staff' OR mobile IS NOT NULL OR status = 'closed')`.execute(db);
  await sql`ALTER TABLE accounts ADD CONSTRAINT accounts_closed_at_check CHECK ((status = 'closed') = (closed_at IS NOT NULL))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_closed_at_check`.execute(db);
  await sql`ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_citizen_mobile_check`.execute(db);
  await sql`ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_status_check`.execute(db);
  await sql`ALTER TABLE accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('active','disabled'))`.execute(db);
  await sql`ALTER TABLE accounts ADD CONSTRAINT accounts_citizen_mobile_check CHECK (kind = 'staff' OR mobile IS NOT NULL)`.execute(db);
  await sql`ALTER TABLE accounts DROP COLUMN IF EXISTS closed_at`.execute(db);
}
