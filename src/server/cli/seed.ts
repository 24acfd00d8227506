/**
 * `npm run seed`: migrates, then adds reference data; in demo mode also what a demo start
 * loads once: the generated history (DEMO_HISTORY messages) and the demo campaigns.
 */
import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { openDatabase } from '../runtime.js';
import { seedDemoCampaigns } from '../seed/demo-campaigns.js';
import { seedDemoHistory } from '../seed/demo-history.js';
import { seedDatabase } from '../seed/seed.js';

const config = loadConfig();
const database = await openDatabase(config, console.log);
try {
  await migrateToLatest(database.db);
  await seedDatabase(database.db, config, console.log);
  // As src/server/main.ts does at a demo start: `DEMO_HISTORY=20000 npm run seed` builds the demo database without serving it.
  await seedDemoHistory(database.db, config, console.log);
  if (config.demo) await seedDemoCampaigns(database.db, config, console.log);
  console.log('seed complete');
} finally {
  await database.close();
}
