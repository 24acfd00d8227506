import { sql, type Kysely } from 'kysely';

// The unique index on (coalesce(region_code, ''), title) cannot serve "boards of this region":
// a board page read every board row without this one (measured in docs/benchmarks.md).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX boards_region_idx ON boards (region_code, sort, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS boards_region_idx`.execute(db);
}
