/** config → database → migrate → seed → listen; and a clean stop on SIGINT/SIGTERM. */
import { seedDemoHistory } from './seed/demo-history.js';
import { seedDemoCampaigns } from './seed/demo-campaigns.js';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_POOL_SIZE, type Database } from './db/database.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { StartupError } from './db/embedded.js';
import { migrateToLatest } from './db/migrate.js';
import { openDatabase } from './runtime.js';
import { warmUpFold } from './modules/search/text-fold.js';
import { warmUpSegmenter } from './modules/search/segment.js';
import { warmUpTopicTerms } from './modules/stats/topic-terms.js';
import { seedDatabase } from './seed/seed.js';
import { warmUp } from './warm-up.js';
import { startJobs, type RunningJobs } from './jobs/jobs.js';
import { housekeepingJobs } from './jobs/housekeeping.js';
import { handlingJobs } from './modules/handling/handling.timers.js';
import { notificationJobs } from './modules/notifications/notifications.jobs.js';
import { statsJobs } from './modules/stats/stats.jobs.js';
import { REPORTS_CATCH_UP, reportJobs } from './modules/reports/reports.jobs.js';
import { questionnaireJobs } from './modules/questionnaires/questionnaires.jobs.js';
import { CALENDAR_REMINDER, calendarJobs } from './modules/calendar/calendar.jobs.js';
import { createDevSmsTransport } from './modules/accounts/sms.js';

export interface RunningServer {
  app: FastifyInstance;
  db: Database;
  url: string;
  close(): Promise<void>;
}

export async function start(config: Config = loadConfig()): Promise<RunningServer> {
  const started = Date.now();
  const log = (msg: string) => console.log(`[minsheng] ${msg}`);
  const database = await openDatabase(config, log);
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
    await seedDatabase(database.db, config, log);
    await seedDemoHistory(database.db, config, log);
    // Demo campaigns and questionnaires to take part in (issue 6), loaded once.
    if (config.demo) await seedDemoCampaigns(database.db, config, log);
    // Load the Chinese converter and jieba's dictionary now, not in the first citizen's request.
    warmUpFold();
    warmUpSegmenter();
    warmUpTopicTerms();
    const app = await buildApp({ config, db: database.db, readDb: database.readDb, databaseUrl: database.url });
    // The first requests after a start (a crash's retry storm, a rolling restart) meet open connections and warm code.
    const warm = await warmUp(app, database.readDb === database.db ? [database.db] : [database.db, database.readDb], DEFAULT_POOL_SIZE);
    log(`warm-up: ${warm.connections} connections opened, ${warm.requests} requests in ${warm.ms} ms${warm.failed ? ` (${warm.failed} failed)` : ''}`);
    const address = await app.listen({ port: config.port, host: config.host });
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${new URL(address).port}`;
    log(`ready at ${url} in ${Date.now() - started} ms (${database.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : `DATABASE_URL${config.databaseReadUrl ? ', public reads on DATABASE_READ_URL' : ''}`}${config.demo ? ', demo data' : ''})`);
    // Deadline warnings, auto-close and the outbox run through pg-boss in this database (exactly once across processes).
    let jobs: RunningJobs | null = null;
    if (config.jobs) {
      jobs = await startJobs({
        url: database.url,
        db: database.db,
        config,
        log,
        definitions: [...handlingJobs(), ...notificationJobs({ sms: createDevSmsTransport(app.log) }), ...housekeepingJobs(), ...statsJobs(), ...reportJobs(), ...questionnaireJobs(), ...calendarJobs()],
        everySeconds: config.jobIntervalSeconds,
      });
      // Reports of finished periods not made yet (the demo history's, or missed while down), in the background.
      await jobs.trigger(REPORTS_CATCH_UP);
      // Next year's holidays missing from 1 November: the admins hear of it now, not at the next hourly run.
      await jobs.trigger(CALENDAR_REMINDER);
    }
    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        await app.close();
        await jobs?.stop();
        await database.close();
      })());
    return { app, db: database.db, url, close };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** sysexits.h EX_CONFIG: the configuration is wrong; restarting will not help. */
export const EXIT_CONFIG = 78;

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  try {
    const server = await start();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.log(`[minsheng] ${signal}: finishing requests and stopping the database`);
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      });
    }
  } catch (error) {
    // A configuration error will not mend itself by restarting: exit 78 (EX_CONFIG), which the systemd units
    // name in RestartPreventExitStatus, so the supervisor stops and the operator reads why.
    if (error instanceof ConfigError) {
      console.error(`[minsheng] ${error.message}`);
      process.exit(EXIT_CONFIG);
    }
    if (error instanceof StartupError) console.error(`[minsheng] ${error.message}`);
    else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`[minsheng] the HTTP port is in use by another program: stop it or set PORT (${(error as Error).message})`);
    else console.error(error);
    process.exit(1);
  }
}
