/**
 * Takes a backup of a running platform: every table of its schema read in one snapshot
 * (a REPEATABLE READ READ ONLY transaction), as COPY text, into one gzip file
 * (backup.format.ts). Writers are never blocked: the snapshot is MVCC, and the only
 * lock is ACCESS SHARE, which waits for nothing but a migration's DDL.
 * Why a logical copy of our own and not pg_dump: docs/decisions/0013-backup-and-restore.md.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync, type Gzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import {
  BACKED_UP_SCHEMAS,
  END_LINE,
  END_OF_TABLE,
  FORMAT_VERSION,
  LEFT_OUT,
  MAGIC,
  RowDigest,
  SCHEMAS_LEFT_OUT,
  STABLE_TEXT_SETTINGS,
  copyOutSql,
  quoteQualified,
  type BackupHeader,
  type SequenceEntry,
  type TableEntry,
} from './backup.format.js';
import { appliedMigrations, listSequences, listTables, readSequence, serverDescription, type TableShape } from './backup.repository.js';

export interface BackupResult {
  header: BackupHeader;
  file: string;
  /** Size of the file on disk (compressed). */
  bytes: number;
}

/** A snapshot of a table list, so a table created between listing and locking is noticed. */
const sameTables = (a: TableShape[], b: TableShape[]) => JSON.stringify(a) === JSON.stringify(b);
const LOCK_ATTEMPTS = 3;

/** Opens a client whose COPY text is the same on every server (backup.format.ts). */
export async function connectForCopy(url: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  // A connection lost mid-backup fails the query in flight; without a listener it would end the process.
  client.on('error', () => {});
  await client.connect();
  for (const statement of STABLE_TEXT_SETTINGS) await client.query(statement);
  return client;
}

/** Reads one table as COPY text into `sink`, digesting each row on the way. */
export async function copyTableOut(client: pg.ClientBase, table: string, columns: readonly string[], sink?: (chunk: Buffer) => Promise<void>): Promise<RowDigest> {
  const digest = new RowDigest();
  const stream = client.query(copyTo(copyOutSql(table, columns)));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    digest.write(chunk);
    if (sink) await sink(chunk);
  }
  digest.end();
  return digest;
}

/**
 * Starts the snapshot and locks the tables it will read (ACCESS SHARE: a migration's DDL waits
 * until the backup ends, a write does not). The list is read again inside the snapshot; if a
 * table appeared or changed meanwhile, the attempt starts over.
 * @throws when the tables keep changing (a migration running) after LOCK_ATTEMPTS tries.
 */
async function beginSnapshot(client: pg.Client): Promise<{ tables: TableShape[]; snapshotAt: string }> {
  for (let attempt = 1; ; attempt++) {
    const before = await listTables(client, BACKED_UP_SCHEMAS);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // LOCK takes no snapshot; the first query after it does, so every lock is held before the snapshot begins.
    if (before.length > 0) await client.query(`LOCK TABLE ${before.map((t) => quoteQualified(t.name)).join(', ')} IN ACCESS SHARE MODE`);
    const { rows } = await client.query<{ at: Date }>('SELECT clock_timestamp() AS at');
    const inside = await listTables(client, BACKED_UP_SCHEMAS);
    if (sameTables(before, inside)) return { tables: inside, snapshotAt: rows[0]!.at.toISOString() };
    await client.query('ROLLBACK');
    if (attempt >= LOCK_ATTEMPTS) throw new Error('the tables kept changing while the backup started (is a migration running?); try again');
  }
}

/**
 * Writes a backup of the database at `url` to `file` (replaced only when complete: a crash
 * leaves the previous backup as it was).
 * @throws on any database or file error, leaving no partial file under `file`.
 */
export async function takeBackup(url: string, file: string, options: { log?: (msg: string) => void; level?: number } = {}): Promise<BackupResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const dataFile = `${file}.partial-data`;
  const partFile = `${file}.partial`;
  const client = await connectForCopy(url, 'minsheng-backup');
  let gzip: Gzip | null = null;
  try {
    const { version, database } = await serverDescription(client);
    const { tables, snapshotAt } = await beginSnapshot(client);
    const migrations = await appliedMigrations(client);
    if (migrations.length === 0) throw new Error(`the database ${database} has no applied migrations: it is not a Minsheng database`);
    log(`backing up ${database} (${version}) at migration ${migrations.at(-1)}; snapshot taken at ${snapshotAt}`);

    // The data first, into a file of its own: its counts and checksums go into the header in front of it.
    const compress = (gzip = createGzip({ level: options.level ?? 6 }));
    const written = pipeline(compress, createWriteStream(dataFile));
    written.catch(() => {}); // awaited below; a disk error meanwhile must not go unhandled
    const write = async (chunk: Buffer | string) => {
      if (!compress.write(chunk)) await once(compress, 'drain');
    };
    const entries: TableEntry[] = [];
    let dataBytes = 0;
    for (const table of tables) {
      if (LEFT_OUT[table.name]) continue;
      const tableStarted = Date.now();
      await write(`${JSON.stringify({ table: table.name })}\n`);
      const digest = await copyTableOut(client, table.name, table.columns, async (chunk) => {
        dataBytes += chunk.length;
        await write(chunk);
      });
      await write(`${END_OF_TABLE}\n`);
      entries.push({ name: table.name, columns: table.columns, rows: digest.rows, checksum: digest.checksum });
      if (Date.now() - tableStarted > 1000) log(`  ${table.name}: ${digest.rows} rows in ${((Date.now() - tableStarted) / 1000).toFixed(1)} s`);
    }
    const sequences: SequenceEntry[] = [];
    for (const name of await listSequences(client, BACKED_UP_SCHEMAS)) sequences.push({ name, ...(await readSequence(client, name)) });
    await client.query('COMMIT');
    await write(`${END_LINE}\n`);
    compress.end();
    await written;

    const header: BackupHeader = {
      format: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      snapshotAt,
      server: version,
      database,
      migrations,
      tables: entries,
      sequences,
      leftOut: { ...LEFT_OUT, ...Object.fromEntries(Object.entries(SCHEMAS_LEFT_OUT).map(([schema, why]) => [`${schema}.*`, why])) },
      dataBytes,
      tookMs: Date.now() - started,
    };
    // Header member, then the data's gzip member appended byte for byte; fsync, then rename into place.
    await writeFile(partFile, gzipSync(`${MAGIC} ${FORMAT_VERSION} ${JSON.stringify(header)}\n`));
    await pipeline(createReadStream(dataFile), createWriteStream(partFile, { flags: 'a' }));
    const synced = await open(partFile, 'r+');
    try {
      await synced.sync();
    } finally {
      await synced.close();
    }
    await rename(partFile, file);
    const bytes = (await stat(file)).size;
    const rows = entries.reduce((n, t) => n + t.rows, 0);
    log(`backup written to ${file}: ${entries.length} tables, ${rows} rows, ${(bytes / 2 ** 20).toFixed(1)} MB (${(dataBytes / 2 ** 20).toFixed(1)} MB of data) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { header, file, bytes };
  } catch (error) {
    gzip?.destroy();
    await client.query('ROLLBACK').catch(() => {});
    await rm(partFile, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
    await rm(dataFile, { force: true });
  }
}
