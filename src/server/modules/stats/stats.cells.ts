/**
 * Which rollup cells a fact is counted in. A cell is a period (a day or a
 * month) × a region × one cut (dim = value; 'all' for the region's total).
 *
 * Kept (CELLS below), because they are what dashboards and rankings read over any window:
 *   country, provinces:  total and every public cut, by day and by month
 *   cities:              total and level by day and month, the other cuts by month
 *   counties:            total and level by month
 *   boards:              country-wide (a board is its own region); units country-wide and per province, by month
 * A window's edge days that only month cells cover are read from the facts of that one region
 * (a few thousand rows), see stats.source.ts.
 */
import { NATIONAL_REGION } from '../regions/region-names.js';
import type { StatFact } from './stats.facts.js';

export type Grain = 'd' | 'm';

export interface CellKey {
  grain: Grain;
  period: string;
  regionCode: string;
  regionLevel: RegionLevel;
  parentCode: string | null;
  dim: string;
  value: string;
}

export const TOTAL_DIM = 'all';

type CellDim = typeof TOTAL_DIM | 'level' | 'field' | 'type' | 'channel' | 'class' | 'board' | 'unit';
export type RegionLevel = 'national' | 'province' | 'city' | 'county';

/**
 * What the cells hold, per region level and cut: 'dm' by day and by month, 'm' by month only
 * (the days at a window's edges then come from the facts of that one region, board or unit).
 * Boards by day only for the country's and the provinces' leaders and the ministries (see cellKeysOf).
 */
export const CELLS: Record<RegionLevel, Partial<Record<CellDim, 'dm' | 'm'>>> = {
  national: { all: 'dm', level: 'dm', field: 'dm', type: 'dm', channel: 'dm', class: 'dm', board: 'dm', unit: 'm' },
  province: { all: 'dm', level: 'dm', field: 'dm', type: 'dm', channel: 'dm', class: 'dm', unit: 'm' },
  city: { all: 'dm', level: 'dm', field: 'm', type: 'm', channel: 'm', class: 'm' },
  county: { all: 'm', level: 'm' },
};

export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function dimValue(f: StatFact, dim: CellDim): string | null {
  switch (dim) {
    case 'all':
      return '';
    case 'level':
      return f.boardLevel;
    case 'field':
      return f.fieldCode;
    case 'type':
      return f.type;
    case 'channel':
      return f.channel;
    case 'class':
      return f.handlingClass;
    case 'board':
      return f.boardId;
    case 'unit':
      return f.unitId;
  }
}

export function cellKeysOf(f: StatFact): CellKey[] {
  const regions: Array<Pick<CellKey, 'regionCode' | 'regionLevel' | 'parentCode'>> = [{ regionCode: NATIONAL_REGION, regionLevel: 'national', parentCode: null }];
  if (f.provinceCode) {
    regions.push({ regionCode: f.provinceCode, regionLevel: 'province', parentCode: NATIONAL_REGION });
    if (f.cityCode) regions.push({ regionCode: f.cityCode, regionLevel: 'city', parentCode: f.provinceCode });
    if (f.countyCode) regions.push({ regionCode: f.countyCode, regionLevel: 'county', parentCode: f.cityCode ?? f.provinceCode });
  }
  const keys: CellKey[] = [];
  for (const region of regions) {
    for (const [dim, grains] of Object.entries(CELLS[region.regionLevel]) as Array<[CellDim, 'dm' | 'm']>) {
      const value = dimValue(f, dim);
      if (value === null) continue;
      // Day cells of boards only where a board has many messages a day: ministries and provincial leaders.
      const byDay = grains === 'dm' && (dim !== 'board' || f.boardLevel === 'national' || f.boardLevel === 'province');
      if (byDay) keys.push({ grain: 'd', period: f.day, ...region, dim, value });
      keys.push({ grain: 'm', period: monthOf(f.day), ...region, dim, value });
    }
  }
  return keys;
}

export interface TermKey {
  grain: Grain;
  period: string;
  regionCode: string;
  term: string;
}

/** Hot-topic terms: the country by day and month, provinces by month. */
export function termKeysOf(f: StatFact): TermKey[] {
  const keys: TermKey[] = [];
  // Topics of what was received: a rejected or withdrawn message is no topic.
  if (f.measures.received !== 1) return keys;
  for (const term of f.terms) {
    keys.push({ grain: 'd', period: f.day, regionCode: NATIONAL_REGION, term });
    keys.push({ grain: 'm', period: monthOf(f.day), regionCode: NATIONAL_REGION, term });
    if (f.provinceCode) keys.push({ grain: 'm', period: monthOf(f.day), regionCode: f.provinceCode, term });
  }
  return keys;
}
