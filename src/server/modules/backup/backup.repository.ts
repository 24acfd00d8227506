/**
 * What a backup and a restore read from PostgreSQL's catalogs. Nothing here knows the platform's
 * tables: a backup made by this code must also read a database an older release left (the
 * upgrade test backs up a database of an earlier commit), so the schema is discovered, not imported.
 */
import type pg from 'pg';
import { quoteQualified } from './backup.format.js';

export interface TableShape {
  /** schema.table */
  name: string;
  /** Columns that hold data (generated columns are computed, dropped ones are gone), in order. */
  columns: string[];
}

/** Ordinary and partitioned tables of the schemas (a partitioned table is read through its parent), by name. */
export async function listTables(client: pg.ClientBase, schemas: readonly string[]): Promise<TableShape[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT n.nspname || '.' || c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      GROUP BY 1 ORDER BY 1`,
    [schemas],
  );
  return rows;
}

export async function listSequences(client: pg.ClientBase, schemas: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind = 'S'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      ORDER BY 1`,
    [schemas],
  );
  return rows.map((r) => r.name);
}

/**
 * A sequence's position. Sequences are outside transactions, so inside the snapshot this reads
 * the value now, never less than at the snapshot: a restored sequence may skip numbers, never repeat one.
 */
export async function readSequence(client: pg.ClientBase, name: string): Promise<{ lastValue: string; isCalled: boolean }> {
  const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${quoteQualified(name)}`);
  return { lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called };
}

export async function setSequence(client: pg.ClientBase, name: string, lastValue: string, isCalled: boolean): Promise<void> {
  await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [quoteQualified(name), lastValue, isCalled]);
}

/** The migrations recorded as applied (Kysely's table), in order; empty when there is none. */
export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const found = await client.query<{ t: string | null }>(`SELECT to_regclass('public.kysely_migration')::text AS t`);
  if (found.rows[0]!.t === null) return [];
  const { rows } = await client.query<{ name: string }>('SELECT name FROM public.kysely_migration ORDER BY name');
  return rows.map((r) => r.name);
}

/** Tables, views and sequences outside PostgreSQL's own schemas: what makes a database not empty. */
export async function userRelations(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
      ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

export async function serverDescription(client: pg.ClientBase): Promise<{ version: string; database: string }> {
  const { rows } = await client.query<{ version: string; database: string }>(`SELECT 'PostgreSQL ' || current_setting('server_version') AS version, current_database() AS database`);
  return rows[0]!;
}
