/** `npm run migrate`: brings the configured database's schema up to date. */
import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../runtime.js';

const config = loadConfig();
const database = await openDatabase(config, console.log);
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
} finally {
  await database.close();
}
