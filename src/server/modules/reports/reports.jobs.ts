/**
 * The scheduled reports: the weekly digest on Monday 06:00 (Beijing) for the
 * week before, the half-year report on 1 January and 1 July 06:00 for the half
 * before, each for the country and every province. Running a job twice (a
 * retry, a second process) stores nothing new: see generateScheduledReports.
 */
import type { JobDefinition } from '../../jobs/jobs.js';
import type { ReportKind } from '../../../shared/reports.js';
import { generateScheduledReports } from './reports.service.js';

export interface ReportJobOptions {
  /** The clock; tests pass a fixed time. */
  now?: () => Date;
}

export function reportJobs(options: ReportJobOptions = {}): JobDefinition[] {
  const job = (name: string, cron: string, kind: ReportKind): JobDefinition => ({
    name,
    cron,
    // Once per schedule, never on the short test interval.
    onInterval: false,
    async run(ctx) {
      const run = await generateScheduledReports(ctx.db, kind, options.now?.() ?? new Date(), ctx.log);
      if (run.stored > 0) ctx.log(`reports: ${run.stored} ${kind} reports stored, ${run.skipped} already there, ${run.emails} e-mails queued`);
      if (run.emails > 0) await ctx.trigger('outbox-deliver');
    },
  });
  return [job('reports-weekly', '0 6 * * 1', 'weekly'), job('reports-half-year', '0 6 1 1,7 *', 'half_year')];
}
