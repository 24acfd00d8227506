/**
 * For end-to-end tests: the real server on a fresh database cloned from the
 * seeded template, listening on a free port and serving the built web app.
 */
import path from 'node:path';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { DEMO_PASSWORD, testConfig } from './app.js';
import { seedSyntheticMessages } from '../../src/server/seed/synthetic/synthetic.js';
import { hashPassword } from '../../src/server/modules/accounts/passwords.js';

let database: TestDatabase | null = null;

/**
 * @param options.history generated messages over the last two years (the demo history), for pages
 *   that show statistics; their figures are folded into the rollups before the server answers.
 */
export async function startTestServer(options: { history?: number } = {}): Promise<{ url: string; close(): Promise<void> }> {
  database = await createTestDatabase();
  if (options.history) {
    await seedSyntheticMessages(database.db, { messages: options.history, seed: 'e2e', batch: 1000, passwordHash: await hashPassword(DEMO_PASSWORD) });
  }
  const config = testConfig({ WEB_DIR: path.resolve('dist/web') });
  const app = await buildApp({ config, db: database.db, databaseUrl: database.url, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const db = database;
  return {
    url: address,
    async close() {
      await app.close();
      await db.drop();
      database = null;
    },
  };
}

/** The newest SMS verification code sent to a mobile number (read from the SMS outbox). */
export async function latestSmsCode(mobile: string): Promise<string> {
  if (!database) throw new Error('startTestServer() first');
  const row = await database.db.selectFrom('sms_outbox').select('body').where('mobile', '=', mobile).orderBy('id', 'desc').executeTakeFirst();
  const code = row?.body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no SMS code was sent to ${mobile}`);
  return code;
}
