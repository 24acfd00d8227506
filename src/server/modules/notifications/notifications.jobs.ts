import type { JobDefinition } from '../../jobs/jobs.js';
import type { SmsPort } from '../accounts/sms.js';
import { deliverOutbox } from './outbox.service.js';
import { createEmailTransport, type EmailTransport } from './transports.js';

export interface NotificationJobDeps {
  /** The installation's SMS port (the development one writes to sms_outbox and the log). */
  sms: SmsPort;
  /** Default: SMTP when SMTP_URL is set, else the development transport writing to the job log. */
  email?: EmailTransport;
  /** Rows per batch; a run takes batches until one comes back short (at most 20). */
  batchSize?: number;
}

/** The scheduled work of the notifications module, for startJobs. */
export function notificationJobs(deps: NotificationJobDeps): JobDefinition[] {
  let email = deps.email ?? null;
  const batchSize = deps.batchSize ?? 50;
  return [
    {
      name: 'outbox-deliver',
      cron: '* * * * *',
      async run(ctx) {
        email ??= createEmailTransport(ctx.config, ctx.log);
        for (let batch = 0; batch < 20; batch++) {
          const r = await deliverOutbox(ctx.db, { email, sms: deps.sms }, { limit: batchSize });
          if (r.claimed > 0) ctx.log(`outbox: ${r.sent} sent, ${r.retrying} to retry, ${r.failed} failed`);
          if (r.claimed < batchSize) break;
        }
      },
    },
  ];
}
