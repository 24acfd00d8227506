import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Loads every `YYYY-MM-DDTHHMM_name.ts` file of the migrations folder, in name order. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}-\d{2}-\d{2}T\d{4}_.+\.(ts|js)$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
    }
    return migrations;
  }
}

/**
 * Brings the schema up to date. Kysely takes a lock, so several app processes
 * starting at once migrate exactly once.
 * @throws the first migration error.
 */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of the migrations this code holds, in the order they run. */
export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await new FolderMigrationProvider().getMigrations());
}

/**
 * Brings the schema to the migration `target` (or the latest) inside a transaction the caller
 * holds on a Kysely bound to one connection: a restore creates the schema, loads the data and
 * migrates on as one transaction, so a failure anywhere leaves the target as empty as it was.
 * @throws the first migration error.
 */
export async function migrateWithinTransaction(db: Kysely<any>, target: string | 'latest'): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(), disableTransactions: true });
  const { error, results } = target === 'latest' ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
