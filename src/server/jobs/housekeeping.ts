/**
 * Daily housekeeping: expired sessions and SMS codes, rate-limit windows long
 * past, and photos uploaded for a message that was never sent. Each step is
 * an idempotent DELETE, so running it twice or in two processes is harmless.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { pruneRateLimits } from '../modules/access/rate-limit.js';
import { pruneOrphanPhotos } from '../modules/photos/photos.repository.js';
import type { JobDefinition } from './jobs.js';

export async function runHousekeeping(db: Database): Promise<{ sessions: number; smsCodes: number; photos: number }> {
  const sessions = await sql`DELETE FROM sessions WHERE expires_at < now()`.execute(db);
  const smsCodes = await sql`DELETE FROM sms_codes WHERE expires_at < now() - interval '1 day'`.execute(db);
  await pruneRateLimits(db);
  const photos = await pruneOrphanPhotos(db);
  return { sessions: Number(sessions.numAffectedRows ?? 0), smsCodes: Number(smsCodes.numAffectedRows ?? 0), photos };
}

export function housekeepingJobs(): JobDefinition[] {
  return [
    {
      name: 'housekeeping',
      // 03:17 Beijing time, away from office hours and from round minutes other schedules like.
      cron: '17 3 * * *',
      onInterval: false,
      async run(ctx) {
        const done = await runHousekeeping(ctx.db);
        if (done.sessions + done.smsCodes + done.photos > 0) ctx.log(`housekeeping: ${done.sessions} expired sessions, ${done.smsCodes} old SMS codes, ${done.photos} abandoned photos removed`);
      },
    },
  ];
}
