import type { Period } from '../lib/periods';

export type StatsView = 'public' | 'internal';

/** What every statistics read names: the region (GB/T 2260; 000000 the country), the window and the view. */
export interface StatsWindow extends Period {
  region: string;
  view: StatsView;
}

export const statsQueryKey = ['stats'] as const;

// Figures move with every reply; a minute old is fresh enough to read, and saves the server refolds.
export const STATS_STALE_TIME = 60_000;

export function windowQuery(w: StatsWindow) {
  return { region: w.region, from: w.from, to: w.to, view: w.view };
}
