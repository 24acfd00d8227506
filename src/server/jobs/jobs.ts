/**
 * Work that must happen later or on a schedule (deadline warnings, auto-close,
 * notification delivery, housekeeping) runs through pg-boss on the platform's
 * own PostgreSQL: it survives restarts, and with several app processes each
 * scheduled run is taken by one of them. Every job is also written so that
 * running it twice changes nothing the second time (conditional updates,
 * unique keys): exactly-once effects do not rest on the queue alone.
 */
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';

export interface JobContext {
  db: Database;
  config: Config;
  log: (msg: string) => void;
  /** Asks for a job to run soon (e.g. deliver the outbox after a commit); a no-op when jobs are off. */
  trigger(name: string): Promise<void>;
}

export interface JobDefinition {
  name: string;
  /** pg-boss cron (minute resolution, Asia/Shanghai). */
  cron: string;
  /** Also run every `everySeconds` when that is set (default true; daily chores say false). */
  onInterval?: boolean;
  run(ctx: JobContext): Promise<void>;
}

export interface RunningJobs {
  trigger(name: string): Promise<void>;
  stop(): Promise<void>;
}

const TZ = 'Asia/Shanghai';
// Held while creating queues; any fixed number the processes of one installation share.
const QUEUE_LOCK = 2_026_112_302;

export interface StartJobsOptions {
  url: string;
  db: Database;
  config: Config;
  log: (msg: string) => void;
  definitions: readonly JobDefinition[];
  /**
   * Besides the cron (one run a minute at most), ask for every job this often.
   * Jobs are singletons per slot, so N processes asking still run each once per slot.
   * Used by tests and small installations that want warnings within seconds.
   */
  everySeconds?: number | null;
}

export async function startJobs(options: StartJobsOptions): Promise<RunningJobs> {
  const { db, config, log, definitions } = options;
  const boss = new PgBoss({ connectionString: options.url, schema: 'pgboss', max: 4, application_name: 'minsheng-jobs', pollingIntervalSeconds: 2 });
  boss.on('error', (error) => log(`jobs: ${error.message}`));
  await boss.start();
  const slot = Math.max(1, options.everySeconds ?? 60);
  const trigger = async (name: string) => {
    // One queued run per slot and name, whoever asks: a burst of triggers is one run.
    await boss.send(name, {}, { singletonKey: name, singletonSeconds: Math.min(slot, 5) });
  };
  const ctx: JobContext = { db, config, log, trigger };
  // pg-boss 10 creates a queue (a row plus a partition table) in one statement that deadlocks
  // against the same statement from another process: two processes starting together on a fresh
  // database lost one of them (test/integration/handling-timers-processes.test.ts). One at a time.
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${QUEUE_LOCK})`.execute(conn);
    try {
      for (const def of definitions) await boss.createQueue(def.name);
    } finally {
      await sql`SELECT pg_advisory_unlock(${QUEUE_LOCK})`.execute(conn);
    }
  });
  for (const def of definitions) {
    await boss.work(def.name, { batchSize: 1 }, async () => {
      await def.run(ctx);
    });
    await boss.schedule(def.name, def.cron, {}, { tz: TZ, singletonKey: def.name });
  }
  let timer: NodeJS.Timeout | null = null;
  if (options.everySeconds) {
    timer = setInterval(() => {
      for (const def of definitions) if (def.onInterval !== false) trigger(def.name).catch((error: Error) => log(`jobs: ${error.message}`));
    }, options.everySeconds * 1000);
    timer.unref();
  }
  return {
    trigger,
    async stop() {
      if (timer) clearInterval(timer);
      // Let a running job finish (it is one transaction at most); pg-boss retries what was cut off.
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
