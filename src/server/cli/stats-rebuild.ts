/** `npm run stats:rebuild`: counts every message into the statistics rollups again (after a bulk load or to repair). */
import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { rebuildStats } from '../modules/stats/stats.fold.js';
import { openDatabase } from '../runtime.js';
import { sql } from 'kysely';

const config = loadConfig();
const database = await openDatabase(config, console.log);
try {
  await migrateToLatest(database.db);
  const started = Date.now();
  const n = await rebuildStats(database.db, console.log);
  await sql`VACUUM (ANALYZE) stat_facts, stat_cells, stat_terms`.execute(database.db);
  console.log(`stats: ${n.toLocaleString('en')} messages counted in ${Math.round((Date.now() - started) / 1000)} s`);
} finally {
  await database.close();
}
