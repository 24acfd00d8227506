/** `npm run seed`: migrates, then adds reference data (and demo data in demo mode). */
import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../runtime.js';
import { seedDatabase } from '../seed/seed.js';

const config = loadConfig();
const database = await openDatabase(config, console.log);
try {
  await migrateToLatest(database.db);
  await seedDatabase(database.db, config, console.log);
  console.log('seed complete');
} finally {
  await database.close();
}
