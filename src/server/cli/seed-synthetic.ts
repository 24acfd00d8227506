/**
 * `npm run seed:synthetic -- --messages N [--seed S] [--batch B]`: migrates,
 * runs the normal seed, then loads N synthetic messages (see
 * src/server/seed/synthetic/README.md). Running it again adds more.
 *
 * Options: --keep-indexes / --drop-indexes (default: drop and rebuild the
 * secondary indexes of messages and message_events from 200,000 messages on),
 * --no-search (leave messages.search empty), --now ISO-TIME (end of the data
 * set's time span, for a reproducible data set), --span-days D (default 730).
 */
import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { openDatabase } from '../runtime.js';
import { DEMO_PASSWORD } from '../seed/demo-data.js';
import { seedDatabase } from '../seed/seed.js';
import { seedSyntheticMessages } from '../seed/synthetic/synthetic.js';

const USAGE = 'usage: npm run seed:synthetic -- --messages N [--seed S] [--batch B] [--keep-indexes | --drop-indexes] [--no-search] [--now ISO-TIME] [--span-days D]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    messages: { type: 'string' },
    seed: { type: 'string', default: '1' },
    batch: { type: 'string', default: '5000' },
    'keep-indexes': { type: 'boolean', default: false },
    'drop-indexes': { type: 'boolean', default: false },
    'no-search': { type: 'boolean', default: false },
    now: { type: 'string' },
    'span-days': { type: 'string', default: '730' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const messages = Number(values.messages?.replace(/_/g, ''));
if (!Number.isInteger(messages) || messages < 1) fail('--messages must be a positive integer');
const batch = Number(values.batch);
if (!Number.isInteger(batch) || batch < 100 || batch > 50_000) fail('--batch must be an integer 100–50000');
const spanDays = Number(values['span-days']);
if (!Number.isFinite(spanDays) || spanDays < 7) fail('--span-days must be at least 7');
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) fail('--now must be an ISO date-time');
if (values['keep-indexes'] && values['drop-indexes']) fail('--keep-indexes and --drop-indexes exclude each other');

const config = loadConfig();
const database = await openDatabase(config, console.log);
// Ctrl-C stops after the current batch, so dropped indexes are built again before exit.
const abort = new AbortController();
process.once('SIGINT', () => {
  console.log('synthetic: interrupted, finishing the current batch and rebuilding indexes …');
  abort.abort();
});
try {
  await migrateToLatest(database.db);
  await seedDatabase(database.db, config, console.log);
  // One hash for every synthetic citizen: hashing each would take longer than the load.
  // Demo installations get the documented demo password; others an unknown one.
  const password = config.demo ? DEMO_PASSWORD : randomBytes(24).toString('base64url');
  const passwordHash = await hashPassword(password);
  mkdirSync(config.dataDir, { recursive: true });
  const summary = await seedSyntheticMessages(database.db, {
    messages,
    seed: values.seed!,
    batch,
    now,
    spanDays,
    indexes: values['keep-indexes'] ? 'keep' : values['drop-indexes'] ? 'drop' : 'auto',
    indexRecoveryFile: path.join(config.dataDir, 'seed-synthetic-indexes.json'),
    search: !values['no-search'],
    passwordHash,
    signal: abort.signal,
    log: console.log,
  });
  console.log(
    `seed:synthetic complete: ${summary.messages.toLocaleString('en')} messages, ${summary.events.toLocaleString('en')} events, ` +
      `${summary.ratings.toLocaleString('en')} ratings, ${summary.assignments.toLocaleString('en')} assignments, ${summary.authors.toLocaleString('en')} authors in ${summary.seconds.toFixed(1)} s ` +
      `(load ${summary.loadSeconds.toFixed(1)} s = ${Math.round(summary.messages / summary.loadSeconds).toLocaleString('en')} msg/s` +
      `${summary.indexesDropped ? `, index rebuild ${summary.indexSeconds.toFixed(1)} s` : ''})` +
      (config.demo ? `; synthetic citizens log in with their 170… mobile and the demo password` : ''),
  );
} finally {
  await database.close();
}
