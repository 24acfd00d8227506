import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { ensurePlatformAdmin } from './accounts.seed.js';
import { seedLeaderBoards } from './boards.seed.js';
import { seedDemo } from './demo.seed.js';
import { seedRegions } from './regions.seed.js';

// One number for the advisory lock, so processes starting together seed once.
const SEED_LOCK = 2_026_112_301;

/** Reference data always; demo data in demo mode. Safe to run at every start. */
export async function seedDatabase(db: Database, config: Pick<Config, 'demo' | 'adminLogin' | 'adminPassword'>, log: (msg: string) => void = () => {}): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${SEED_LOCK})`.execute(conn);
    try {
      await conn.transaction().execute(async (tx) => {
        const regions = await seedRegions(tx);
        if (regions > 0) log(`seed: ${regions} regions`);
        const boards = await seedLeaderBoards(tx);
        if (boards > 0) log(`seed: ${boards} leader boards`);
        if (await ensurePlatformAdmin(tx, config.adminLogin, config.adminPassword)) log(`seed: platform admin "${config.adminLogin}"`);
        if (config.demo) await seedDemo(tx, config.adminLogin);
      });
    } finally {
      await sql`SELECT pg_advisory_unlock(${SEED_LOCK})`.execute(conn);
    }
  });
}
