/** Folds changed messages into the rollups in the background, so reads rarely have anything left to fold. */
import type { JobDefinition } from '../../jobs/jobs.js';
import { BACKGROUND_FOLD_BATCH, foldPending } from './stats.fold.js';
import { refreshOverdueUnits } from './stats.service.js';

export function statsJobs(): JobDefinition[] {
  return [
    {
      name: 'stats-fold',
      cron: '* * * * *',
      async run({ db, log }) {
        // Another process folding now holds the lock: nothing to do here.
        const n = await foldPending(db, { wait: false, batch: BACKGROUND_FOLD_BATCH });
        if (n > 0) log(`stats: ${n} changed messages counted`);
      },
    },
    {
      name: 'stats-overdue-units',
      cron: '* * * * *',
      async run({ db }) {
        await refreshOverdueUnits(db);
      },
    },
  ];
}
