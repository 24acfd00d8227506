import { useSearchParams } from 'react-router-dom';
import { RANKING_METRICS, type RankingMetric } from '../../../../shared/stats';
import { beijingToday, isDay, presetPeriod, type Period } from './periods';

/** The whole country. */
export const NATIONAL = '000000';

type Changes = Record<string, string | null>;

export interface StatsParams {
  region: string;
  period: Period;
  metric: RankingMetric;
  /** The query string with some parameters changed, e.g. for a drill-down link. */
  searchWith(changes: Changes): string;
  setRegion(code: string): void;
  setPeriod(period: Period): void;
  setMetric(metric: RankingMetric): void;
}

/**
 * What a statistics page shows, kept in the URL (?region=&from=&to=&metric=) so that a
 * drill-down can be shared and the back button climbs back up. Defaults leave the URL bare:
 * `defaultRegion` (the whole country; staff pages: the account's own region), this year so far, 留言量.
 */
export function useStatsParams(defaultMetric: RankingMetric = 'received', defaultRegion: string = NATIONAL): StatsParams {
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const from = params.get('from');
  const to = params.get('to');
  const metric = params.get('metric') ?? '';

  const searchWith = (changes: Changes) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const text = next.toString();
    return text ? `?${text}` : '';
  };
  // A new region or window is a new page to go back from; another colour on the map is not.
  const update = (changes: Changes, replace = false) => setParams(new URLSearchParams(searchWith(changes)), { replace });

  return {
    region: /^\d{6}$/.test(region) ? region : defaultRegion,
    period: isDay(from) && isDay(to) && from <= to ? { from, to } : presetPeriod('year', beijingToday()),
    metric: (RANKING_METRICS as readonly string[]).includes(metric) ? (metric as RankingMetric) : defaultMetric,
    searchWith,
    setRegion: (code) => update({ region: code === defaultRegion ? null : code }),
    setPeriod: (period) => update({ from: period.from, to: period.to }),
    setMetric: (next) => update({ metric: next === defaultMetric ? null : next }, true),
  };
}
