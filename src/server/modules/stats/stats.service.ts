/**
 * The published figures (docs/metrics.md): summary, rankings, time series,
 * hot topics, the leader list and the units with overdue work. Every read
 * first counts what changed since the last fold, so a figure includes every
 * committed change; the sums come from stats.source.ts.
 *
 * Access is decided by the routes (stats.routes.ts); these functions take a
 * resolved query, so reports can call them too.
 */
import { sql } from 'kysely';
import {
  emptyMeasures,
  figuresOf,
  growthOf,
  heatScores,
  DEFAULT_STAT_THRESHOLDS,
  BOARD_LEVELS,
  type BoardLevel,
  type Interval,
  type Measures,
  type RankingMetric,
  type StatBoards,
  type StatDim,
  type StatFigures,
  type StatHotTopics,
  type StatOverdueUnits,
  type StatRanking,
  type StatRankingItem,
  type StatSummary,
  type StatThresholds,
  type StatTimeseries,
  type StatUnrankedItem,
} from '../../../shared/stats.js';
import { isReadOnly, type Database, type Executor } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import { CURRENT_DUE, OPEN } from '../handling/handling.queries.js';
import { foldPending, hasPending } from './stats.fold.js';
import { labelsOf } from './stats.labels.js';
import { splitWindow, sumByDay, sumByMonth, sumMeasures, sumTerms, totalOf, type Filters, type RegionInfo } from './stats.source.js';
import { bucketsOf, previousPeriod, previousYear } from './stats.windows.js';
import { shanghaiDay } from '../calendar/working-days.js';

export interface StatsQuery {
  region: string;
  from: string;
  to: string;
  view: 'public' | 'internal';
  filters?: Filters;
  /** The minimum volume for a rank and baseline for growth (config); the documented defaults without. */
  thresholds?: StatThresholds;
}

/**
 * Counts what changed since the last fold (waiting for a fold in progress), so a read is exact.
 * Only the primary folds: on a read replica this does nothing, and the route has folded on the
 * primary and waited for the replica to replay that (ReadRouter.statisticsRead).
 * @returns whether there was anything to fold.
 */
export async function freshen(db: Database): Promise<boolean> {
  if (isReadOnly(db) || !(await hasPending(db))) return false;
  await foldPending(db, { wait: true });
  return true;
}

export async function regionInfo(db: Executor, code: string): Promise<RegionInfo> {
  const row = await sql<{ code: string; name: string; level: RegionInfo['level']; parent_code: string | null; path: string }>`
    SELECT code, name, level, parent_code, path::text AS path FROM regions WHERE code = ${code}`.execute(db);
  const region = row.rows[0];
  if (!region) throw new DomainError('region_not_found', { field: 'region' });
  return { code: region.code, name: region.name, level: region.level, parentCode: region.parent_code, path: region.path };
}

const ref = (r: RegionInfo) => ({ code: r.code, name: r.name, level: r.level });

/** Public figures leave out how the work went inside government. */
function publish(figures: StatFigures, view: 'public' | 'internal'): StatFigures {
  if (view === 'internal') return figures;
  return { ...figures, overdue: 0, reopened: 0 };
}

// ── summary ────────────────────────────────────────────────────────────────

export async function statsSummary(db: Database, q: StatsQuery & { cut?: StatDim }): Promise<StatSummary> {
  await freshen(db);
  const region = await regionInfo(db, q.region);
  const filters = q.filters ?? {};
  const byLevel = (from: string, to: string) => sumMeasures(db, { region, from, to, filters, groupBy: { kind: 'dim', dim: 'level' } });
  const lastYear = previousYear(q.from, q.to);
  const before = previousPeriod(q.from, q.to);
  const [levels, yearAgo, periodBefore, cut] = await Promise.all([
    byLevel(q.from, q.to),
    byLevel(lastYear.from, lastYear.to),
    byLevel(before.from, before.to),
    q.cut ? sumMeasures(db, { region, from: q.from, to: q.to, filters, groupBy: { kind: 'dim', dim: q.cut } }) : Promise.resolve(null),
  ]);
  const total = totalOf(levels);
  const figures = figuresOf(total);
  const previousYearFigures = figuresOf(totalOf(yearAgo));
  const previousPeriodFigures = figuresOf(totalOf(periodBefore));
  const minBase = (q.thresholds ?? DEFAULT_STAT_THRESHOLDS).growthMinBase;
  const growths = {
    receivedYoY: growthOf(figures.received, previousYearFigures.received, minBase),
    receivedMoM: growthOf(figures.received, previousPeriodFigures.received, minBase),
    repliedYoY: growthOf(figures.replied, previousYearFigures.replied, minBase),
    repliedMoM: growthOf(figures.replied, previousPeriodFigures.replied, minBase),
  };
  return {
    region: ref(region),
    from: q.from,
    to: q.to,
    view: q.view,
    figures: publish(figures, q.view),
    previousYear: publish(previousYearFigures, q.view),
    previousPeriod: publish(previousPeriodFigures, q.view),
    growth: {
      receivedYoY: growths.receivedYoY.rate,
      receivedMoM: growths.receivedMoM.rate,
      repliedYoY: growths.repliedYoY.rate,
      repliedMoM: growths.repliedMoM.rate,
    },
    growthReasons: {
      receivedYoY: growths.receivedYoY.reason,
      receivedMoM: growths.receivedMoM.reason,
      repliedYoY: growths.repliedYoY.reason,
      repliedMoM: growths.repliedMoM.reason,
    },
    growthMinBase: minBase,
    levels: BOARD_LEVELS.map((level: BoardLevel) => {
      const m = levels.get(level) ?? emptyMeasures();
      return {
        level,
        received: m.received,
        share: total.received > 0 ? m.received / total.received : null,
        replied: m.replied,
        repliedShare: total.replied > 0 ? m.replied / total.replied : null,
        replyRate: m.received > 0 ? m.replied / m.received : null,
      };
    }).filter((l) => l.level !== 'national' || l.received > 0),
    cut: q.cut && cut ? { dim: q.cut, rows: await cutRows(db, q.cut, cut, q.view, q.to) } : null,
  };
}

/** A cut's rows, the largest first; at most CUT_ROWS (a unit cut of the country has tens of thousands). */
export const CUT_ROWS = 200;

/** `asOf`: the window's last day; units are labelled with the name they had then. */
async function cutRows(db: Executor, dim: StatDim, sums: Map<string, Measures>, view: 'public' | 'internal', asOf: string) {
  const top = [...sums.entries()]
    .filter(([, m]) => m.total > 0)
    .sort((a, b) => b[1].received - a[1].received || b[1].total - a[1].total || a[0].localeCompare(b[0]))
    .slice(0, CUT_ROWS);
  const labels = await labelsOf(db, dim, top.map(([value]) => value), asOf);
  return top.map(([value, m]) => ({ value, label: labels.get(value) ?? value, figures: publish(figuresOf(m), view) }));
}

// ── rankings ───────────────────────────────────────────────────────────────

type PeerLevel = 'province' | 'city' | 'county';

/**
 * The peers ranked together. At the city level these are the cities and the county-level units
 * directly under a province (市县: 海南's 琼海, 文昌 …, 湖北's 仙桃, 河南's 济源), as the published
 * reports rank them; without those, a province's messages there would be in no row.
 */
async function peerRegions(db: Executor, region: RegionInfo, peers: PeerLevel): Promise<RegionInfo[]> {
  const level =
    peers === 'city'
      ? sql`(level = 'city' OR (level = 'county' AND parent_code IN (SELECT code FROM regions WHERE level = 'province')))`
      : sql`level = ${peers}`;
  const rows = await sql<{ code: string; name: string; level: RegionInfo['level']; parent_code: string | null; path: string }>`
    SELECT code, name, level, parent_code, path::text AS path FROM regions
     WHERE ${level} AND path <@ ${region.path}::ltree
     ORDER BY sort, code`.execute(db);
  return rows.rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, path: r.path }));
}

/** The level one down: the provinces of the country, the cities of a province (its counties when it has no cities), a city's counties. */
export async function childLevelOf(db: Executor, region: RegionInfo): Promise<PeerLevel> {
  if (region.level === 'national') return 'province';
  if (region.level === 'province') {
    const hasCities = await sql<{ one: number }>`SELECT 1 AS one FROM regions WHERE parent_code = ${region.code} AND level = 'city' LIMIT 1`.execute(db);
    return hasCities.rows.length > 0 ? 'city' : 'county';
  }
  if (region.level === 'city') return 'county';
  throw new DomainError('validation_failed', { field: 'region' });
}

function metricValue(item: StatRankingItem, metric: RankingMetric): number | null {
  return metric === 'heat' ? item.heat.heat : item.figures[metric];
}

export async function statsRankings(db: Database, q: StatsQuery & { peers?: PeerLevel; metric: RankingMetric; order: 'desc' | 'asc'; limit: number }): Promise<StatRanking> {
  await freshen(db);
  const region = await regionInfo(db, q.region);
  const peers = q.peers ?? (await childLevelOf(db, region));
  const levelOrder: Record<string, number> = { national: 0, province: 1, city: 2, county: 3, township: 4 };
  if (levelOrder[peers]! <= levelOrder[region.level]!) throw new DomainError('validation_failed', { field: 'peers' });
  if (peers === 'county' && region.level === 'national') throw new DomainError('validation_failed', { field: 'peers' });
  const regions = await peerRegions(db, region, peers);
  const request = { region, from: q.from, to: q.to, filters: q.filters ?? {} };
  // County-level peers of the city level (市县) are summed as counties; only when there are any.
  const directCounties = peers === 'city' && regions.some((r) => r.level === 'county');
  const [sums, countySums] = await Promise.all([
    sumMeasures(db, { ...request, groupBy: { kind: 'region', level: peers } }),
    directCounties ? sumMeasures(db, { ...request, groupBy: { kind: 'region', level: 'county' } }) : Promise.resolve(new Map<string, Measures>()),
  ]);
  const measuresOf = (r: RegionInfo) => (r.level === 'county' && peers === 'city' ? countySums : sums).get(r.code) ?? emptyMeasures();
  const minReceived = (q.thresholds ?? DEFAULT_STAT_THRESHOLDS).minReceived;
  const all = regions.map((r) => ({ region: r, figures: figuresOf(measuresOf(r)) }));
  // Peers under the minimum are listed apart and kept out of the 总热度 scaling: a 100% reply rate of
  // 3 messages would otherwise set the top of the scale for everyone else.
  const ranked = all.filter((p) => p.figures.received >= minReceived);
  const heat = heatScores(ranked.map((p) => p.figures));
  const items: StatRankingItem[] = ranked.map((p, i) => ({ rank: 0, region: ref(p.region), figures: publish(p.figures, q.view), heat: heat[i]! }));
  const insufficient: StatUnrankedItem[] = all
    .filter((p) => p.figures.received > 0 && p.figures.received < minReceived)
    .sort((a, b) => b.figures.received - a.figures.received || a.region.code.localeCompare(b.region.code))
    .map((p) => ({ region: ref(p.region), figures: publish(p.figures, q.view) }));
  const sign = q.order === 'asc' ? 1 : -1;
  items.sort((a, b) => {
    const va = metricValue(a, q.metric);
    const vb = metricValue(b, q.metric);
    // Regions without the figure (no messages) go last in either order.
    if (va === null || vb === null) return va === vb ? a.region.code.localeCompare(b.region.code) : va === null ? 1 : -1;
    return sign * (va - vb) || a.region.code.localeCompare(b.region.code);
  });
  items.forEach((item, i) => (item.rank = i + 1));
  return {
    region: ref(region),
    peers,
    from: q.from,
    to: q.to,
    metric: q.metric,
    order: q.order,
    items: items.slice(0, q.limit),
    insufficient,
    minReceived,
    zeroReply: all
      .filter((p) => p.figures.received > 0 && p.figures.replied === 0)
      .map((p) => ref(p.region))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

// ── time series ────────────────────────────────────────────────────────────

/**
 * A time series. A point whose period has not ended today (Beijing) is marked `partial`: its messages
 * are still coming in and being answered, so its reply rate is not comparable with finished periods yet.
 */
export async function statsTimeseries(db: Database, q: StatsQuery & { interval: Interval }, now = new Date()): Promise<StatTimeseries> {
  await freshen(db);
  const today = shanghaiDay(now);
  const region = await regionInfo(db, q.region);
  const buckets = bucketsOf(q.from, q.to, q.interval);
  const request = { region, from: q.from, to: q.to, filters: q.filters ?? {} };
  const daily = q.interval === 'day' || q.interval === 'week';
  const sums = daily ? await sumByDay(db, request) : await sumByMonth(db, request);
  const points = buckets.map((b) => ({ ...b, measures: emptyMeasures() }));
  for (const [start, m] of sums) {
    const point = points.find((p) => (daily ? p.from <= start && start <= p.to : p.from.slice(0, 7) <= start.slice(0, 7) && start.slice(0, 7) <= p.to.slice(0, 7)));
    if (point) for (const key of Object.keys(m) as Array<keyof Measures>) point.measures[key] += m[key];
  }
  return {
    region: ref(region),
    interval: q.interval,
    from: q.from,
    to: q.to,
    points: points.map(({ measures, end, ...p }) => ({ ...p, partial: end >= today, figures: publish(figuresOf(measures), q.view) })),
  };
}

// ── hot topics ─────────────────────────────────────────────────────────────

export async function statsHotTopics(db: Database, q: StatsQuery & { limit: number }): Promise<StatHotTopics> {
  await freshen(db);
  const region = await regionInfo(db, q.region);
  const before = previousPeriod(q.from, q.to);
  const [current, fieldsNow, fieldsBefore] = await Promise.all([
    sumTerms(db, region, q.from, q.to, 500),
    sumMeasures(db, { region, from: q.from, to: q.to, filters: {}, groupBy: { kind: 'dim', dim: 'field' } }),
    sumMeasures(db, { region, from: before.from, to: before.to, filters: {}, groupBy: { kind: 'dim', dim: 'field' } }),
  ]);
  const previous = current.size ? await sumTerms(db, region, before.from, before.to, current.size, [...current.keys()]) : new Map<string, number>();
  const received = totalOf(fieldsNow).received;
  const minBase = (q.thresholds ?? DEFAULT_STAT_THRESHOLDS).growthMinBase;
  const terms = [...current.entries()].map(([term, count]) => {
    const was = previous.get(term) ?? 0;
    const g = growthOf(count, was, minBase);
    return { term, count, share: received > 0 ? count / received : null, previous: was, growth: g.rate, growthReason: g.reason };
  });
  // Rising: the largest smoothed ratio now ÷ before among terms with some support (new terms count too).
  const support = Math.max(3, Math.ceil(received * 0.001));
  const rising = terms
    .filter((t) => t.count >= support && t.count > t.previous)
    .sort((a, b) => (b.count + 1) / (b.previous + 1) - (a.count + 1) / (a.previous + 1) || b.count - a.count)
    .slice(0, q.limit);
  const labels = await labelsOf(db, 'field', [...fieldsNow.keys()]);
  const fields = [...fieldsNow.entries()]
    .map(([code, m]) => {
      const was = fieldsBefore.get(code)?.received ?? 0;
      const g = growthOf(m.received, was, minBase);
      return { code, name: labels.get(code) ?? code, count: m.received, share: received > 0 ? m.received / received : null, previous: was, growth: g.rate, growthReason: g.reason };
    })
    .filter((f) => f.count > 0)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return { region: ref(region), from: q.from, to: q.to, received, terms: terms.slice(0, q.limit), rising, fields, growthMinBase: minBase };
}

// ── the leader list ────────────────────────────────────────────────────────

export async function statsBoards(db: Database, q: StatsQuery): Promise<StatBoards> {
  await freshen(db);
  const region = await regionInfo(db, q.region);
  const boards = await sql<{ id: string; name: string; title: string; kind: 'leader' | 'ministry'; region_code: string | null }>`
    SELECT id, name, title, kind, region_code FROM boards
     WHERE ${region.level === 'national' ? sql`region_code IS NULL OR region_code = ${region.code}` : sql`region_code = ${region.code}`}
     ORDER BY sort, id`.execute(db);
  const ids = boards.rows.map((b) => String(b.id));
  const sums = new Map<string, Measures>();
  if (ids.length) {
    // Boards are kept by month, country-wide: whole months from cells, edge days from the boards' facts.
    const parts = splitWindow(q.from, q.to);
    const add = (rows: Array<Record<string, unknown>>) => {
      for (const row of rows) {
        const m = sums.get(String(row.g)) ?? emptyMeasures();
        for (const key of Object.keys(m) as Array<keyof Measures>) m[key] += Number(row[key] ?? 0);
        sums.set(String(row.g), m);
      }
    };
    const measureSums = sql.raw(Object.keys(emptyMeasures()).map((m) => `sum(${m})::bigint AS ${m}`).join(', '));
    if (parts.months) {
      add((await sql<Record<string, unknown>>`
        SELECT value AS g, ${measureSums} FROM stat_cells
         WHERE grain = 'm' AND region_code = '000000' AND dim = 'board' AND value = ANY(${ids}::text[])
           AND period BETWEEN ${parts.months[0]}::date AND ${parts.months[1]}::date GROUP BY 1`.execute(db)).rows);
    }
    // Boards of the country (ministries) and of provinces have day cells (stats.cells.ts); others read their facts.
    const dayCells = region.level === 'national' || region.level === 'province';
    for (const [a, b] of parts.days) {
      add(
        (dayCells
          ? await sql<Record<string, unknown>>`
              SELECT value AS g, ${measureSums} FROM stat_cells
               WHERE grain = 'd' AND region_code = '000000' AND dim = 'board' AND value = ANY(${ids}::text[])
                 AND period BETWEEN ${a}::date AND ${b}::date GROUP BY 1`.execute(db)
          : await sql<Record<string, unknown>>`
              SELECT board_id::text AS g, ${measureSums} FROM stat_facts
               WHERE board_id = ANY(${ids}::bigint[]) AND day BETWEEN ${a}::date AND ${b}::date GROUP BY 1`.execute(db)
        ).rows,
      );
    }
  }
  return {
    region: ref(region),
    from: q.from,
    to: q.to,
    items: boards.rows.map((b) => ({
      board: { id: Number(b.id), name: b.name, title: b.title, kind: b.kind, regionCode: b.region_code },
      figures: publish(figuresOf(sums.get(String(b.id)) ?? emptyMeasures()), q.view),
    })),
  };
}

// ── units with overdue work (now) ──────────────────────────────────────────

const OVERDUE_LOCK = 2_026_112_307;
/** How old the overdue snapshot may be before a read counts again (the job counts every minute). */
export const OVERDUE_MAX_AGE_SECONDS = 60;

/** Counts the open assignments past their current deadline per unit, as of `now`, into stat_overdue_units. */
export async function refreshOverdueUnits(db: Database, now = new Date()): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${OVERDUE_LOCK})`.execute(tx);
    await sql`DELETE FROM stat_overdue_units`.execute(tx);
    await sql`
      INSERT INTO stat_overdue_units (unit_id, region_code, open, overdue)
      SELECT t.unit_id, u.region_code, t.open, t.overdue FROM (
        SELECT a.unit_id, count(*)::int AS open, count(*) FILTER (WHERE ${CURRENT_DUE} < ${now})::int AS overdue
          FROM assignments a WHERE ${OPEN} GROUP BY a.unit_id
      ) t JOIN units u ON u.id = t.unit_id
       WHERE t.overdue > 0`.execute(tx);
    await sql`INSERT INTO stat_snapshots (name, taken_at) VALUES ('overdue_units', ${now})
              ON CONFLICT (name) DO UPDATE SET taken_at = EXCLUDED.taken_at`.execute(tx);
  });
}

export async function overdueUnits(db: Database, q: { region: string; limit: number }, now = new Date()): Promise<StatOverdueUnits> {
  const region = await regionInfo(db, q.region);
  const taken = await sql<{ taken_at: Date }>`SELECT taken_at FROM stat_snapshots WHERE name = 'overdue_units'`.execute(db);
  const at = taken.rows[0]?.taken_at;
  if (!at || at.getTime() > now.getTime() || now.getTime() - at.getTime() > OVERDUE_MAX_AGE_SECONDS * 1000) await refreshOverdueUnits(db, now);
  const inRegion = region.level === 'national' ? sql`true` : sql`o.region_code IN (SELECT code FROM regions WHERE path <@ ${region.path}::ltree)`;
  const rows = await sql<{ id: string; name: string; region_code: string; open: number; overdue: number }>`
    SELECT u.id, u.name, o.region_code, o.open, o.overdue FROM stat_overdue_units o JOIN units u ON u.id = o.unit_id
     WHERE ${inRegion}
     ORDER BY o.overdue DESC, o.open DESC, o.unit_id LIMIT ${q.limit}`.execute(db);
  const asOf = (await sql<{ taken_at: Date }>`SELECT taken_at FROM stat_snapshots WHERE name = 'overdue_units'`.execute(db)).rows[0]?.taken_at ?? now;
  return {
    region: ref(region),
    asOf: asOf.toISOString(),
    items: rows.rows.map((r) => ({ unit: { id: Number(r.id), name: r.name, regionCode: r.region_code }, open: r.open, overdue: r.overdue })),
  };
}
