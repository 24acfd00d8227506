/**
 * The scheduled reports: the weekly digest on Monday 06:00 (Beijing) for the
 * week before, the half-year report on 1 January and 1 July 06:00 for the half
 * before, each for the country and every province. Running a job twice (a
 * retry, a second process) stores nothing new: see generateScheduledReports.
 */
import type { JobDefinition } from '../../jobs/jobs.js';
import type { ReportKind } from '../../../shared/reports.js';
import { generateMissingReports, generateScheduledReports } from './reports.service.js';

/** The catch-up job's name: main.ts asks for it once at start. */
export const REPORTS_CATCH_UP = 'reports-catch-up';

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
      const run = await generateScheduledReports(ctx.db, kind, options.now?.() ?? new Date(), ctx.log, ctx.config.statThresholds);
      if (run.stored > 0) ctx.log(`reports: ${run.stored} ${kind} reports stored, ${run.skipped} already there, ${run.emails} e-mails queued`);
      if (run.emails > 0) await ctx.trigger('outbox-deliver');
    },
  });
  // Catch-up: every finished period without its report (history loaded at first start, a server down
  // on a Monday). Daily, and once at start (main.ts); it finds nothing to do on most runs.
  const catchUp: JobDefinition = {
    name: REPORTS_CATCH_UP,
    cron: '30 6 * * *',
    onInterval: false,
    async run(ctx) {
      const run = await generateMissingReports(ctx.db, options.now?.() ?? new Date(), ctx.log, ctx.config.statThresholds);
      if (run.stored > 0) ctx.log(`reports: caught up ${run.stored} reports of finished periods, ${run.emails} e-mails queued`);
      if (run.emails > 0) await ctx.trigger('outbox-deliver');
    },
  };
  return [job('reports-weekly', '0 6 * * 1', 'weekly'), job('reports-half-year', '0 6 1 1,7 *', 'half_year'), catchUp];
}
