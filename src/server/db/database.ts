import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;
/** Repositories accept either, so services decide where transactions begin. */
export type Executor = Kysely<DB> | Transaction<DB>;

// bigint ids come back as strings (exact); counts are cast in SQL where needed.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export function createDatabase(connectionString: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'minsheng' });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
