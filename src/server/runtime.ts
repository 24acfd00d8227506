/**
 * Opens the database the configuration names: DATABASE_URL, or the embedded
 * PostgreSQL in DATA_DIR. Shared by the server and the CLI scripts.
 */
import type { Config } from './config.js';
import { createDatabase, type Database } from './db/database.js';
import { startEmbeddedDatabase } from './db/embedded.js';

export interface OpenDatabase {
  db: Database;
  /** The read replica's pool (DATABASE_READ_URL, read-only), or `db` itself when none is configured. */
  readDb: Database;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: (msg: string) => void): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const db = createDatabase(config.databaseUrl);
    // Connections open on first use, so the CLI scripts, which read nothing through it, never touch the replica.
    const readDb = config.databaseReadUrl ? createDatabase(config.databaseReadUrl, undefined, { readOnly: true }) : db;
    return {
      db,
      readDb,
      url: config.databaseUrl,
      embedded: false,
      async close() {
        if (readDb !== db) await readDb.destroy();
        await db.destroy();
      },
    };
  }
  const server = await startEmbeddedDatabase(config.dataDir, config.pgPort, log);
  const db = createDatabase(server.url);
  return {
    db,
    readDb: db,
    url: server.url,
    embedded: true,
    async close() {
      await db.destroy();
      await server.stop();
    },
  };
}
