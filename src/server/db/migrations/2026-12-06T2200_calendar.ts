import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.
//
// The official working-day calendar as data (issue 13): the holidays and make-up workdays of every
// year, kept by platform admins and seeded from the `chinese-days` package for the years it covers.
//   calendar_days  — the days that differ from a plain week: a holiday (rest day, even on a weekday)
//                    or a make-up working day (调休上班, on a weekend); every other day is a working
//                    day from Monday to Friday.
//   calendar_years — the years whose arrangement has been entered (by the package's seed or by an
//                    admin). A year not listed counts weekends only and its deadlines are provisional.
//   calendar_state — one row: a version bumped by every change, so each process can tell whether
//                    its snapshot of the calendar is current.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE calendar_days (
      day         date PRIMARY KEY,
      kind        text NOT NULL CHECK (kind IN ('holiday','workday')),
      name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
      source      text NOT NULL,
      updated_by  bigint REFERENCES accounts(id),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE calendar_years (
      year        integer PRIMARY KEY CHECK (year BETWEEN 1949 AND 2200),
      source      text NOT NULL,
      notice      text,
      entered_by  bigint REFERENCES accounts(id),
      entered_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE calendar_state (
      id       boolean PRIMARY KEY DEFAULT true CHECK (id),
      version  bigint NOT NULL DEFAULT 1
    )`.execute(db);
  await sql`INSERT INTO calendar_state (id, version) VALUES (true, 1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS calendar_state`.execute(db);
  await sql`DROP TABLE IF EXISTS calendar_years`.execute(db);
  await sql`DROP TABLE IF EXISTS calendar_days`.execute(db);
}
