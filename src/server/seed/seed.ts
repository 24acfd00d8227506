import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Database, Executor } from '../db/database.js';
import { DEFAULT_SENSITIVE_WORDS } from '../modules/messages/screening-flags.js';
import { ensurePlatformAdmin } from './accounts.seed.js';
import { seedLeaderBoards } from './boards.seed.js';
import { seedDemo } from './demo.seed.js';
import { seedRegions } from './regions.seed.js';
import { seedCalendarFromPackage, syncCalendar } from '../modules/calendar/calendar.service.js';

/** The default list, once: afterwards the list is the admins' to edit, and a re-seed must not undo their deletions. */
async function seedSensitiveWords(db: Executor): Promise<void> {
  const any = await db.selectFrom('sensitive_words').select('word').limit(1).executeTakeFirst();
  if (any) return;
  await db.insertInto('sensitive_words').values(DEFAULT_SENSITIVE_WORDS.map((word) => ({ word }))).onConflict((oc) => oc.doNothing()).execute();
}

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
        await seedSensitiveWords(tx);
        if (config.demo) await seedDemo(tx, config.adminLogin);
      });
      // The working-day calendar's seed: the package's years the table does not have yet.
      const years = await seedCalendarFromPackage(db);
      if (years.length > 0) log(`seed: working-day calendar ${years[0]}–${years[years.length - 1]} from chinese-days`);
      await syncCalendar(db);
    } finally {
      await sql`SELECT pg_advisory_unlock(${SEED_LOCK})`.execute(conn);
    }
  });
}
