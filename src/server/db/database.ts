import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;
/** Repositories accept either, so services decide where transactions begin. */
export type Executor = Kysely<DB> | Transaction<DB>;

// bigint ids come back as strings (exact); counts are cast in SQL where needed.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

/**
 * Put anywhere in a statement's text (`sql\`${prepared} SELECT …\``, or
 * `.modifyEnd(prepared)` on a query builder), it makes each connection parse
 * the statement once and keep it (a named prepared statement) instead of
 * parsing and planning it on every call: on this machine that is half the
 * database's time for a short statement (docs/decisions/0010). Only for
 * statements on hot paths whose plan does not depend on the values: after five
 * calls PostgreSQL may keep one generic plan for all values.
 */
export const prepared = sql.raw('/* prepared */');
const PREPARED_MARK = '/* prepared */';
/** How long a request waits for a connection when none can be opened (the database away) before it fails. */
const CONNECT_TIMEOUT_MS = 5_000;
/** The same for a read replica's pool: shorter, because the primary can serve the read instead (db/read-routing.ts). */
const REPLICA_CONNECT_TIMEOUT_MS = 2_000;
/** Per connection; beyond it statements are parsed each time again (a guard against texts that vary). */
const MAX_PREPARED_PER_CONNECTION = 200;
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `ms_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (statementNames.size < 10_000) statementNames.set(text, name);
  }
  return name;
}

/**
 * A pool whose connections prepare the statements marked `prepared`, and that
 * survives a connection's error, idle or checked out (the database restarting or shutting
 * down while the pool ends): pg drops that connection either way, but an
 * 'error' event nobody listens to would end the process.
 */
function platformPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    // pg-pool listens for a client's errors only while the client is idle. A connection that dies
    // while checked out (the database restarting, pg_terminate_backend, a failover) emits 'error'
    // with no listener, which would end the process; the query in flight fails on its own and the
    // pool drops the connection when it is released, so this listener only has to exist.
    client.on('error', () => {});
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const names = new Set<string>();
    client.query = ((...args: unknown[]) => {
      const [text, values] = args;
      if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && text.includes(PREPARED_MARK)) {
        const name = statementName(text);
        if (names.has(name) || names.size < MAX_PREPARED_PER_CONNECTION) {
          names.add(name);
          return query({ name, text, values });
        }
      }
      return query(...args);
    }) as typeof client.query;
  });
  return pool;
}

/**
 * The platform's database: the main pool, and a second pool of at most two
 * connections, opened on first use, whose statements commit on their own
 * without waiting for the disk (synchronous_commit=off). Only for counters
 * that must not be held through a transaction's commit (docs/decisions/0010).
 */
class PlatformDatabase extends Kysely<DB> {
  readonly #connectionString: string;
  readonly readOnly: boolean;
  #asyncCommit: Kysely<DB> | null = null;

  constructor(connectionString: string, poolSize: number, readOnly: boolean) {
    // min: connections once opened stay open. A new one costs a backend start, authentication and cold
    // caches, tens of milliseconds of CPU here; a burst after a quiet spell would otherwise pay it all at once.
    // connectionTimeoutMillis: with the database away a request waits at most this long for a connection, then fails with 503.
    // readOnly: a read replica's pool. Every transaction is read-only, so a write routed there by mistake fails
    // loudly instead of landing on a server that is not a standby (DATABASE_READ_URL pointed at a primary).
    const pool = readOnly
      ? platformPool({ connectionString, max: poolSize, min: poolSize, application_name: 'minsheng-read', options: '-c default_transaction_read_only=on', connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS })
      : platformPool({ connectionString, max: poolSize, min: poolSize, application_name: 'minsheng', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    super({ dialect: new PostgresDialect({ pool }) });
    this.#connectionString = connectionString;
    this.readOnly = readOnly;
  }

  get asyncCommit(): Kysely<DB> {
    this.#asyncCommit ??= new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: platformPool({ connectionString: this.#connectionString, max: 2, application_name: 'minsheng-async-commit', options: '-c synchronous_commit=off', connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
      }),
    });
    return this.#asyncCommit;
  }

  override async destroy(): Promise<void> {
    await this.#asyncCommit?.destroy();
    await super.destroy();
  }
}

/** Connections per app process to the primary (the main pool; the async-commit pool adds at most two). */
export const DEFAULT_POOL_SIZE = 10;

/** `readOnly`: for a read replica (DATABASE_READ_URL); every transaction on it is read-only. */
export function createDatabase(connectionString: string, poolSize = DEFAULT_POOL_SIZE, options: { readOnly?: boolean } = {}): Database {
  return new PlatformDatabase(connectionString, poolSize, options.readOnly ?? false);
}

/** True for a read replica's pool (createDatabase readOnly): nothing may be written through it. */
export function isReadOnly(db: Database): boolean {
  return db instanceof PlatformDatabase && db.readOnly;
}

/**
 * Statements outside any transaction of `db`, committed without waiting for
 * the WAL flush. Durable in practice: a later synchronous commit flushes the
 * WAL up to itself, so whatever it wrote after reading such a value makes that
 * value durable too. Null for a Kysely instance not made by createDatabase.
 */
export function asyncCommitDb(db: Database): Database | null {
  return db instanceof PlatformDatabase ? db.asyncCommit : null;
}
