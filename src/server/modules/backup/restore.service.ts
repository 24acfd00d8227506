/**
 * Restores a backup (backup.format.ts) into an EMPTY database, in one transaction: the schema
 * made by running the migrations up to the backup's last one, every table loaded with COPY
 * (triggers and foreign-key checks off: the rows are already what they were), every row checked
 * against the header's counts and checksums, the sequences set, then the migrations this code has
 * beyond the backup's (an older release's backup restores into newer code). Anything failing rolls
 * all of it back: the target is left as empty as it was. ANALYZE follows the commit.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { knownMigrations, migrateWithinTransaction } from '../../db/migrate.js';
import { BACKED_UP_SCHEMAS, END_LINE, END_OF_TABLE, FORMAT_VERSION, MAGIC, linesOf, quoteIdent, quoteQualified, type BackupHeader } from './backup.format.js';
import { connectForCopy, copyTableOut } from './backup.service.js';
import { listTables, setSequence, userRelations } from './backup.repository.js';

/** The operator can fix it (another target, another file): printed as a sentence, without a stack trace. */
export class RestoreRefused extends Error {}

export interface RestoreResult {
  header: BackupHeader;
  rows: number;
  /** Migrations run after the load: those this code has beyond the backup's. */
  migratedOn: string[];
  tookMs: number;
}

/**
 * Reads a backup's header (its first line) without reading the data.
 * @throws RestoreRefused when the file is not a backup of a format this code reads.
 */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const stream = createReadStream(file).pipe(createGunzip());
  try {
    for await (const line of linesOf(stream)) return parseHeader(file, line);
    throw new RestoreRefused(`${file} is empty: it is not a Minsheng backup`);
  } catch (error) {
    if (error instanceof RestoreRefused) throw error;
    throw new RestoreRefused(`${file} is not a readable Minsheng backup (${(error as Error).message})`);
  } finally {
    stream.destroy();
  }
}

function parseHeader(file: string, line: Buffer): BackupHeader {
  const text = line.toString('utf8');
  const match = /^(\S+) (\d+) (.*)$/s.exec(text);
  if (!match || match[1] !== MAGIC) throw new RestoreRefused(`${file} is not a Minsheng backup (its first line does not start with ${MAGIC})`);
  if (Number(match[2]) !== FORMAT_VERSION) throw new RestoreRefused(`${file} is a backup of format ${match[2]}; this release reads format ${FORMAT_VERSION}`);
  return JSON.parse(match[3]!) as BackupHeader;
}

/**
 * The backup's migrations must be the first ones this code has, in the same order: then the
 * schema they make is the schema the data was read from.
 * @throws RestoreRefused for a backup of a newer release or of a diverged branch.
 */
async function checkMigrations(header: BackupHeader): Promise<void> {
  const known = await knownMigrations();
  if (header.migrations.length === 0) throw new RestoreRefused('the backup names no migrations: it is not a backup of a Minsheng database');
  const unknown = header.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw new RestoreRefused(`the backup was made by a newer Minsheng (migrations this release does not have: ${unknown.join(', ')}); restore it with that release or a later one`);
  }
  const differs = header.migrations.findIndex((m, i) => known[i] !== m);
  if (differs !== -1) throw new RestoreRefused(`the backup's migrations differ from this release's at ${header.migrations[differs]} (expected ${known[differs]}): it comes from another line of development`);
}

/** A Kysely that runs on the restore's own client, inside the transaction the restore holds. */
function kyselyOn(client: pg.Client): Kysely<any> {
  const lent = Object.assign(client, { release: () => {} });
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: { connect: async () => lent, end: async () => {} } }) });
}

/** @throws RestoreRefused naming what is there when the target holds any table, view or sequence. */
export async function refuseUnlessEmpty(client: pg.ClientBase, target: string): Promise<void> {
  const found = await userRelations(client);
  if (found.length === 0) return;
  throw new RestoreRefused(
    `the target ${target} is not empty: it holds ${found.length} tables, views or sequences (${found.slice(0, 5).join(', ')}${found.length > 5 ? ', …' : ''}). ` +
      'A restore goes only into an empty database or an empty DATA_DIR, so that nothing is overwritten; create a new database (or point DATA_DIR at a new directory) and restore there.',
  );
}

/** Batches of one table's COPY rows, read from the shared line iterator up to the `\.` that ends them. */
async function* sectionOf(lines: AsyncIterator<Buffer>, table: string): AsyncGenerator<Buffer> {
  const NEWLINE = Buffer.from('\n');
  let batch: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await lines.next();
    if (next.done) throw new RestoreRefused(`the backup ends inside the table ${table}: the file is truncated`);
    const line = next.value;
    if (line.length === 2 && line.toString() === END_OF_TABLE) break;
    batch.push(line, NEWLINE);
    size += line.length + 1;
    if (size >= 1 << 18) {
      yield Buffer.concat(batch);
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield Buffer.concat(batch);
}

/**
 * Restores `file` into the empty database at `url`.
 * @throws RestoreRefused when the target is not empty, or the file is not a backup this release can
 *   restore, or the loaded rows differ from the backup's checksums (then nothing was changed);
 *   other errors from the database likewise leave it unchanged.
 */
export async function restoreBackup(url: string, file: string, options: { log?: (msg: string) => void; target?: string } = {}): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const header = await readBackupHeader(file);
  await checkMigrations(header);
  const target = options.target ?? new URL(url).pathname.slice(1);
  const client = await connectForCopy(url, 'minsheng-restore');
  try {
    await refuseUnlessEmpty(client, target);
    log(`restoring a backup of ${header.database} (${header.server}, snapshot ${header.snapshotAt}, migration ${header.migrations.at(-1)}) into ${target}`);
    await client.query('BEGIN');
    const db = kyselyOn(client);
    await migrateWithinTransaction(db, header.migrations.at(-1)!);
    try {
      // Triggers and foreign-key checks off while loading: the rows are a consistent snapshot already,
      // and a trigger would mark or refuse them (statistics marks, append-only events).
      await client.query('SET LOCAL session_replication_role = replica');
    } catch (error) {
      throw new RestoreRefused(
        `the restore needs to load rows with triggers off (session_replication_role), which this database user may not do (${(error as Error).message}). ` +
          'Restore as a superuser, or on PostgreSQL 15+ grant it: GRANT SET ON PARAMETER session_replication_role TO <user>.',
      );
    }
    const made = new Map((await listTables(client, BACKED_UP_SCHEMAS)).map((t) => [t.name, t.columns]));
    for (const table of header.tables) {
      const columns = made.get(table.name);
      const missing = columns ? table.columns.filter((c) => !columns.includes(c)) : ['the table itself'];
      if (missing.length > 0) throw new RestoreRefused(`the backup's ${table.name} has ${missing.join(', ')}, which the migrations up to ${header.migrations.at(-1)} do not make: the source's schema was changed by hand`);
    }
    // Rows a migration wrote (dictionaries, the calendar) come back from the backup as they were there.
    const toEmpty = [...made.keys()].filter((name) => !/^public\.kysely_migration/.test(name));
    if (toEmpty.length > 0) await client.query(`TRUNCATE ${toEmpty.map(quoteQualified).join(', ')}`);

    const stream = createReadStream(file).pipe(createGunzip());
    const lines = linesOf(stream)[Symbol.asyncIterator]();
    let rows = 0;
    try {
      await lines.next(); // the header
      for (;;) {
        const next = await lines.next();
        if (next.done) throw new RestoreRefused(`the backup ${file} is truncated: its end line is missing`);
        const text = next.value.toString('utf8');
        if (text === END_LINE) break;
        const { table } = JSON.parse(text) as { table: string };
        const entry = header.tables.find((t) => t.name === table);
        if (!entry) throw new RestoreRefused(`the backup holds ${table}, which its header does not list: the file is damaged`);
        const tableStarted = Date.now();
        const copy = client.query(copyFrom(`COPY ${quoteQualified(table)} (${entry.columns.map(quoteIdent).join(', ')}) FROM STDIN`));
        await pipeline(Readable.from(sectionOf(lines, table)), copy);
        rows += copy.rowCount;
        if (Date.now() - tableStarted > 1000) log(`  ${table}: ${copy.rowCount} rows in ${((Date.now() - tableStarted) / 1000).toFixed(1)} s`);
      }
    } finally {
      stream.destroy();
    }

    // Read back what was loaded: the same rows, byte for byte, as the source's snapshot.
    const verifyStarted = Date.now();
    for (const table of header.tables) {
      const digest = await copyTableOut(client, table.name, table.columns);
      if (digest.rows !== table.rows || digest.checksum !== table.checksum) {
        throw new RestoreRefused(`${table.name} restored with ${digest.rows} rows (checksum ${digest.checksum}) but the backup holds ${table.rows} (checksum ${table.checksum}); nothing was restored`);
      }
    }
    log(`loaded ${rows} rows into ${header.tables.length} tables; counts and checksums match the backup (checked in ${((Date.now() - verifyStarted) / 1000).toFixed(1)} s)`);
    for (const seq of header.sequences) await setSequence(client, seq.name, seq.lastValue, seq.isCalled);

    // Later migrations run as they would on a live database: with triggers on.
    await client.query('SET LOCAL session_replication_role = origin');
    const migratedOn = await migrateWithinTransaction(db, 'latest');
    if (migratedOn.length > 0) log(`migrated on from the backup's schema: ${migratedOn.join(', ')}`);
    await client.query('COMMIT');
    // Fresh statistics for the planner: a restored database has none.
    await client.query('ANALYZE');
    const tookMs = Date.now() - started;
    log(`restore finished in ${(tookMs / 1000).toFixed(1)} s`);
    return { header, rows, migratedOn, tookMs };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
