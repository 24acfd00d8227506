/**
 * Opens the database the configuration names: DATABASE_URL, or the embedded
 * PostgreSQL in DATA_DIR. Shared by the server and the CLI scripts.
 */
import type { Config } from './config.js';
import { createDatabase, type Database } from './db/database.js';
import { startEmbeddedDatabase } from './db/embedded.js';

export interface OpenDatabase {
  db: Database;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: (msg: string) => void): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const db = createDatabase(config.databaseUrl);
    return { db, url: config.databaseUrl, embedded: false, close: () => db.destroy() };
  }
  const server = await startEmbeddedDatabase(config.dataDir, config.pgPort, log);
  const db = createDatabase(server.url);
  return {
    db,
    url: server.url,
    embedded: true,
    async close() {
      await db.destroy();
      await server.stop();
    },
  };
}
