/**
 * Oversight (督查): the 清零 drive and the quarterly unit bulletin (季度通报).
 * The definitions are in docs/metrics.md ("清零" and "季度通报"); the score is
 * computed here, once, so the page, the XLSX, the PDF and the tests agree.
 */

/** Age bands of an open message, in working days since the day it was received (docs/metrics.md). */
export const AGE_BANDS = ['d0_7', 'd8_15', 'd16_30', 'd31_90', 'd90_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The largest age (working days) in each band; the last band has no end. */
export const AGE_BAND_MAX: Record<AgeBand, number | null> = { d0_7: 7, d8_15: 15, d16_30: 30, d31_90: 90, d90_plus: null };

export function ageBandOf(workingDays: number): AgeBand {
  for (const band of AGE_BANDS) {
    const max = AGE_BAND_MAX[band];
    if (max === null || workingDays <= max) return band;
  }
  return 'd90_plus';
}

/** How many messages a group urge touches at most; the rest stay for the next click. */
export const URGE_GROUP_MAX = 200;

// ── the bulletin ────────────────────────────────────────────────────────────

export const SCORE_PARTS = ['onTimeSign', 'onTimeReply', 'replyRate', 'satisfaction', 'noReopen'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

/** Weights of the score's parts (sum 1); see docs/metrics.md "季度通报". */
export const SCORE_WEIGHTS: Record<ScorePart, number> = {
  onTimeSign: 0.15,
  onTimeReply: 0.25,
  replyRate: 0.25,
  satisfaction: 0.25,
  noReopen: 0.1,
};

/** A unit with fewer messages (留言量 as lead unit) in the period is listed, not ranked. */
export const BULLETIN_MIN_VOLUME = 10;

/** The counts a unit's score is computed from. */
export interface UnitCounts {
  /** 留言量: messages received in the period whose current lead unit is this unit. */
  received: number;
  replied: number;
  onTime: number;
  late: number;
  rated: number;
  /** 非常满意 + 满意 + 基本满意. */
  satisfied: number;
  reopened: number;
  /** Assignments given to the unit in the period whose signing is decided (signed, or past the sign deadline). */
  signDue: number;
  signedOnTime: number;
}

export interface UnitRates {
  onTimeSignRate: number | null;
  onTimeRate: number | null;
  replyRate: number | null;
  satisfactionRate: number | null;
  reopenRate: number | null;
}

export function emptyCounts(): UnitCounts {
  return { received: 0, replied: 0, onTime: 0, late: 0, rated: 0, satisfied: 0, reopened: 0, signDue: 0, signedOnTime: 0 };
}

export function addCounts(into: UnitCounts, add: UnitCounts): UnitCounts {
  for (const key of Object.keys(into) as Array<keyof UnitCounts>) into[key] += add[key];
  return into;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export function ratesOf(c: UnitCounts): UnitRates {
  return {
    onTimeSignRate: ratio(c.signedOnTime, c.signDue),
    onTimeRate: ratio(c.onTime, c.onTime + c.late),
    replyRate: ratio(c.replied, c.received),
    satisfactionRate: ratio(c.satisfied, c.rated),
    reopenRate: ratio(c.reopened, c.replied),
  };
}

/** Each part as 0–1 (null when its denominator is 0). */
export function partsOf(r: UnitRates): Record<ScorePart, number | null> {
  return {
    onTimeSign: r.onTimeSignRate,
    onTimeReply: r.onTimeRate,
    replyRate: r.replyRate,
    satisfaction: r.satisfactionRate,
    noReopen: r.reopenRate === null ? null : 1 - r.reopenRate,
  };
}

/**
 * 综合得分 = 100 × Σ wᵢ·xᵢ ÷ Σ wᵢ over the parts that have a value: a part without a
 * denominator (nobody rated yet) neither rewards nor punishes. null when no part has a value.
 */
export function scoreOf(c: UnitCounts): number | null {
  const parts = partsOf(ratesOf(c));
  let weighted = 0;
  let weights = 0;
  for (const part of SCORE_PARTS) {
    const x = parts[part];
    if (x === null) continue;
    weighted += SCORE_WEIGHTS[part] * x;
    weights += SCORE_WEIGHTS[part];
  }
  return weights === 0 ? null : Math.round((100 * weighted * 100) / weights) / 100;
}

export interface UnitRef {
  id: number;
  name: string;
  regionCode: string;
}

export interface BulletinRow extends UnitCounts, UnitRates {
  unit: UnitRef;
  score: number | null;
  /** 1 for the best; null when not ranked (below the minimum volume). */
  rank: number | null;
}

export interface Bulletin {
  region: { code: string; name: string; level: string };
  year: number;
  quarter: number;
  from: string;
  to: string;
  generatedAt: string;
  minVolume: number;
  weights: Record<ScorePart, number>;
  ranked: BulletinRow[];
  /** 样本不足: listed with their figures, not ranked. */
  unranked: BulletinRow[];
  best: BulletinRow | null;
  worst: BulletinRow | null;
}

export interface AssessmentRow extends UnitCounts, UnitRates {
  unit: UnitRef;
  score: number | null;
  /** The score of each quarter (Q1–Q4); null for a quarter not finished or below the minimum volume. */
  quarters: Array<number | null>;
  rank: number | null;
}

export interface Assessment {
  region: { code: string; name: string; level: string };
  year: number;
  from: string;
  to: string;
  /** The year has not ended: its figures still move. */
  partial: boolean;
  generatedAt: string;
  minVolume: number;
  weights: Record<ScorePart, number>;
  items: AssessmentRow[];
}

/** The first and last day of a quarter (Beijing dates). */
export function quarterDays(year: number, quarter: number): { from: string; to: string } {
  const startMonth = (quarter - 1) * 3 + 1;
  const from = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(year, startMonth - 1 + 3, 0));
  return { from, to: end.toISOString().slice(0, 10) };
}

/** Ranks rows by score (desc), then on-time reply rate, then volume, then unit id; rows below the minimum volume are not ranked. */
export function rankRows<T extends UnitCounts & UnitRates & { unit: UnitRef; score: number | null; rank: number | null }>(rows: T[], minVolume: number): { ranked: T[]; unranked: T[] } {
  const ranked = rows.filter((r) => r.received >= minVolume);
  const unranked = rows.filter((r) => r.received < minVolume).sort((a, b) => b.received - a.received || a.unit.id - b.unit.id);
  ranked.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.received - a.received || a.unit.id - b.unit.id);
  ranked.forEach((r, i) => (r.rank = i + 1));
  for (const r of unranked) r.rank = null;
  return { ranked, unranked };
}

// ── 清零 ────────────────────────────────────────────────────────────────────

export interface ClearanceGroup {
  /** null: accepted, not yet assigned to a unit. */
  unit: UnitRef | null;
  bands: Record<AgeBand, number>;
  total: number;
}

export interface Clearance {
  region: { code: string; name: string; level: string };
  asOf: string;
  today: string;
  /** The first receipt day of each band (today's ages; working days), for the list's links. */
  bandStarts: Record<AgeBand, string | null>;
  total: number;
  bands: Record<AgeBand, number>;
  groups: ClearanceGroup[];
  drive: {
    from: string;
    to: string;
    openAtStart: number;
    arrived: number;
    answered: number;
    remaining: number;
    days: Array<{ day: string; remaining: number; answered: number; arrived: number }>;
  };
}

export interface ClearanceItem {
  id: number;
  number: string;
  title: string;
  status: string;
  board: { id: number; name: string };
  unit: UnitRef | null;
  receivedAt: string;
  ageWorkdays: number;
  ageBand: AgeBand;
  supervised: boolean;
}

export interface UrgeItemResult {
  messageId: number;
  number: string;
  ok: boolean;
  error: { type: string; title: string } | null;
}

export interface UrgeGroupResult {
  matched: number;
  urged: number;
  failed: number;
  /** More matched than one click urges (URGE_GROUP_MAX); urge again for the rest. */
  more: boolean;
  items: UrgeItemResult[];
}
