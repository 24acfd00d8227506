/**
 * A message's fact: the keys it is counted under and what it contributes to
 * each measure now (docs/metrics.md). Computed from the message's current
 * state; the rollups are sums of facts, so changing a message is "take the old
 * fact out, put the new one in".
 */
import { sql } from 'kysely';
import { emptyMeasures, type BoardLevel, type Measures } from '../../../shared/stats.js';
import type { Executor } from '../../db/database.js';
import { currentCalendar, shanghaiDay } from '../calendar/working-days.js';
import { topicTermsOf } from './topic-terms.js';

export interface StatFact {
  messageId: string;
  day: string;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  boardId: string;
  boardLevel: BoardLevel;
  fieldCode: string;
  type: string;
  channel: string;
  /** 'none' before the message is assigned. */
  handlingClass: string;
  unitId: string | null;
  terms: string[];
  measures: Measures;
}

/** What a fact is computed from: the message, its board's level, rating, follow-ups and current lead assignment. */
export interface FactSource {
  id: string;
  created_at: Date;
  province_code: string | null;
  city_code: string | null;
  county_code: string | null;
  board_id: string;
  board_region_level: string | null;
  field_code: string;
  type: string;
  channel: string;
  handling_class: string | null;
  status: string;
  title: string;
  first_reply_at: Date | null;
  final_reply_at: Date | null;
  round: number;
  overdue_count: number;
  grade: string | null;
  follow_ups: number;
  lead_unit_id: string | null;
  reply_due: Date | null;
}

export async function loadFactSources(db: Executor, ids: readonly string[]): Promise<FactSource[]> {
  if (ids.length === 0) return [];
  const result = await sql<FactSource>`
    SELECT m.id, m.created_at, m.province_code, m.city_code, m.county_code, m.board_id,
           br.level AS board_region_level, m.field_code, m.type, m.channel, m.handling_class, m.status, m.title,
           m.first_reply_at, m.final_reply_at, m.round, m.overdue_count, r.grade,
           (SELECT count(*)::int FROM message_events e WHERE e.message_id = m.id AND e.kind = 'follow_up') AS follow_ups,
           lead.unit_id AS lead_unit_id, lead.reply_due
      FROM messages m
      JOIN boards b ON b.id = m.board_id
      LEFT JOIN regions br ON br.code = b.region_code
      LEFT JOIN message_ratings r ON r.message_id = m.id
      LEFT JOIN LATERAL (
        -- The unit the coordinator gave the current round to (the top of the chain).
        SELECT a.unit_id, a.reply_due FROM assignments a
         WHERE a.message_id = m.id AND a.round = m.round AND a.role = 'lead' AND a.parent_id IS NULL
           AND a.status NOT IN ('returned', 'cancelled')
         ORDER BY a.id DESC LIMIT 1
      ) lead ON true
     WHERE m.id = ANY(${ids as string[]}::bigint[])`.execute(db);
  return result.rows;
}

export function boardLevelOf(regionLevel: string | null): BoardLevel {
  switch (regionLevel) {
    case null:
    case 'national':
      return 'national';
    case 'province':
    case 'city':
      return regionLevel;
    default:
      return 'county';
  }
}

const GRADE_MEASURE: Record<string, keyof Measures> = {
  very_satisfied: 'g_very_satisfied',
  satisfied: 'g_satisfied',
  basically_satisfied: 'g_basic',
  dissatisfied: 'g_dissatisfied',
  very_dissatisfied: 'g_very_dissatisfied',
};

export function factOf(source: FactSource): StatFact {
  const m = emptyMeasures();
  m.total = 1;
  m.rejected = source.status === 'rejected' ? 1 : 0;
  m.withdrawn = source.status === 'withdrawn' ? 1 : 0;
  m.received = 1 - m.rejected - m.withdrawn;
  if (source.first_reply_at) {
    m.replied = 1;
    m.reply_workdays = workingDaysFromTo(source.created_at, source.first_reply_at);
  }
  if (source.final_reply_at) {
    m.final_replied = 1;
    if (source.reply_due) {
      if (source.final_reply_at.getTime() <= source.reply_due.getTime()) m.on_time = 1;
      else m.late = 1;
    }
  }
  m.closed = source.status === 'closed' ? 1 : 0;
  const gradeMeasure = source.grade ? GRADE_MEASURE[source.grade] : undefined;
  if (gradeMeasure) {
    m.rated = 1;
    m[gradeMeasure] = 1;
  }
  m.follow_ups = source.follow_ups;
  m.reopened = source.round > 0 ? 1 : 0;
  m.overdue = source.overdue_count > 0 ? 1 : 0;
  return {
    messageId: String(source.id),
    day: shanghaiDay(source.created_at),
    provinceCode: source.province_code,
    cityCode: source.city_code,
    countyCode: source.county_code,
    boardId: String(source.board_id),
    boardLevel: boardLevelOf(source.board_region_level),
    fieldCode: source.field_code,
    type: source.type,
    channel: source.channel,
    handlingClass: source.handling_class ?? 'none',
    unitId: source.lead_unit_id === null ? null : String(source.lead_unit_id),
    terms: topicTermsOf(source.title),
    measures: m,
  };
}

// ── working days ───────────────────────────────────────────────────────────
// The working days after the day received up to and including the day replied, on the calendar
// snapshot the fold synced before it started (stats.fold.ts); WorkingCalendar counts in O(1).

export function workingDaysFromTo(from: Date, to: Date): number {
  return currentCalendar().workingDaysBetween(from, to);
}
