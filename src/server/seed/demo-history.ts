/**
 * Demo history: generated messages over the last two years (the synthetic
 * generator, src/server/seed/synthetic), loaded once on a demo installation so
 * that the board, the dashboards and the reports show a living platform. Not
 * in tests: they count their own messages.
 */
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { AUTHOR_MOBILE_PREFIX, seedSyntheticMessages } from './synthetic/synthetic.js';

const HISTORY_LOCK = 2_026_112_306;

export async function seedDemoHistory(db: Database, config: Pick<Config, 'demo' | 'demoHistory' | 'adminPassword'>, log: (msg: string) => void): Promise<void> {
  if (!config.demo || config.demoHistory <= 0) return;
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${HISTORY_LOCK})`.execute(conn);
    try {
      const loaded = await sql<{ one: number }>`SELECT 1 AS one FROM accounts WHERE mobile LIKE ${`${AUTHOR_MOBILE_PREFIX}%`} LIMIT 1`.execute(conn);
      if (loaded.rows.length > 0) return;
      log(`demo history: generating ${config.demoHistory.toLocaleString('en')} messages over two years (once) …`);
      // The generated citizens log in with the demo password, like the demo accounts.
      await seedSyntheticMessages(db, { messages: config.demoHistory, seed: 'demo', passwordHash: await hashPassword(config.adminPassword), log: () => {} });
      log('demo history: done');
    } finally {
      await sql`SELECT pg_advisory_unlock(${HISTORY_LOCK})`.execute(conn);
    }
  });
}
