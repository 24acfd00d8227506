/**
 * The calendar's reminder: from 1 November, while next year's holidays are not entered, every
 * platform admin is notified (one notification a week, deduplicated, so running hourly and in
 * several processes sends it once).
 */
import type { JobDefinition } from '../../jobs/jobs.js';
import { warnAboutMissingYear } from './calendar.service.js';

export const CALENDAR_REMINDER = 'calendar-reminder';

export function calendarJobs(): JobDefinition[] {
  return [
    {
      name: CALENDAR_REMINDER,
      cron: '5 * * * *',
      onInterval: false,
      async run(ctx) {
        const sent = await warnAboutMissingYear(ctx.db);
        if (sent > 0) ctx.log(`calendar: ${sent} platform admins reminded to enter next year's holidays`);
      },
    },
  ];
}
