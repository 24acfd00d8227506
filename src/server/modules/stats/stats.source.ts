/**
 * Sums of measures for a region, a window and at most a few cuts, from the
 * cheapest source that holds them exactly:
 *   cells by month for the whole months of the window + cells by day for the days at its edges
 *   (a month-only cut — board, unit — takes its edge days from the facts of that board or unit);
 *   the facts of the one region otherwise (a county; a city's cuts; two cuts at once).
 * Every path sums the same facts, so they agree (test/integration/stats-recount.test.ts).
 */
import { sql, type RawBuilder } from 'kysely';
import { MEASURES, emptyMeasures, addMeasures, type Measures, type StatDim } from '../../../shared/stats.js';
import type { Executor } from '../../db/database.js';
import { CELLS, TOTAL_DIM } from './stats.cells.js';

export interface RegionInfo {
  code: string;
  name: string;
  level: 'national' | 'province' | 'city' | 'county' | 'township';
  parentCode: string | null;
  path: string;
}

export type Filters = Partial<Record<StatDim, string>>;

/** What to group the sums by: nothing, one cut, the region one level down (or at a level), or the day. */
export type GroupBy =
  | { kind: 'none' }
  | { kind: 'dim'; dim: StatDim }
  | { kind: 'region'; level: 'province' | 'city' | 'county' }
  | { kind: 'day' };

export interface SumRequest {
  region: RegionInfo;
  from: string;
  to: string;
  filters: Filters;
  groupBy: GroupBy;
}

const FACT_DIM_COLUMN: Record<StatDim, string> = {
  level: 'board_level',
  field: 'field_code',
  type: 'type',
  channel: 'channel',
  class: 'handling_class',
  board: 'board_id',
  unit: 'unit_id',
};

const REGION_COLUMN = { province: 'province_code', city: 'city_code', county: 'county_code' } as const;

const sums = sql.raw(MEASURES.map((m) => `sum(${m})::bigint AS ${m}`).join(', '));

interface Row {
  g: string | null;
  [m: string]: unknown;
}

function toMap(rows: Row[]): Map<string, Measures> {
  const out = new Map<string, Measures>();
  for (const row of rows) {
    const key = row.g === null ? '' : String(row.g);
    const m = out.get(key) ?? emptyMeasures();
    for (const measure of MEASURES) m[measure] += Number(row[measure] ?? 0);
    out.set(key, m);
  }
  return out;
}

// ── the window as whole months and edge days ──────────────────────────────

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
function nextMonth(day: string): string {
  const d = new Date(`${monthStart(day)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

export interface WindowParts {
  /** Month starts of the whole months inside the window (first..last, inclusive), or null. */
  months: [string, string] | null;
  /** Day ranges not covered by whole months. */
  days: Array<[string, string]>;
}

export function splitWindow(from: string, to: string): WindowParts {
  const firstWhole = from === monthStart(from) ? from : nextMonth(from);
  const afterLastWhole = monthStart(addDays(to, 1)); // the month after the last whole month
  if (firstWhole >= afterLastWhole) return { months: null, days: [[from, to]] };
  const lastWhole = monthStart(addDays(afterLastWhole, -1));
  const days: Array<[string, string]> = [];
  if (from < firstWhole) days.push([from, addDays(firstWhole, -1)]);
  if (afterLastWhole <= to) days.push([afterLastWhole, to]);
  return { months: [firstWhole, lastWhole], days };
}

function dayRanges(column: string, ranges: Array<[string, string]>): RawBuilder<boolean> {
  if (ranges.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(ranges.map(([a, b]) => sql`${sql.ref(column)} BETWEEN ${a}::date AND ${b}::date`), sql` OR `)})`;
}

// ── planning ───────────────────────────────────────────────────────────────

function usedDims(request: SumRequest): StatDim[] {
  const dims = Object.keys(request.filters) as StatDim[];
  if (request.groupBy.kind === 'dim' && !dims.includes(request.groupBy.dim)) dims.push(request.groupBy.dim);
  return dims;
}

type CellPlan = { monthOnly: boolean; dim: string; value: string | null } | null;

/** The grains the cells hold for a region level and cut; boards count as month-only here (see statsBoards). */
function cellGrains(level: RegionInfo['level'], dim: string): 'dm' | 'm' | undefined {
  if (level === 'township') return undefined;
  const grains = CELLS[level][dim as keyof (typeof CELLS)['national']];
  return dim === 'board' && grains ? 'm' : grains;
}

/** Whether cells hold this request, and which cut of them. */
function cellPlan(request: SumRequest): CellPlan {
  const { region, groupBy } = request;
  const dims = usedDims(request);
  if (dims.length > 1 || groupBy.kind === 'day') return null;
  const dim = dims[0] ?? TOTAL_DIM;
  const value = dims[0] ? (request.filters[dims[0]] ?? null) : null;
  const grains = cellGrains(groupBy.kind === 'region' ? groupBy.level : region.level, dim);
  if (!grains) return null;
  return { monthOnly: grains === 'm', dim, value };
}

export async function sumMeasures(db: Executor, request: SumRequest): Promise<Map<string, Measures>> {
  const plan = cellPlan(request);
  if (!plan) return sumFromFacts(db, request, [[request.from, request.to]]);
  const parts = splitWindow(request.from, request.to);
  if (!plan.monthOnly) return sumFromCells(db, request, plan, parts.months, parts.days);
  const [fromCells, fromFacts] = await Promise.all([
    parts.months ? sumFromCells(db, request, plan, parts.months, []) : Promise.resolve(new Map<string, Measures>()),
    parts.days.length ? sumFromFacts(db, request, parts.days) : Promise.resolve(new Map<string, Measures>()),
  ]);
  for (const [key, m] of fromFacts) fromCells.set(key, addMeasures(fromCells.get(key) ?? emptyMeasures(), m));
  return fromCells;
}

async function sumFromCells(db: Executor, request: SumRequest, plan: NonNullable<CellPlan>, months: [string, string] | null, days: Array<[string, string]>): Promise<Map<string, Measures>> {
  const { region, groupBy } = request;
  let where: RawBuilder<boolean>;
  let group: RawBuilder<unknown>;
  if (groupBy.kind === 'region') {
    where =
      region.level === 'national'
        ? sql<boolean>`region_level = ${groupBy.level}`
        : sql<boolean>`region_level = ${groupBy.level} AND region_code IN (SELECT code FROM regions WHERE level = ${groupBy.level} AND path <@ ${region.path}::ltree)`;
    group = sql`region_code`;
  } else {
    where = sql<boolean>`region_code = ${region.code}`;
    group = groupBy.kind === 'dim' ? sql`value` : sql`NULL::text`;
  }
  const valueFilter = plan.value === null ? sql`` : sql`AND value = ${plan.value}`;
  const periods = sql.join(
    [
      ...(months ? [sql`(grain = 'm' AND period BETWEEN ${months[0]}::date AND ${months[1]}::date)`] : []),
      ...(days.length ? [sql`(grain = 'd' AND ${dayRanges('period', days)})`] : []),
    ],
    sql` OR `,
  );
  const result = await sql<Row>`
    SELECT ${group} AS g, ${sums} FROM stat_cells
     WHERE ${where} AND dim = ${plan.dim} ${valueFilter} AND (${periods})
     GROUP BY 1`.execute(db);
  return toMap(result.rows);
}

function regionCondition(region: RegionInfo): RawBuilder<boolean> {
  if (region.level === 'national') return sql<boolean>`true`;
  if (region.level === 'township') return sql<boolean>`false`; // facts stop at counties
  return sql<boolean>`${sql.ref(REGION_COLUMN[region.level])} = ${region.code}`;
}

async function sumFromFacts(db: Executor, request: SumRequest, ranges: Array<[string, string]>): Promise<Map<string, Measures>> {
  const { groupBy } = request;
  const filters = Object.entries(request.filters).map(([dim, value]) => sql<boolean>`${sql.ref(FACT_DIM_COLUMN[dim as StatDim])}::text = ${value}`);
  let group: RawBuilder<unknown>;
  // A message without a value (no lead unit yet) is in no row of that cut, as in the cells.
  if (groupBy.kind === 'dim') filters.push(sql<boolean>`${sql.ref(FACT_DIM_COLUMN[groupBy.dim])} IS NOT NULL`);
  if (groupBy.kind === 'dim') group = sql`${sql.ref(FACT_DIM_COLUMN[groupBy.dim])}::text`;
  else if (groupBy.kind === 'region') group = sql.ref(REGION_COLUMN[groupBy.level]);
  else if (groupBy.kind === 'day') group = sql`day::text`;
  else group = sql`NULL::text`;
  const result = await sql<Row>`
    SELECT ${group} AS g, ${sums} FROM stat_facts
     WHERE ${regionCondition(request.region)} AND ${dayRanges('day', ranges)}
       ${filters.length ? sql`AND ${sql.join(filters, sql` AND `)}` : sql``}
     GROUP BY 1`.execute(db);
  return toMap(result.rows);
}

/** Sums by day for a time series: cells by day where they exist (every day of the window), else facts. */
export async function sumByDay(db: Executor, request: Omit<SumRequest, 'groupBy'>): Promise<Map<string, Measures>> {
  const asTotal: SumRequest = { ...request, groupBy: { kind: 'none' } };
  const plan = cellPlan(asTotal);
  if (!plan || plan.monthOnly) return sumFromFacts(db, { ...request, groupBy: { kind: 'day' } }, [[request.from, request.to]]);
  const valueFilter = plan.value === null ? sql`` : sql`AND value = ${plan.value}`;
  const result = await sql<Row>`
    SELECT period::text AS g, ${sums} FROM stat_cells
     WHERE grain = 'd' AND region_code = ${request.region.code} AND dim = ${plan.dim} ${valueFilter}
       AND period BETWEEN ${request.from}::date AND ${request.to}::date
     GROUP BY 1`.execute(db);
  return toMap(result.rows);
}

/** Sums by month for a time series over whole months (interval month and longer): month cells where they exist. */
export async function sumByMonth(db: Executor, request: Omit<SumRequest, 'groupBy'>): Promise<Map<string, Measures>> {
  const asTotal: SumRequest = { ...request, groupBy: { kind: 'none' } };
  const plan = cellPlan(asTotal);
  const parts = splitWindow(request.from, request.to);
  const out = new Map<string, Measures>();
  const add = (key: string, m: Measures) => out.set(key, addMeasures(out.get(key) ?? emptyMeasures(), m));
  if (plan && parts.months) {
    const valueFilter = plan.value === null ? sql`` : sql`AND value = ${plan.value}`;
    const result = await sql<Row>`
      SELECT period::text AS g, ${sums} FROM stat_cells
       WHERE grain = 'm' AND region_code = ${request.region.code} AND dim = ${plan.dim} ${valueFilter}
         AND period BETWEEN ${parts.months[0]}::date AND ${parts.months[1]}::date
       GROUP BY 1`.execute(db);
    for (const [key, m] of toMap(result.rows)) add(key, m);
    for (const [a, b] of parts.days) for (const [day, m] of await sumByDay(db, { ...request, from: a, to: b })) add(monthStart(day), m);
    return out;
  }
  for (const [day, m] of await sumByDay(db, request)) add(monthStart(day), m);
  return out;
}

export function totalOf(map: Map<string, Measures>): Measures {
  const total = emptyMeasures();
  for (const m of map.values()) addMeasures(total, m);
  return total;
}

// ── hot-topic terms ────────────────────────────────────────────────────────

/** Term counts of a window: term cells (the country by day and month, provinces by month) and facts for the rest. */
export async function sumTerms(db: Executor, region: RegionInfo, from: string, to: string, limit: number, only?: readonly string[]): Promise<Map<string, number>> {
  const parts = splitWindow(from, to);
  const onlyCells = only ? sql`AND term = ANY(${only as string[]}::text[])` : sql``;
  const onlyFacts = only ? sql`AND t.term = ANY(${only as string[]}::text[])` : sql``;
  const queries: Array<Promise<Array<{ term: string; n: string }>>> = [];
  const fromFacts = (ranges: Array<[string, string]>) =>
    sql<{ term: string; n: string }>`
      SELECT t.term, count(*)::bigint AS n FROM stat_facts f, unnest(f.terms) AS t(term)
       WHERE ${regionCondition(region)} AND ${dayRanges('f.day', ranges)} AND f.received = 1 ${onlyFacts}
       GROUP BY 1`.execute(db).then((r) => r.rows);
  if (region.level === 'national' || region.level === 'province') {
    const periods = sql.join(
      [
        ...(parts.months ? [sql`(grain = 'm' AND period BETWEEN ${parts.months[0]}::date AND ${parts.months[1]}::date)`] : []),
        ...(region.level === 'national' && parts.days.length ? [sql`(grain = 'd' AND ${dayRanges('period', parts.days)})`] : []),
      ],
      sql` OR `,
    );
    if (parts.months || region.level === 'national') {
      queries.push(sql<{ term: string; n: string }>`
        SELECT term, sum(n)::bigint AS n FROM stat_terms WHERE region_code = ${region.code} AND (${periods}) ${onlyCells}
         GROUP BY 1 HAVING sum(n) > 0`.execute(db).then((r) => r.rows));
    }
    if (region.level === 'province' && parts.days.length) queries.push(fromFacts(parts.days));
  } else {
    queries.push(fromFacts([[from, to]]));
  }
  const counts = new Map<string, number>();
  for (const rows of await Promise.all(queries)) for (const row of rows) counts.set(row.term, (counts.get(row.term) ?? 0) + Number(row.n));
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return new Map(sorted.slice(0, limit));
}
