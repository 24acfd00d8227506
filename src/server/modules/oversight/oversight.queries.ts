/**
 * Read-only SQL of oversight: the open unanswered messages of a region's boards
 * (清零), the drive's arrivals and first replies by day, and the per-unit counts
 * of a period from the statistics facts and the assignments (季度通报, 年度考核).
 * Each is one statement however many units or messages: no loop of queries.
 */
import { sql, type RawBuilder } from 'kysely';
import { OPEN_STATUSES } from '../../../shared/messages.js';
import { emptyCounts, type UnitCounts, type UnitRef } from '../../../shared/oversight.js';
import type { Executor } from '../../db/database.js';

export interface ScopeRegion {
  code: string;
  name: string;
  level: 'national' | 'province' | 'city' | 'county' | 'township';
  path: string;
}

/** Boards of the region subtree (every board, ministries included, for the country): where the coordinator handles. */
function boardsOf(region: ScopeRegion, alias = 'm'): RawBuilder<boolean> {
  if (region.level === 'national') return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(`${alias}.board_id`)} IN (SELECT b.id FROM boards b JOIN regions r ON r.code = b.region_code WHERE r.path <@ ${region.path}::ltree)`;
}

/** Open (accepted, in handling or reopened) and never answered: what 清零 brings to zero. */
const OPEN_UNREPLIED = sql<boolean>`m.first_reply_at IS NULL AND m.status IN (${sql.join(OPEN_STATUSES.map((s) => sql`${s}`))})`;

/** The unit the coordinator gave the current round to (the top of the chain), as the statistics count it. */
const LEAD = sql`LEFT JOIN LATERAL (
    SELECT a.unit_id FROM assignments a
     WHERE a.message_id = m.id AND a.round = m.round AND a.role = 'lead' AND a.parent_id IS NULL
       AND a.status NOT IN ('returned', 'cancelled')
     ORDER BY a.id DESC LIMIT 1
  ) lead ON true
  LEFT JOIN units u ON u.id = lead.unit_id`;

export interface BandEdges {
  /** The instant each band's receipts start at (null: no lower end), newest band first. */
  starts: Array<Date | null>;
}

function bandColumns(edges: BandEdges): RawBuilder<unknown> {
  // Band i holds receipts in [starts[i], starts[i-1]); the first band has no upper end.
  const cols = edges.starts.map((start, i) => {
    const lower = start === null ? sql`true` : sql`m.created_at >= ${start}`;
    const upper = i === 0 ? sql`true` : sql`m.created_at < ${edges.starts[i - 1]}`;
    return sql`count(*) FILTER (WHERE ${lower} AND ${upper})::int AS ${sql.ref(`b${i}`)}`;
  });
  return sql.join(cols);
}

export interface GroupRow {
  unit_id: string | null;
  unit_name: string | null;
  unit_region: string | null;
  [band: string]: unknown;
}

/** Open unanswered messages of the region's boards by current lead unit (null: not assigned) and age band. */
export async function clearanceGroups(db: Executor, region: ScopeRegion, edges: BandEdges): Promise<GroupRow[]> {
  const result = await sql<GroupRow>`
    SELECT u.id::text AS unit_id, u.name AS unit_name, u.region_code AS unit_region, ${bandColumns(edges)}
      FROM messages m ${LEAD}
     WHERE ${OPEN_UNREPLIED} AND ${boardsOf(region)}
     GROUP BY u.id, u.name, u.region_code`.execute(db);
  return result.rows;
}

export interface ItemFilter {
  /** A unit id, 'none' (not assigned), or undefined (all). */
  unit?: string;
  /** Receipts from (inclusive) / before (exclusive). */
  receivedFrom?: Date | null;
  receivedBefore?: Date | null;
}

function itemConditions(region: ScopeRegion, filter: ItemFilter): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [OPEN_UNREPLIED, boardsOf(region)];
  if (filter.unit === 'none') parts.push(sql<boolean>`lead.unit_id IS NULL`);
  else if (filter.unit !== undefined) parts.push(sql<boolean>`lead.unit_id = ${filter.unit}::bigint`);
  if (filter.receivedFrom) parts.push(sql<boolean>`m.created_at >= ${filter.receivedFrom}`);
  if (filter.receivedBefore) parts.push(sql<boolean>`m.created_at < ${filter.receivedBefore}`);
  return sql<boolean>`${sql.join(parts, sql` AND `)}`;
}

export interface ItemRow {
  id: string;
  number: string;
  title: string;
  status: string;
  created_at: Date;
  supervised_at: Date | null;
  board_id: string;
  board_name: string;
  unit_id: string | null;
  unit_name: string | null;
  unit_region: string | null;
}

/** The messages of a group, oldest first (keyset on id, which follows time). */
export async function clearanceItems(db: Executor, region: ScopeRegion, filter: ItemFilter, after: string | null, limit: number): Promise<ItemRow[]> {
  const result = await sql<ItemRow>`
    SELECT m.id::text AS id, m.number, m.title, m.status, m.created_at, m.supervised_at, m.board_id::text AS board_id, b.name AS board_name,
           u.id::text AS unit_id, u.name AS unit_name, u.region_code AS unit_region
      FROM messages m JOIN boards b ON b.id = m.board_id ${LEAD}
     WHERE ${itemConditions(region, filter)} ${after === null ? sql`` : sql`AND m.id > ${after}::bigint`}
     ORDER BY m.id
     LIMIT ${limit}`.execute(db);
  return result.rows;
}

export interface DriveRow {
  accepted_day: string;
  reply_day: string | null;
  n: number;
}

/**
 * The messages a drive concerns, by Beijing day of acceptance and of first reply: accepted
 * before the drive ends and not answered before it began (two index ranges: the unanswered
 * ones and those first answered since the start).
 */
export async function driveCounts(db: Executor, region: ScopeRegion, start: Date, end: Date): Promise<DriveRow[]> {
  const day = (column: string) => sql`to_char(${sql.ref(column)} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;
  const result = await sql<DriveRow>`
    SELECT accepted_day, reply_day, count(*)::int AS n FROM (
      SELECT ${day('m.accepted_at')} AS accepted_day, NULL::text AS reply_day FROM messages m
       WHERE ${OPEN_UNREPLIED} AND ${boardsOf(region)} AND m.accepted_at IS NOT NULL AND m.accepted_at <= ${end}
      UNION ALL
      SELECT ${day('m.accepted_at')}, ${day('m.first_reply_at')} FROM messages m
       WHERE m.first_reply_at IS NOT NULL AND m.first_reply_at >= ${start} AND ${boardsOf(region)}
         AND m.accepted_at IS NOT NULL AND m.accepted_at <= ${end}
    ) t GROUP BY 1, 2`.execute(db);
  return result.rows;
}

// ── per-unit counts of a period ─────────────────────────────────────────────

/** Units located in the region subtree. */
function unitsOf(region: ScopeRegion): RawBuilder<unknown> {
  if (region.level === 'national') return sql`SELECT id FROM units`;
  return sql`SELECT u.id FROM units u JOIN regions r ON r.code = u.region_code WHERE r.path <@ ${region.path}::ltree`;
}

export interface PeriodCounts {
  unit: UnitRef;
  /** The quarter (1–4) the counts belong to, or 0 for the whole window. */
  quarter: number;
  counts: UnitCounts;
}

/**
 * Each unit's counts over [from, to] (Beijing days), optionally split by quarter: the measures
 * from the statistics facts of the messages received then (the unit as their current lead
 * unit), the signing from the assignments given to the unit then. Units with neither are absent.
 */
export async function unitCounts(db: Executor, region: ScopeRegion, from: string, to: string, byQuarter: boolean, now: Date): Promise<PeriodCounts[]> {
  const factQuarter = byQuarter ? sql`extract(quarter FROM f.day)::int` : sql`0`;
  const assignQuarter = byQuarter ? sql`extract(quarter FROM (a.assigned_at AT TIME ZONE 'Asia/Shanghai'))::int` : sql`0`;
  const result = await sql<{
    unit_id: string; name: string; region_code: string; q: number;
    received: string; replied: string; on_time: string; late: string; rated: string; satisfied: string; reopened: string; sign_due: string; signed_on_time: string;
  }>`
    WITH scope AS (${unitsOf(region)}),
    facts AS (
      SELECT f.unit_id, ${factQuarter} AS q,
             sum(f.received) AS received, sum(f.replied) AS replied, sum(f.on_time) AS on_time, sum(f.late) AS late,
             sum(f.rated) AS rated, sum(f.g_very_satisfied + f.g_satisfied + f.g_basic) AS satisfied, sum(f.reopened) AS reopened
        FROM stat_facts f
       WHERE f.unit_id IN (SELECT id FROM scope) AND f.day BETWEEN ${from}::date AND ${to}::date AND f.received = 1
       GROUP BY 1, 2
    ),
    signing AS (
      SELECT a.unit_id, ${assignQuarter} AS q,
             count(*) FILTER (WHERE a.signed_at IS NOT NULL OR a.sign_due < ${now}) AS sign_due,
             count(*) FILTER (WHERE a.signed_at IS NOT NULL AND a.signed_at <= a.sign_due) AS signed_on_time
        FROM assignments a
       WHERE a.unit_id IN (SELECT id FROM scope)
         AND a.assigned_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
         AND a.assigned_at < ((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
         AND a.status NOT IN ('returned', 'cancelled')
       GROUP BY 1, 2
    )
    SELECT u.id::text AS unit_id, u.name, u.region_code, coalesce(f.q, s.q) AS q,
           coalesce(f.received, 0)::text AS received, coalesce(f.replied, 0)::text AS replied, coalesce(f.on_time, 0)::text AS on_time,
           coalesce(f.late, 0)::text AS late, coalesce(f.rated, 0)::text AS rated, coalesce(f.satisfied, 0)::text AS satisfied,
           coalesce(f.reopened, 0)::text AS reopened, coalesce(s.sign_due, 0)::text AS sign_due, coalesce(s.signed_on_time, 0)::text AS signed_on_time
      FROM facts f FULL JOIN signing s ON s.unit_id = f.unit_id AND s.q = f.q
      JOIN units u ON u.id = coalesce(f.unit_id, s.unit_id)
     ORDER BY u.id, 4`.execute(db);
  return result.rows.map((r) => {
    const counts = emptyCounts();
    counts.received = Number(r.received);
    counts.replied = Number(r.replied);
    counts.onTime = Number(r.on_time);
    counts.late = Number(r.late);
    counts.rated = Number(r.rated);
    counts.satisfied = Number(r.satisfied);
    counts.reopened = Number(r.reopened);
    counts.signDue = Number(r.sign_due);
    counts.signedOnTime = Number(r.signed_on_time);
    return { unit: { id: Number(r.unit_id), name: r.name, regionCode: r.region_code }, quarter: Number(r.q), counts };
  });
}

export async function regionByCode(db: Executor, code: string): Promise<ScopeRegion | undefined> {
  const result = await sql<ScopeRegion>`SELECT code, name, level, path::text AS path FROM regions WHERE code = ${code}`.execute(db);
  return result.rows[0];
}
