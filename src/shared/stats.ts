/**
 * Statistics: the measures the rollups keep, the figures computed from them,
 * and the 总热度 weighting. One definition for the server, the web, the reports
 * and docs/metrics.md (which explains each line here in words).
 */

/**
 * What every rollup cell (and every message's fact row) holds: counts that add
 * up. A message contributes 0 or 1 to each count (reply_workdays: its working
 * days to the first reply; follow_ups: its follow-up count), so a region's
 * cell is the plain sum of its messages. Figures (rates, averages) are derived
 * from sums, never summed themselves.
 */
export const MEASURES = [
  'total', // every message received, whatever became of it
  'rejected', // 不予受理 at screening
  'withdrawn', // withdrawn by the author before screening
  'received', // 留言量: total − rejected − withdrawn
  'replied', // 回复量: at least one published reply (interim or final)
  'final_replied', // a published final reply (答复)
  'on_time', // final reply published by the reply deadline of its round
  'late', // final reply published after that deadline
  'closed', // 办结: status closed
  'reply_workdays', // working days from receipt to the first published reply (sum)
  'rated', // 参评: the author rated (current rating)
  'g_very_satisfied',
  'g_satisfied',
  'g_basic', // 基本满意
  'g_dissatisfied',
  'g_very_dissatisfied',
  'follow_ups', // the author's follow-ups (追问) on the message
  'reopened', // 重办 at least once
  'overdue', // missed at least one deadline (handling)
] as const;
export type Measure = (typeof MEASURES)[number];
export type Measures = Record<Measure, number>;

export function emptyMeasures(): Measures {
  return Object.fromEntries(MEASURES.map((m) => [m, 0])) as Measures;
}

export function addMeasures(into: Measures, from: Measures, sign = 1): Measures {
  for (const m of MEASURES) into[m] += sign * from[m];
  return into;
}

/** The dimensions a figure can be cut by (besides region and period). */
export const STAT_DIMS = ['level', 'field', 'type', 'channel', 'class', 'board', 'unit'] as const;
export type StatDim = (typeof STAT_DIMS)[number];
/** Cuts that show how the work is done inside government: only with the internal view. */
export const INTERNAL_DIMS: readonly StatDim[] = ['class', 'unit'];

/** The level of the board a message was written to: 中央部委 / 省级 / 市级 / 县级. */
export const BOARD_LEVELS = ['national', 'province', 'city', 'county'] as const;
export type BoardLevel = (typeof BOARD_LEVELS)[number];

export const INTERVALS = ['day', 'week', 'month', 'quarter', 'half', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

/** The longest window any statistics request may ask for. */
export const MAX_WINDOW_YEARS = 10;

export const RANKING_METRICS = ['heat', 'received', 'replied', 'replyRate', 'satisfactionRate', 'onTimeRate', 'closedRate'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

/** Figures: what people read. Rates are 0..1 (null when the denominator is 0). */
export interface StatFigures {
  received: number;
  total: number;
  rejected: number;
  withdrawn: number;
  replied: number;
  replyRate: number | null;
  finalReplied: number;
  closed: number;
  closedRate: number | null;
  onTime: number;
  late: number;
  onTimeRate: number | null;
  avgReplyWorkdays: number | null;
  rated: number;
  ratingRate: number | null;
  /** 好评: 非常满意 + 满意. */
  good: number;
  basic: number;
  /** 差评: 不满意 + 非常不满意. */
  bad: number;
  /** 满意率: (非常满意 + 满意 + 基本满意) ÷ rated. */
  satisfactionRate: number | null;
  followUps: number;
  reopened: number;
  overdue: number;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

export function figuresOf(m: Measures): StatFigures {
  const good = m.g_very_satisfied + m.g_satisfied;
  const bad = m.g_dissatisfied + m.g_very_dissatisfied;
  return {
    received: m.received,
    total: m.total,
    rejected: m.rejected,
    withdrawn: m.withdrawn,
    replied: m.replied,
    replyRate: ratio(m.replied, m.received),
    finalReplied: m.final_replied,
    closed: m.closed,
    closedRate: ratio(m.closed, m.received),
    onTime: m.on_time,
    late: m.late,
    onTimeRate: ratio(m.on_time, m.on_time + m.late),
    avgReplyWorkdays: ratio(m.reply_workdays, m.replied),
    rated: m.rated,
    ratingRate: ratio(m.rated, m.final_replied),
    good,
    basic: m.g_basic,
    bad,
    satisfactionRate: ratio(good + m.g_basic, m.rated),
    followUps: m.follow_ups,
    reopened: m.reopened,
    overdue: m.overdue,
  };
}

/**
 * The smallest numbers a figure is read from (docs/metrics.md "Small numbers"); the
 * server's config may change both (STATS_MIN_RANKED, STATS_GROWTH_MIN_BASE).
 *   minReceived: a peer with fewer messages (留言量) in the window is not ranked but listed
 *     apart as 样本不足: its rates rest on too few messages (3 messages, 3 replies: 100%).
 *   growthMinBase: growth (同比/环比) is given only against a baseline of at least this many;
 *     below it there is no percentage (4,018 against 1 is not +401,700%).
 */
export interface StatThresholds {
  minReceived: number;
  growthMinBase: number;
}
export const DEFAULT_STAT_THRESHOLDS: StatThresholds = Object.freeze({ minReceived: 30, growthMinBase: 30 });

/**
 * Why a growth figure is missing: `new` — nothing before, something now (新增);
 * `small_base` — a baseline under the minimum (—); `no_data` — nothing either time (—).
 */
export type GrowthReason = 'new' | 'small_base' | 'no_data';

export interface GrowthFigure {
  /** 0.53 = +53%; null when the baseline does not bear a percentage. */
  rate: number | null;
  reason: GrowthReason | null;
}

/** Growth of `now` over `before`, or why there is none (a baseline under `minBase`). */
export function growthOf(now: number, before: number, minBase: number = DEFAULT_STAT_THRESHOLDS.growthMinBase): GrowthFigure {
  if (before <= 0) return { rate: null, reason: now > 0 ? 'new' : 'no_data' };
  if (before < Math.max(1, minBase)) return { rate: null, reason: 'small_base' };
  return { rate: (now - before) / before, reason: null };
}

/** Growth of `now` over `before` (0.53 = +53%); null without a baseline of at least `minBase` (see growthOf for why). */
export function growth(now: number, before: number, minBase: number = DEFAULT_STAT_THRESHOLDS.growthMinBase): number | null {
  return growthOf(now, before, minBase).rate;
}

/**
 * 总热度 (网上群众工作总热度) of peers ranked together (the provinces of the
 * country, the cities of a province …), 0–100:
 *   满意度 S = 满意率
 *   互动活跃度 A = ½·ln(1+留言量)/ln(1+max 留言量) + ¼·参评率 + ¼·min(1, 追问 ÷ 留言量 ÷ peers' max)
 *   办理力度 H = ½·回复率 + 0.3·按时回复率 + 0.2·办结率
 *   总热度 = 100 × (0.4·S′ + 0.3·A′ + 0.3·H′), where X′ is X scaled min–max across the peers
 *   (all equal: 1 when positive, else 0). Missing rates count as 0.
 */
export interface HeatParts {
  heat: number;
  satisfaction: number;
  activity: number;
  effort: number;
}

export const HEAT_WEIGHTS = { satisfaction: 0.4, activity: 0.3, effort: 0.3 } as const;

export function heatScores(peers: readonly StatFigures[]): HeatParts[] {
  const maxReceived = Math.max(0, ...peers.map((p) => p.received));
  const followRate = (p: StatFigures) => (p.received > 0 ? p.followUps / p.received : 0);
  const maxFollow = Math.max(0, ...peers.map(followRate));
  const raw = peers.map((p) => {
    const s = p.satisfactionRate ?? 0;
    const volume = maxReceived > 0 ? Math.log1p(p.received) / Math.log1p(maxReceived) : 0;
    const a = 0.5 * volume + 0.25 * (p.ratingRate ?? 0) + 0.25 * (maxFollow > 0 ? followRate(p) / maxFollow : 0);
    const h = 0.5 * (p.replyRate ?? 0) + 0.3 * (p.onTimeRate ?? 0) + 0.2 * (p.closedRate ?? 0);
    return { s, a, h };
  });
  const scale = (values: number[]) => {
    const min = Math.min(...values);
    const max = Math.max(...values);
    return values.map((v) => (max > min ? (v - min) / (max - min) : v > 0 ? 1 : 0));
  };
  const S = scale(raw.map((r) => r.s));
  const A = scale(raw.map((r) => r.a));
  const H = scale(raw.map((r) => r.h));
  return raw.map((r, i) => ({
    heat: 100 * (HEAT_WEIGHTS.satisfaction * S[i]! + HEAT_WEIGHTS.activity * A[i]! + HEAT_WEIGHTS.effort * H[i]!),
    satisfaction: r.s,
    activity: r.a,
    effort: r.h,
  }));
}

// ── API shapes (docs/api.md "Statistics") ─────────────────────────────────

export interface StatRegionRef {
  code: string;
  name: string;
  level: string;
}

export interface StatCutRow {
  value: string;
  label: string;
  figures: StatFigures;
}

export interface StatSummary {
  region: StatRegionRef;
  from: string;
  to: string;
  view: 'public' | 'internal';
  figures: StatFigures;
  /** The same window a year before, and the window of equal length just before. */
  previousYear: StatFigures;
  previousPeriod: StatFigures;
  /** null below the baseline (growthMinBase); growthReasons says why. */
  growth: { receivedYoY: number | null; receivedMoM: number | null; repliedYoY: number | null; repliedMoM: number | null };
  growthReasons: { receivedYoY: GrowthReason | null; receivedMoM: GrowthReason | null; repliedYoY: GrowthReason | null; repliedMoM: GrowthReason | null };
  /** The smallest baseline growth is given against. */
  growthMinBase: number;
  /** 省级 / 市级 / 县级 (and 中央部委) boards: received, share of received, replied, share of replied. */
  levels: Array<{ level: BoardLevel; received: number; share: number | null; replied: number; repliedShare: number | null; replyRate: number | null }>;
  cut: { dim: StatDim; rows: StatCutRow[] } | null;
}

export interface StatRankingItem {
  rank: number;
  region: StatRegionRef;
  figures: StatFigures;
  heat: HeatParts;
}

/** A peer too small to rank: its figures, no rank and no 总热度. */
export interface StatUnrankedItem {
  region: StatRegionRef;
  figures: StatFigures;
}

export interface StatRanking {
  region: StatRegionRef;
  peers: 'province' | 'city' | 'county';
  from: string;
  to: string;
  metric: RankingMetric;
  order: 'desc' | 'asc';
  /** The peers with at least minReceived messages, ranked (limit cuts the list, not the normalisation). */
  items: StatRankingItem[];
  /** The peers with some but fewer than minReceived messages: 样本不足, not ranked, not in the 总热度 scaling, by 留言量. */
  insufficient: StatUnrankedItem[];
  /** The minimum 留言量 for a rank. */
  minReceived: number;
  /** Peers with messages and no reply at all in the window. */
  zeroReply: StatRegionRef[];
}

export interface StatPoint {
  period: string; // '2026-03-02' (day, week start), '2026-03', '2026-Q1', '2026-H1', '2026'
  from: string;
  to: string;
  /** The period has not ended yet (today included): its figures still grow, its rates are not final. */
  partial: boolean;
  figures: StatFigures;
}

export interface StatTimeseries {
  region: StatRegionRef;
  interval: Interval;
  from: string;
  to: string;
  points: StatPoint[];
}

export interface HotTerm {
  term: string;
  count: number;
  /** Share of the window's messages whose title holds the term. */
  share: number | null;
  previous: number;
  growth: number | null;
  growthReason: GrowthReason | null;
}

export interface StatHotTopics {
  region: StatRegionRef;
  from: string;
  to: string;
  received: number;
  terms: HotTerm[];
  rising: HotTerm[];
  fields: Array<{ code: string; name: string; count: number; share: number | null; previous: number; growth: number | null; growthReason: GrowthReason | null }>;
  growthMinBase: number;
}

/** The leader list: each board (leader position or ministry) of a region and its figures. */
export interface StatBoardRow {
  board: { id: number; name: string; title: string; kind: 'leader' | 'ministry'; regionCode: string | null };
  figures: StatFigures;
}

export interface StatBoards {
  region: StatRegionRef;
  from: string;
  to: string;
  items: StatBoardRow[];
}

/** Units with the most overdue open work now (from the handling assignments, not a window). */
export interface OverdueUnitRow {
  unit: { id: number; name: string; regionCode: string };
  open: number;
  overdue: number;
}

export interface StatOverdueUnits {
  region: StatRegionRef;
  /** When the overdue work was counted (a job counts it every minute; a read recounts a count older than a minute). */
  asOf: string;
  items: OverdueUnitRow[];
}
