/**
 * The backup file (docs/backup.md, docs/decisions/0013): gzip, one header line of JSON,
 * then each table as PostgreSQL's COPY text (one row a line, ended by `\.`), then an end line.
 *
 *   MINSHENG-BACKUP 1 {"createdAt": …, "migrations": […], "tables": [{ "name", "columns", "rows", "checksum" }], …}
 *   {"table":"public.accounts"}
 *   1\tcitizen\t…                       ← COPY text rows
 *   \.
 *   …
 *   {"end":true}
 *
 * The header is its own gzip member in front of the data's (gzip allows several), so the
 * counts and checksums known only after the data was read still come first: `zcat FILE | head -1`
 * tells what a backup holds without reading it all.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export const MAGIC = 'MINSHENG-BACKUP';
export const FORMAT_VERSION = 1;
export const END_OF_TABLE = '\\.';
export const END_LINE = JSON.stringify({ end: true });

/** What the platform keeps: the schema its migrations create. */
export const BACKED_UP_SCHEMAS = ['public'] as const;

/**
 * Tables whose rows are left out on purpose (the tables themselves come back empty, made by the
 * migrations). A restore must not bring back a credential its owner ended after the backup.
 */
export const LEFT_OUT: Readonly<Record<string, string>> = {
  'public.sessions': 'logins: a restore must not revive a session ended (logout, password change) after the backup; everyone logs in again',
  'public.sms_codes': 'one-time SMS codes valid for minutes; reviving a used code would reopen it',
  'public.rate_limits': 'fixed-window counters of the last minutes; restoring them would only restore stale windows',
  'public.kysely_migration': 'the applied migrations are the header\'s "migrations"; a restore re-creates the schema by running them',
  'public.kysely_migration_lock': 'the migrator\'s lock row',
};
/** Not in a backup at all, with the reason (docs/backup.md "What is in a backup"). */
export const SCHEMAS_LEFT_OUT: Readonly<Record<string, string>> = {
  pgboss: 'the job queue (pg-boss) holds no data of its own: every job is a scheduled chore that scans the tables; the first start after a restore re-creates the schema, queues and schedules',
};

export interface TableEntry {
  /** schema.table */
  name: string;
  /** The columns copied, in order (generated columns are computed again on load). */
  columns: string[];
  rows: number;
  /** Order-independent digest of the COPY text rows (RowDigest). */
  checksum: string;
}

export interface SequenceEntry {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface BackupHeader {
  format: typeof FORMAT_VERSION;
  createdAt: string;
  /** When the snapshot was taken: the recovery point. */
  snapshotAt: string;
  server: string;
  database: string;
  /** The migrations applied at the snapshot, in order; the last is the schema the data fits. */
  migrations: string[];
  tables: TableEntry[];
  sequences: SequenceEntry[];
  leftOut: Record<string, string>;
  /** Bytes of COPY text before compression. */
  dataBytes: number;
  /** Milliseconds the snapshot's reading took. */
  tookMs: number;
}

/**
 * Session settings that make COPY text the same on every server and client: the checksum of a
 * table read from the source and from the restored copy must match byte for byte.
 */
export const STABLE_TEXT_SETTINGS = [
  "SET client_encoding = 'UTF8'",
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'postgres'",
  'SET extra_float_digits = 1',
  "SET bytea_output = 'hex'",
  'SET standard_conforming_strings = on',
];

/**
 * Digest of a table's rows that does not depend on their order: the sum (mod 2^128) of each
 * row's SHA-256 prefix. A restored table lies in another physical order than its source; a
 * sum, unlike an XOR, still tells a row twice from a row missing.
 */
export class RowDigest {
  rows = 0;
  #sum = 0n;
  #carry: Buffer[] = [];
  static readonly #MOD = 1n << 128n;

  /** Takes COPY text as it streams: rows may be split across chunks. */
  write(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      if (this.#carry.length > 0) {
        this.#carry.push(piece);
        this.addRow(Buffer.concat(this.#carry));
        this.#carry = [];
      } else {
        this.addRow(piece);
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.#carry.push(Buffer.from(chunk.subarray(start)));
  }

  /** @throws when the stream ended inside a row. */
  end(): void {
    if (this.#carry.length > 0) throw new Error('COPY data ended inside a row');
  }

  addRow(line: Buffer): void {
    const h = createHash('sha256').update(line).digest();
    this.#sum = (this.#sum + ((h.readBigUInt64BE(0) << 64n) | h.readBigUInt64BE(8))) % RowDigest.#MOD;
    this.rows++;
  }

  get checksum(): string {
    return this.#sum.toString(16).padStart(32, '0');
  }
}

/**
 * Splits a byte stream into lines (without the \n). COPY text escapes newlines inside values,
 * so every line is one row; a photo's row can be megabytes, so parts are gathered, not scanned again.
 */
export async function* linesOf(stream: AsyncIterable<Buffer> | Readable): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      if (parts.length > 0) {
        parts.push(piece);
        yield Buffer.concat(parts);
        parts = [];
      } else {
        yield piece;
      }
      start = nl + 1;
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
  }
  if (parts.length > 0) yield Buffer.concat(parts);
}

/** `"schema"."name"` for SQL, from `schema.name`. */
export function quoteQualified(name: string): string {
  const dot = name.indexOf('.');
  return `${quoteIdent(name.slice(0, dot))}.${quoteIdent(name.slice(dot + 1))}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The COPY that reads a table's columns as text; the same for the backup and for verifying a restore. */
export function copyOutSql(table: string, columns: readonly string[]): string {
  return `COPY (SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteQualified(table)}) TO STDOUT`;
}
