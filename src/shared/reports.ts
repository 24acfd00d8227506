/**
 * Data reports: the weekly digest (民声周报, after 安徽's 《民声呼应》) and the
 * half-year data report (上半年 / 下半年网上群众工作数据报告). A report is a
 * frozen snapshot: its content is assembled from the statistics once, when it
 * is generated, and stored; the page, the XLSX and the PDF all read that
 * content, so they always say the same and never change afterwards.
 * Plain TypeScript: the server and the web both use it.
 */
import { DEFAULT_STAT_THRESHOLDS, growthOf, type BoardLevel, type GrowthReason, type HotTerm, type OverdueUnitRow, type StatFigures, type StatRegionRef, type StatThresholds } from './stats.js';

export const REPORT_KINDS = ['weekly', 'half_year'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export function isReportKind(value: string): value is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(value);
}

/** The region levels a report can be made for. */
export const REPORT_REGION_LEVELS = ['national', 'province', 'city', 'county'] as const;

// ── periods ───────────────────────────────────────────────────────────────
// Days are Beijing calendar days written YYYY-MM-DD; arithmetic runs on UTC
// midnights of those days, so no time zone enters here.

const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the week holding `day` (weeks run Monday to Sunday). */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** ISO 8601 week number and its year (the year of the week's Thursday). */
export function isoWeek(day: string): { year: number; week: number } {
  const thursday = addDays(mondayOf(day), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / (7 * DAY_MS)) + 1;
  return { year, week };
}

export interface ReportPeriodRange {
  from: string;
  to: string;
}

/** The half (H1 Jan–Jun, H2 Jul–Dec) holding `day`. */
export function halfOf(day: string): ReportPeriodRange {
  const year = day.slice(0, 4);
  return Number(day.slice(5, 7)) <= 6 ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
}

/** Period names a request may use: a day of the week (weekly), or 2026-H1 / 2026-H2 (half-year). */
export const PERIOD_PATTERN = '^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-H[12])$';

/** The period a name stands for, or null when the name does not fit the kind (or is no real date). */
export function parseReportPeriod(kind: ReportKind, name: string): ReportPeriodRange | null {
  if (kind === 'weekly') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(name)) return null;
    const parsed = new Date(`${name}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== name) return null;
    const from = mondayOf(name);
    return { from, to: addDays(from, 6) };
  }
  const m = /^(\d{4})-H([12])$/.exec(name);
  if (!m) return null;
  return halfOf(`${m[1]}-${m[2] === '1' ? '01' : '07'}-01`);
}

/** The last whole period before `today`: last week, or the half before the current one. */
export function lastCompletePeriod(kind: ReportKind, today: string): ReportPeriodRange {
  if (kind === 'weekly') {
    const from = addDays(mondayOf(today), -7);
    return { from, to: addDays(from, 6) };
  }
  return halfOf(addDays(halfOf(today).from, -1));
}

/** What a period is compared with: the week before, or the same half a year before (同比). */
export function comparisonPeriod(kind: ReportKind, period: ReportPeriodRange): ReportPeriodRange {
  if (kind === 'weekly') return { from: addDays(period.from, -7), to: addDays(period.to, -7) };
  const back = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
  return { from: back(period.from), to: back(period.to) };
}

const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** 2026年上半年; 2026年第47周（11月16日—11月22日）. */
export function periodLabel(kind: ReportKind, period: ReportPeriodRange): string {
  const year = period.from.slice(0, 4);
  if (kind === 'half_year') return `${year}年${period.from.slice(5, 7) === '01' ? '上' : '下'}半年`;
  const w = isoWeek(period.from);
  return `${w.year}年第${w.week}周（${monthDay(period.from)}—${monthDay(period.to)}）`;
}

/** The name a request would use for the period: the Monday, or 2026-H1. */
export function periodName(kind: ReportKind, period: ReportPeriodRange): string {
  if (kind === 'weekly') return period.from;
  return `${period.from.slice(0, 4)}-H${period.from.slice(5, 7) === '01' ? 1 : 2}`;
}

// ── content ───────────────────────────────────────────────────────────────

export interface ReportRankingRow {
  rank: number;
  region: StatRegionRef;
  /** 总热度, 0–100. */
  heat: number;
  received: number;
  replied: number;
  replyRate: number | null;
  satisfactionRate: number | null;
}

/** A peer with fewer messages than the minimum for a rank (样本不足): listed apart, unranked. */
export interface ReportUnrankedRow {
  region: StatRegionRef;
  received: number;
  replied: number;
  replyRate: number | null;
  satisfactionRate: number | null;
}

export interface ReportBoardRow {
  /** 江西省委书记, 工业和信息化部 … */
  name: string;
  received: number;
  replied: number;
  replyRate: number | null;
  satisfactionRate: number | null;
}

export interface ReportTrendPoint {
  /** '2026-03' (month) or '2026-03-02' (day). */
  period: string;
  label: string;
  received: number;
  replied: number;
  replyRate: number | null;
  satisfactionRate: number | null;
  /** The month or day had not ended when the report was made (absent in older reports). */
  partial?: boolean;
}

/** A case closed with a satisfied rating in the week: public messages only, masked as the public board shows them. */
export interface NotableCase {
  id: number;
  number: string;
  title: string;
  /** The unit whose final reply closed it. */
  unit: string | null;
  board: string;
  closedAt: string;
  grade: 'very_satisfied' | 'satisfied';
}

export interface ReportLevelRow {
  level: BoardLevel;
  label: string;
  received: number;
  share: number | null;
  replied: number;
  repliedShare: number | null;
  replyRate: number | null;
}

export interface ReportFieldRow {
  code: string;
  name: string;
  count: number;
  share: number | null;
  growth: number | null;
  /** Why growth is null (absent in reports made before it was kept). */
  growthReason?: GrowthReason | null;
}

export interface ReportContent {
  kind: ReportKind;
  /** 2026年上半年江西省网上群众工作数据报告 */
  title: string;
  region: StatRegionRef;
  period: {
    from: string;
    to: string;
    label: string;
    /** The last day counted: `to`, or the day of generation for a period not yet over. */
    asOf: string;
    complete: boolean;
  };
  /** The week before (环比), or the same half a year before (同比). */
  comparison: { from: string; to: string; label: string };
  /** The opening paragraph, as the platform's reports open. */
  headline: string;
  /** Further paragraphs: levels, 总热度 top ten, what people wrote about. */
  paragraphs: string[];
  figures: StatFigures;
  previous: StatFigures;
  /** null below the baseline (thresholds.growthMinBase); growthReasons says why. */
  growth: { received: number | null; replied: number | null };
  /** Absent in reports made before the thresholds were kept. */
  growthReasons?: { received: GrowthReason | null; replied: GrowthReason | null };
  /** The minimum 留言量 for a rank and the minimum baseline for growth when the report was made. */
  thresholds?: StatThresholds;
  levels: ReportLevelRow[];
  fields: ReportFieldRow[];
  terms: HotTerm[];
  /** Per month (half-year) or per day (weekly). */
  trend: ReportTrendPoint[];
  /** Peers ranked by 总热度: the provinces of the country, the cities of a province, the counties of a city; null for a county. */
  /** A province's cities are ranked with the counties directly under it (市县). `insufficient`: 样本不足, unranked. */
  rankings: { peers: 'province' | 'city' | 'county'; items: ReportRankingRow[]; insufficient?: ReportUnrankedRow[] } | null;
  /** Peers with messages and no reply at all. */
  zeroReply: StatRegionRef[];
  /** Half-year: the leader boards (and for the country the ministries) with the highest and lowest reply rates. */
  boards: { top: ReportBoardRow[]; bottom: ReportBoardRow[] } | null;
  /** Weekly: cases resolved to the author's satisfaction. */
  notableCases: NotableCase[] | null;
  /** Weekly, internal: units with the most overdue open work when the digest was made. */
  overdueUnits: OverdueUnitRow[] | null;
  generatedAt: string;
}

/** A report in lists. */
export interface ReportSummary {
  id: number;
  kind: ReportKind;
  title: string;
  region: { code: string; name: string; level: string };
  period: { from: string; to: string; label: string };
  complete: boolean;
  version: number;
  generatedAt: string;
  /** null: made by the schedule. */
  generatedBy: { id: number; displayName: string } | null;
}

export interface ReportDetail extends ReportSummary {
  content: ReportContent;
}

export interface ReportSubscription {
  kind: ReportKind;
  region: { code: string; name: string; level: string };
  createdAt: string;
}

// ── words and numbers as the reports write them ───────────────────────────

export const BOARD_LEVEL_LABELS: Record<BoardLevel, string> = { national: '中央部委', province: '省级', city: '市级', county: '县级' };

/** 33.1万 from 10,000 up, else the plain count. */
export function formatCount(n: number): string {
  if (Math.abs(n) < 10_000) return String(Math.round(n));
  return `${(n / 10_000).toFixed(1).replace(/\.0$/, '')}万`;
}

/** A rate (0..1) as 83.5%; — when there is none. */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** 增长53.2% / 下降4% / 持平. */
export function formatGrowth(growth: number | null): string | null {
  if (growth === null || !Number.isFinite(growth)) return null;
  if (Math.abs(growth) < 0.0005) return '持平';
  return `${growth > 0 ? '增长' : '下降'}${formatRate(Math.abs(growth))}`;
}

/** The figures a report's table lists, in order; counts, rates (0..1) or working days. */
export const REPORT_FIGURES = [
  { key: 'received', kind: 'count' },
  { key: 'replied', kind: 'count' },
  { key: 'replyRate', kind: 'rate' },
  { key: 'finalReplied', kind: 'count' },
  { key: 'closed', kind: 'count' },
  { key: 'closedRate', kind: 'rate' },
  { key: 'onTimeRate', kind: 'rate' },
  { key: 'avgReplyWorkdays', kind: 'days' },
  { key: 'rated', kind: 'count' },
  { key: 'satisfactionRate', kind: 'rate' },
  { key: 'good', kind: 'count' },
  { key: 'bad', kind: 'count' },
  { key: 'followUps', kind: 'count' },
  { key: 'reopened', kind: 'count' },
] as const satisfies ReadonlyArray<{ key: keyof StatFigures; kind: 'count' | 'rate' | 'days' }>;
export type ReportFigureKey = (typeof REPORT_FIGURES)[number]['key'];

/** How many messages each period rests on (留言量), and the smallest baseline a change is given against. */
export interface ChangeBase {
  now: number;
  before: number;
  min: number;
}

/**
 * How a figure moved against the comparison period: for counts the growth (0.125), for rates and
 * days the difference in the figure's own unit (0.021 = 2.1 points, −0.4 days). None (null) when
 * a baseline is too small (docs/metrics.md "Small numbers"): a count whose earlier value is under
 * `base.min` (`new` when it was 0 and is not now), a rate or average when either period has fewer
 * than `base.min` messages.
 */
export function figureDelta(kind: 'count' | 'rate' | 'days', now: number | null, before: number | null, base?: ChangeBase): { value: number | null; reason: GrowthReason | null } {
  if (now === null || before === null) return { value: null, reason: 'no_data' };
  const min = base?.min ?? DEFAULT_STAT_THRESHOLDS.growthMinBase;
  if (kind === 'count') {
    const g = growthOf(now, before, min);
    return { value: g.rate, reason: g.reason };
  }
  if (base && (base.now < min || base.before < min)) return { value: null, reason: base.before <= 0 && base.now > 0 ? 'new' : 'small_base' };
  return { value: now - before, reason: null };
}

/** figureDelta in words: +12.5% for counts, +2.1个百分点 for rates, −0.4 for days; 新增 or — without a baseline. */
export function figureChange(kind: 'count' | 'rate' | 'days', now: number | null, before: number | null, base?: ChangeBase): string {
  const { value, reason } = figureDelta(kind, now, before, base);
  if (value === null) return reason === 'new' && kind === 'count' ? '新增' : '—';
  const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');
  if (kind === 'count') return `${sign(value)}${formatRate(Math.abs(value))}`;
  const d = kind === 'rate' ? value * 100 : value;
  return `${sign(d)}${Math.abs(d).toFixed(1).replace(/\.0$/, '')}${kind === 'rate' ? '个百分点' : ''}`;
}

/** The bases of a report's changes: both periods' 留言量 and the report's growth baseline. */
export function changeBaseOf(report: Pick<ReportContent, 'figures' | 'previous' | 'thresholds'>): ChangeBase {
  return { now: report.figures.received, before: report.previous.received, min: report.thresholds?.growthMinBase ?? DEFAULT_STAT_THRESHOLDS.growthMinBase };
}

/** A growth figure in words, as the report's tables write it: +53.2%, 新增 or —. */
export function growthText(growth: number | null, reason: GrowthReason | null | undefined): string {
  if (growth === null || !Number.isFinite(growth)) return reason === 'new' ? '新增' : '—';
  return `${growth >= 0 ? '+' : '−'}${formatRate(Math.abs(growth))}`;
}
