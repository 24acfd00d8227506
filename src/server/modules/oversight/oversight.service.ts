/**
 * Oversight (督查), after the 郴州 story: the 清零 drive (every open message
 * answered: what is still open, by unit and age, and the drive's progress), one
 * click to urge a whole group, the quarterly bulletin (季度通报) that names the
 * best and the worst unit, and the year's figures for the annual assessment
 * (年度综合绩效考核). Definitions: docs/metrics.md ("清零", "季度通报").
 *
 * Reading needs `oversight.read` (coordinators, leaders, analysts) in the own
 * region subtree; urging is 催办 and needs `message.supervise` (coordinators),
 * each message through the handling module's own urge.
 */
import {
  AGE_BAND_MAX,
  AGE_BANDS,
  BULLETIN_MIN_VOLUME,
  SCORE_WEIGHTS,
  URGE_GROUP_MAX,
  addCounts,
  ageBandOf,
  emptyCounts,
  quarterDays,
  rankRows,
  ratesOf,
  scoreOf,
  type AgeBand,
  type Assessment,
  type AssessmentRow,
  type Bulletin,
  type BulletinRow,
  type Clearance,
  type ClearanceGroup,
  type ClearanceItem,
  type UnitCounts,
  type UnitRef,
  type UrgeGroupResult,
} from '../../../shared/oversight.js';
import type { Database } from '../../db/database.js';
import { DomainError, ERROR_CATALOG, invalidField } from '../../http/errors.js';
import type { Locale } from '../../../shared/domain.js';
import { authorize, isGlobal } from '../access/access.policy.js';
import type { Actor } from '../access/actor.js';
import type { Action } from '../../../shared/permissions.js';
import { calendarForReading } from '../calendar/calendar.service.js';
import { endOfShanghaiDay, nextDay, shanghaiDay, type WorkingCalendar } from '../calendar/working-days.js';
import { urgeMessage } from '../handling/handling.supervise.js';
import { freshen } from '../stats/stats.service.js';
import { windowOf } from '../stats/stats.windows.js';
import { clearanceGroups, clearanceItems, driveCounts, regionByCode, unitCounts, type ItemFilter, type ItemRow, type ScopeRegion } from './oversight.queries.js';
import { renderAssessmentXlsx, renderBulletinXlsx } from './oversight-xlsx.js';
import { renderBulletinPdf } from './oversight-pdf.js';

/** A drive is at most a year of days (one point a day on the chart). */
const MAX_DRIVE_DAYS = 366;
/** The assessment ranks a unit with at least four quarters' minimum. */
export const ASSESSMENT_MIN_VOLUME = 4 * BULLETIN_MIN_VOLUME;

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const startOfDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`));
const regionRef = (r: ScopeRegion) => ({ code: r.code, name: r.name, level: r.level });

/**
 * The region asked for (the actor's own by default), when the actor may act there.
 * @throws unauthenticated, forbidden (role), region_not_found (422, regionCode), region_out_of_scope (403, regionCode).
 */
async function scopeOf(db: Database, actor: Actor | null, action: Action, regionCode: string | undefined): Promise<ScopeRegion> {
  authorize(actor, action);
  const code = regionCode ?? actor.regionCode ?? '000000';
  const region = await regionByCode(db, code);
  if (!region) throw new DomainError('region_not_found', { field: 'regionCode' });
  if (isGlobal(actor)) return region;
  if (!actor.regionPath || !`${region.path}.`.startsWith(`${actor.regionPath}.`)) throw new DomainError('region_out_of_scope', { field: 'regionCode' });
  return region;
}

// ── age bands ───────────────────────────────────────────────────────────────

/**
 * The first Beijing day of receipt in each band as of `today`: a message's age is the working
 * days after its day of receipt up to and including today (as 平均回复用时 counts them), so the
 * band of a day only depends on the calendar; walking back from today finds each band's edge.
 */
export function bandStartDays(calendar: WorkingCalendar, today: string): Record<AgeBand, string | null> {
  const out = {} as Record<AgeBand, string | null>;
  let day = today;
  let age = 0;
  for (const band of AGE_BANDS) {
    const max = AGE_BAND_MAX[band];
    if (max === null) {
      out[band] = null;
      continue;
    }
    for (;;) {
      const older = addDays(day, -1);
      const olderAge = age + (calendar.isWorkingDay(day) ? 1 : 0);
      if (olderAge > max) break;
      day = older;
      age = olderAge;
    }
    out[band] = day;
  }
  return out;
}

function bandRange(starts: Record<AgeBand, string | null>, band: AgeBand): { receivedFrom: Date | null; receivedBefore: Date | null } {
  const i = AGE_BANDS.indexOf(band);
  const lower = starts[band];
  const upper = i === 0 ? null : starts[AGE_BANDS[i - 1]!];
  return { receivedFrom: lower === null ? null : startOfDay(lower), receivedBefore: upper === null ? null : startOfDay(upper) };
}

const emptyBands = (): Record<AgeBand, number> => Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<AgeBand, number>;

// ── 清零 ────────────────────────────────────────────────────────────────────

export interface ClearanceQuery {
  regionCode?: string;
  from?: string;
  to?: string;
}

/** What is still open and unanswered, by unit and age, and the drive's progress per day. @throws as scopeOf; validation_failed (from/to). */
export async function getClearance(db: Database, actor: Actor | null, q: ClearanceQuery, now = new Date()): Promise<Clearance> {
  const region = await scopeOf(db, actor, 'oversight.read', q.regionCode);
  const today = shanghaiDay(now);
  const drive = driveWindow(q.from, q.to, today);
  const calendar = await calendarForReading(db);
  const starts = bandStartDays(calendar, today);
  const edges = { starts: AGE_BANDS.map((b) => (starts[b] === null ? null : startOfDay(starts[b]!))) };
  const [groupRows, driveRows] = await Promise.all([
    clearanceGroups(db, region, edges),
    driveCounts(db, region, startOfDay(drive.from), endOfShanghaiDay(drive.to)),
  ]);

  const bands = emptyBands();
  const groups: ClearanceGroup[] = groupRows.map((row) => {
    const g: ClearanceGroup = {
      unit: row.unit_id === null ? null : { id: Number(row.unit_id), name: row.unit_name!, regionCode: row.unit_region! },
      bands: emptyBands(),
      total: 0,
    };
    AGE_BANDS.forEach((band, i) => {
      const n = Number(row[`b${i}`] ?? 0);
      g.bands[band] = n;
      g.total += n;
      bands[band] += n;
    });
    return g;
  });
  // Most open first; the unassigned ones (no unit to urge yet) last.
  groups.sort((a, b) => (a.unit === null ? 1 : 0) - (b.unit === null ? 1 : 0) || b.total - a.total || (a.unit?.id ?? 0) - (b.unit?.id ?? 0));

  // The drive: open at its start + accepted since − first answered since = open now.
  let openAtStart = 0;
  const arrivedOn = new Map<string, number>();
  const answeredOn = new Map<string, number>();
  for (const row of driveRows) {
    if (row.accepted_day < drive.from) openAtStart += row.n;
    else arrivedOn.set(row.accepted_day, (arrivedOn.get(row.accepted_day) ?? 0) + row.n);
    if (row.reply_day !== null) answeredOn.set(row.reply_day, (answeredOn.get(row.reply_day) ?? 0) + row.n);
  }
  const days: Clearance['drive']['days'] = [];
  let arrived = 0;
  let answered = 0;
  const lastDay = drive.to < today ? drive.to : today;
  for (let day = drive.from; day <= lastDay; day = nextDay(day)) {
    arrived += arrivedOn.get(day) ?? 0;
    answered += answeredOn.get(day) ?? 0;
    days.push({ day, remaining: openAtStart + arrived - answered, answered, arrived });
  }
  return {
    region: regionRef(region),
    asOf: now.toISOString(),
    today,
    bandStarts: starts,
    total: groups.reduce((s, g) => s + g.total, 0),
    bands,
    groups,
    drive: { from: drive.from, to: drive.to, openAtStart, arrived, answered, remaining: openAtStart + arrived - answered, days },
  };
}

/** The drive's dates: the last 30 days by default. @throws validation_failed naming from or to. */
function driveWindow(from: string | undefined, to: string | undefined, today: string): { from: string; to: string } {
  const end = to ?? today;
  const window = windowOf(from ?? addDays(end, -29), end);
  if (Date.parse(`${window.to}T00:00:00Z`) - Date.parse(`${window.from}T00:00:00Z`) >= MAX_DRIVE_DAYS * DAY_MS) {
    throw invalidField('to', 'drive_too_long', { 'zh-CN': `清零行动的日期范围不能超过${MAX_DRIVE_DAYS}天`, 'zh-TW': `清零行動的日期範圍不能超過${MAX_DRIVE_DAYS}天`, en: `A drive may span at most ${MAX_DRIVE_DAYS} days` });
  }
  return window;
}

export interface GroupSelector {
  regionCode?: string;
  /** A unit's messages (its current lead assignments). */
  unitId?: number;
  /** The messages accepted but not assigned to any unit. */
  unassigned?: boolean;
  ageBand?: AgeBand;
}

async function groupFilter(db: Database, sel: GroupSelector, now: Date): Promise<ItemFilter> {
  const filter: ItemFilter = {};
  if (sel.unitId !== undefined && sel.unassigned) throw invalidField('unassigned', 'conflict', { 'zh-CN': '不能同时选择单位和未交办', 'zh-TW': '不能同時選擇單位和未交辦', en: 'choose a unit or the unassigned messages, not both' });
  if (sel.unitId !== undefined) filter.unit = String(sel.unitId);
  if (sel.unassigned) filter.unit = 'none';
  if (sel.ageBand) {
    const starts = bandStartDays(await calendarForReading(db), shanghaiDay(now));
    Object.assign(filter, bandRange(starts, sel.ageBand));
  }
  return filter;
}

const unitOf = (r: ItemRow): UnitRef | null => (r.unit_id === null ? null : { id: Number(r.unit_id), name: r.unit_name!, regionCode: r.unit_region! });

/** The open unanswered messages of a group, oldest first (keyset pages). @throws as scopeOf; validation_failed. */
export async function listClearanceItems(db: Database, actor: Actor | null, q: GroupSelector & { cursor?: string; limit: number }, now = new Date()): Promise<{ items: ClearanceItem[]; nextCursor: string | null }> {
  const region = await scopeOf(db, actor, 'oversight.read', q.regionCode);
  if (q.cursor !== undefined && !/^[1-9][0-9]{0,17}$/.test(q.cursor)) throw new DomainError('validation_failed', { field: 'cursor' });
  const filter = await groupFilter(db, q, now);
  const rows = await clearanceItems(db, region, filter, q.cursor ?? null, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const calendar = await calendarForReading(db);
  return {
    items: page.map((r) => {
      const age = calendar.workingDaysBetween(new Date(r.created_at), now);
      return {
        id: Number(r.id), number: r.number, title: r.title, status: r.status,
        board: { id: Number(r.board_id), name: r.board_name },
        unit: unitOf(r),
        receivedAt: new Date(r.created_at).toISOString(),
        ageWorkdays: age,
        ageBand: ageBandOf(age),
        supervised: r.supervised_at !== null,
      };
    }),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

/**
 * 催办 for a group: every open unanswered message of a unit and/or an age band (at most
 * URGE_GROUP_MAX, oldest first), each urged by the handling module in its own transaction, so
 * a failure on one (not assigned yet, answered meanwhile) leaves the others urged and is
 * reported with its reason. @throws as scopeOf (message.supervise); validation_failed without a selector.
 */
export async function urgeClearanceGroup(db: Database, actor: Actor | null, input: GroupSelector & { body?: string }, locale: Locale, now = new Date()): Promise<UrgeGroupResult> {
  const region = await scopeOf(db, actor, 'message.supervise', input.regionCode);
  if (input.unitId === undefined && !input.unassigned && input.ageBand === undefined) {
    throw invalidField('unitId', 'required', { 'zh-CN': '请选择要催办的单位或时长分组', 'zh-TW': '請選擇要催辦的單位或時長分組', en: 'choose the unit or the age band to urge' });
  }
  const filter = await groupFilter(db, input, now);
  const rows = await clearanceItems(db, region, filter, null, URGE_GROUP_MAX + 1);
  const batch = rows.slice(0, URGE_GROUP_MAX);
  const items: UrgeGroupResult['items'] = [];
  for (const row of batch) {
    try {
      await urgeMessage(db, actor, row.id, input.body === undefined ? {} : { body: input.body });
      items.push({ messageId: Number(row.id), number: row.number, ok: true, error: null });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      items.push({ messageId: Number(row.id), number: row.number, ok: false, error: { type: error.code, title: (ERROR_CATALOG[error.code] as Record<Locale, string>)[locale] } });
    }
  }
  const urged = items.filter((i) => i.ok).length;
  return { matched: batch.length, urged, failed: batch.length - urged, more: rows.length > URGE_GROUP_MAX, items };
}

// ── 季度通报 and 年度考核 ────────────────────────────────────────────────────

function rowOf<T extends object>(unit: UnitRef, counts: UnitCounts, extra: T) {
  return { unit, ...counts, ...ratesOf(counts), score: scoreOf(counts), rank: null as number | null, ...extra };
}

/**
 * The quarterly bulletin of a finished quarter: each unit of the region with messages or
 * assignments in it, scored and ranked, the best and the worst named.
 * @throws as scopeOf; quarter_not_finished (422, quarter) for the current or a future quarter.
 */
export async function getBulletin(db: Database, actor: Actor | null, q: { regionCode?: string; year: number; quarter: number }, now = new Date()): Promise<Bulletin> {
  const region = await scopeOf(db, actor, 'oversight.read', q.regionCode);
  const { from, to } = quarterDays(q.year, q.quarter);
  if (to >= shanghaiDay(now)) throw new DomainError('quarter_not_finished', { field: 'quarter', params: { year: q.year, quarter: q.quarter } });
  await freshen(db);
  const rows: BulletinRow[] = (await unitCounts(db, region, from, to, false, now)).map((r) => rowOf(r.unit, r.counts, {}));
  const { ranked, unranked } = rankRows(rows, BULLETIN_MIN_VOLUME);
  return {
    region: regionRef(region), year: q.year, quarter: q.quarter, from, to,
    generatedAt: now.toISOString(), minVolume: BULLETIN_MIN_VOLUME, weights: { ...SCORE_WEIGHTS },
    ranked, unranked,
    best: ranked[0] ?? null,
    worst: ranked.length > 1 ? ranked[ranked.length - 1]! : null,
  };
}

/**
 * The year's figures per unit for the annual assessment: the year's counts and score, and
 * each finished quarter's score. The current year is given so far (`partial`).
 * @throws as scopeOf; validation_failed (year) for a future year.
 */
export async function getAssessment(db: Database, actor: Actor | null, q: { regionCode?: string; year: number }, now = new Date()): Promise<Assessment> {
  const region = await scopeOf(db, actor, 'oversight.read', q.regionCode);
  const today = shanghaiDay(now);
  if (String(q.year) > today.slice(0, 4)) throw invalidField('year', 'future', { 'zh-CN': '考核年度不能晚于今年', 'zh-TW': '考核年度不能晚於今年', en: 'the year must not be in the future' });
  const from = `${q.year}-01-01`;
  const to = `${q.year}-12-31`;
  await freshen(db);
  const perUnit = new Map<number, { unit: UnitRef; year: UnitCounts; quarters: Array<UnitCounts | null> }>();
  for (const r of await unitCounts(db, region, from, to, true, now)) {
    const entry = perUnit.get(r.unit.id) ?? { unit: r.unit, year: emptyCounts(), quarters: [null, null, null, null] };
    addCounts(entry.year, r.counts);
    entry.quarters[r.quarter - 1] = r.counts;
    perUnit.set(r.unit.id, entry);
  }
  const finished = (quarter: number) => quarterDays(q.year, quarter).to < today;
  const rows: AssessmentRow[] = [...perUnit.values()].map((e) =>
    rowOf(e.unit, e.year, {
      quarters: e.quarters.map((c, i) => (c !== null && finished(i + 1) && c.received >= BULLETIN_MIN_VOLUME ? scoreOf(c) : null)),
    }),
  );
  const { ranked, unranked } = rankRows(rows, ASSESSMENT_MIN_VOLUME);
  return {
    region: regionRef(region), year: q.year, from, to: to < today ? to : today, partial: to >= today,
    generatedAt: now.toISOString(), minVolume: ASSESSMENT_MIN_VOLUME, weights: { ...SCORE_WEIGHTS },
    items: [...ranked, ...unranked],
  };
}

export async function bulletinFile(db: Database, actor: Actor | null, q: { regionCode?: string; year: number; quarter: number }, format: 'xlsx' | 'pdf', now = new Date()): Promise<{ bytes: Buffer; filename: string }> {
  const bulletin = await getBulletin(db, actor, q, now);
  const filename = `${bulletin.region.name}${bulletin.year}年第${bulletin.quarter}季度留言办理通报.${format}`;
  return { bytes: format === 'xlsx' ? await renderBulletinXlsx(bulletin) : await renderBulletinPdf(bulletin), filename };
}

export async function assessmentFile(db: Database, actor: Actor | null, q: { regionCode?: string; year: number }, now = new Date()): Promise<{ bytes: Buffer; filename: string }> {
  const assessment = await getAssessment(db, actor, q, now);
  return { bytes: await renderAssessmentXlsx(assessment), filename: `${assessment.region.name}${assessment.year}年度留言办理考核数据.xlsx` };
}
