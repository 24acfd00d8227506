/**
 * Every minute: fold the responses that arrived since a questionnaire's tally
 * into it (once at least FOLD_AT did), so a results request stays small even
 * when nobody looked at the results while thousands of responses came in.
 * Folding twice, or in two processes at once, stores one tally (saveTally).
 */
import type { JobDefinition } from '../../jobs/jobs.js';
import { foldTallies } from './questionnaires.service.js';

export function questionnaireJobs(): JobDefinition[] {
  return [
    {
      name: 'questionnaire-tallies',
      cron: '* * * * *',
      async run(ctx) {
        const folded = await foldTallies(ctx.db);
        if (folded > 0) ctx.log(`questionnaires: ${folded} tallies folded`);
      },
    },
  ];
}
