/**
 * Pure generation of synthetic messages: no database here. A plan first draws
 * each message's status and creation time (statuses shape the time: a
 * message still waiting for screening is recent, a closed one is not), sorted
 * by time so ids and public numbers grow with it; then each message gets its
 * board, author, text, timeline of events and rating, in that order, from one
 * seeded stream.
 */
import { gradeOf, publicStatusOf, type Channel, type MessageStatus, type MessageType, type RatingGrade, type RejectReason } from '../../../shared/messages.js';
import { Rng, WeightedPicker } from './prng.js';
import { ancestorAt, type BoardIndex, type BoardRef, type LocationPicker } from './places.js';
import { FIELD_TEMPLATES, FIELD_WEIGHTS, TYPE_WEIGHTS, type FieldCode, type Template } from './templates.js';
import { MessageText, type PlaceNames } from './text.js';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Public numbers count per Beijing day (UTC+8, no daylight saving). */
export const NUMBER_DAY_OFFSET_MS = 8 * HOUR_MS;

/**
 * The status mix of the published figures: most messages answered, a few
 * still waiting. Answered (已办理) is 59% as published; within it, closed
 * outweighs replied because a satisfied rating closes a message at once (the
 * state machine) and 60% of answered messages are rated, mostly satisfied.
 */
export const STATUS_SHARES: readonly (readonly [MessageStatus, number])[] = [
  ['submitted', 3],
  ['rejected', 5],
  ['withdrawn', 1],
  ['accepted', 12],
  ['handling', 20],
  ['replied', 25],
  ['closed', 34],
];
const STATUS_INDEX: readonly MessageStatus[] = STATUS_SHARES.map(([s]) => s);

const CHANNELS: WeightedPicker<Channel> = new WeightedPicker<Channel>([
  ['web', 55],
  ['app', 25],
  ['mini_program', 12],
  ['hotline', 3],
  ['email', 2],
  ['letter', 1],
  ['api', 2],
]);
const REJECT_REASONS = new WeightedPicker<RejectReason>([
  ['duplicate', 30],
  ['no_substance', 20],
  ['out_of_scope', 25],
  ['litigation', 10],
  ['illegal_content', 5],
  ['other', 10],
]);
// Hour of the Beijing day a message is written: evenings and office hours.
const HOURS = new WeightedPicker<number>([1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 2, 4, 6, 7, 6, 4, 4, 6, 7, 6, 5, 4, 5, 6, 6, 4, 2].map((w, h) => [h, w] as const));
const FIELDS = new WeightedPicker<FieldCode>(Object.entries(FIELD_WEIGHTS) as [FieldCode, number][]);
const TYPES = new WeightedPicker<MessageType>(Object.entries(TYPE_WEIGHTS) as [MessageType, number][]);

/** A ministry's messages mostly belong to its own field. */
const MINISTRY_FIELDS: readonly (readonly [RegExp, FieldCode])[] = [
  [/人力资源|社会保障/, 'employment'],
  [/水利|林业|生态|环境/, 'environment'],
  [/税务|证券|金融|银行|财政/, 'finance'],
  [/科学技术|工业和信息化|知识产权|市场监督/, 'enterprise'],
  [/应急|公安/, 'security'],
  [/体育|文化/, 'culture'],
  [/教育/, 'education'],
  [/卫生|医疗/, 'health'],
  [/交通/, 'transport'],
  [/农业/, 'rural'],
  [/住房|城乡建设/, 'urban'],
  [/机关事务|档案|民政/, 'government'],
];

export interface GeneratorContext {
  locations: LocationPicker;
  boards: BoardIndex;
  /** Author account ids with their nicknames, in pool order. */
  authors: readonly { id: string; nickname: string }[];
  /** Active field codes; templates of other fields are not used. */
  fields: ReadonlySet<string>;
  now: number;
  spanDays: number;
}

export interface SyntheticEvent {
  kind: 'submitted' | 'accepted' | 'rejected' | 'withdrawn' | 'reply' | 'follow_up' | 'rated' | 'closed';
  visibility: 'public' | 'author' | 'internal';
  actorId: string | null;
  unitId: string | null;
  body: string | null;
  data: Record<string, unknown>;
  at: number;
}

export interface SyntheticRating {
  resolution: number;
  attitude: number;
  speed: number;
  grade: RatingGrade;
  comment: string | null;
  ratedAt: number;
}

export interface SyntheticMessage {
  number: string;
  boardId: string;
  authorId: string;
  type: MessageType;
  fieldCode: FieldCode;
  regionCode: string;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  title: string;
  body: string;
  privateNote: string | null;
  isPublic: boolean;
  locationPublic: boolean;
  channel: Channel;
  status: MessageStatus;
  publicStatus: 'pending' | 'handling' | 'done' | null;
  listed: boolean;
  rejectReason: RejectReason | null;
  createdAt: number;
  acceptedAt: number | null;
  firstReplyAt: number | null;
  finalReplyAt: number | null;
  lastReplyAt: number | null;
  activityAt: number;
  events: SyntheticEvent[];
  rating: SyntheticRating | null;
  /** Reply texts (the search document covers them). */
  replies: string[];
  /** The texts' pieces (template text, slot values) for the search document, see search-cache.ts. */
  searchPieces: { title: readonly string[]; body: readonly string[] };
}

// ── the plan ──────────────────────────────────────────────────────────────

/** Time and status packed in one double (ms × 8 + status index), so a plain numeric sort orders by time. */
export function packPlan(at: number, status: MessageStatus): number {
  return Math.floor(at) * 8 + STATUS_INDEX.indexOf(status);
}

export function unpackPlan(packed: number): { at: number; status: MessageStatus } {
  const status = packed % 8;
  return { at: (packed - status) / 8, status: STATUS_INDEX[status]! };
}

const GROWTH = 1.5;

/** A creation time with volume growing over the span: the newest day has 2.5× the volume of the oldest. */
function growingTime(rng: Rng, now: number, spanDays: number): number {
  const u = rng.next();
  // Inverse of F(x) = (x + g·x²/2) / (1 + g/2) on [0, 1], x from oldest to newest.
  const x = (-1 + Math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2))) / GROWTH;
  return now - (1 - x) * spanDays * DAY_MS;
}

/**
 * How likely each status is at a given age (days), before scaling: a message
 * waits for screening days, not months; open cases thin out slowly (some stay
 * unanswered for a long time, as on the real boards); answers and closing need time.
 */
const AGE_SHAPES: Record<MessageStatus, (ageDays: number) => number> = {
  submitted: (a) => Math.exp(-a / 8),
  rejected: (a) => (a < 0.2 ? 0.1 : 1),
  withdrawn: () => 1,
  accepted: (a) => Math.exp(-a / 120),
  handling: (a) => Math.exp(-a / 200),
  replied: (a) => 1 - Math.exp(-a / 6),
  closed: (a) => 1 - Math.exp(-a / 15),
};

/**
 * Per age (in days), the cumulative probabilities of the statuses, scaled so
 * that over the whole span the statuses have STATUS_SHARES (iterative
 * proportional fitting on the age distribution). Volume stays smooth; only
 * the mix changes with age.
 */
export function statusTable(spanDays: number): Float64Array[] {
  const days = Math.ceil(spanDays);
  const volume = Array.from({ length: days }, (_, d) => 1 + GROWTH * (1 - (d + 0.5) / spanDays));
  const total = volume.reduce((a, b) => a + b, 0);
  const targetSum = STATUS_SHARES.reduce((a, [, w]) => a + w, 0);
  const shapes = Array.from({ length: days }, (_, d) => STATUS_SHARES.map(([status]) => AGE_SHAPES[status](d + 0.5)));
  const scale = STATUS_SHARES.map(() => 1);
  for (let round = 0; round < 200; round++) {
    const share = STATUS_SHARES.map(() => 0);
    for (let d = 0; d < days; d++) {
      const w = shapes[d]!.map((h, i) => h * scale[i]!);
      const sum = w.reduce((a, b) => a + b, 0);
      w.forEach((x, i) => (share[i]! += (volume[d]! / total) * (x / sum)));
    }
    STATUS_SHARES.forEach(([, target], i) => (scale[i]! *= target / targetSum / share[i]!));
  }
  return shapes.map((h) => {
    const w = h.map((x, i) => x * scale[i]!);
    const sum = w.reduce((a, b) => a + b, 0);
    let acc = 0;
    return Float64Array.from(w, (x) => (acc += x / sum));
  });
}

/** Moves a time to a plausible hour of the same Beijing day, unless that would lie in the future. */
function atWritingHour(rng: Rng, at: number, now: number): number {
  const local = at + NUMBER_DAY_OFFSET_MS;
  const dayStart = local - (local % DAY_MS);
  const moved = dayStart - NUMBER_DAY_OFFSET_MS + HOURS.pick(rng) * HOUR_MS + rng.int(HOUR_MS);
  return moved <= now - 60_000 ? moved : at;
}

/** Every message's status and creation time, sorted by time (packed, see packPlan). */
export function planMessages(seed: string | number, count: number, now: number, spanDays: number): Float64Array {
  const rng = new Rng(seed, 1);
  const table = statusTable(spanDays);
  const plan = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = atWritingHour(rng, growingTime(rng, now, spanDays), now);
    const row = table[Math.min(table.length - 1, Math.max(0, Math.floor((now - at) / DAY_MS)))]!;
    const u = rng.next();
    let s = 0;
    while (s < row.length - 1 && row[s]! <= u) s++;
    plan[i] = packPlan(at, STATUS_INDEX[s]!);
  }
  plan.sort();
  return plan;
}

/** The Beijing day number (days since 1970-01-01) a time falls on. */
export function numberDay(at: number): number {
  return Math.floor((at + NUMBER_DAY_OFFSET_MS) / DAY_MS);
}

export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function formatNumber(day: number, seq: number): string {
  return `${dayString(day)}-${String(seq).padStart(6, '0')}`;
}

// ── one message ───────────────────────────────────────────────────────────

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function placeNames(loc: ReturnType<LocationPicker['pick']>): PlaceNames {
  const city = loc.city ?? loc.province;
  const county = loc.county ?? city;
  return {
    province: loc.province.name,
    city: city.name,
    county: county.name,
    town: loc.town?.name ?? '城关镇',
    countyCode: (loc.county ?? loc.city ?? loc.province).code.slice(0, 6),
  };
}

function pickTemplate(rng: Rng, field: FieldCode, type: MessageType): Template {
  const all = FIELD_TEMPLATES[field];
  const ofType = all.filter((t) => t.type === type);
  return rng.pick(ofType.length > 0 ? ofType : all);
}

// Templates by field and type, computed once: pickTemplate's filter per message would cost at 2M.
const TEMPLATE_INDEX = new Map<string, Template[]>();
for (const [field, list] of Object.entries(FIELD_TEMPLATES)) {
  for (const t of list) {
    const key = `${field}/${t.type}`;
    TEMPLATE_INDEX.set(key, [...(TEMPLATE_INDEX.get(key) ?? []), t]);
  }
}

function templateFor(rng: Rng, field: FieldCode, type: MessageType): Template {
  const list = TEMPLATE_INDEX.get(`${field}/${type}`);
  return list ? rng.pick(list) : pickTemplate(rng, field, type);
}

const SATISFIED_BASE = new WeightedPicker<number>([
  [5, 55],
  [4, 30],
  [3, 15],
]);
const DISSATISFIED_BASE = new WeightedPicker<number>([
  [2, 60],
  [1, 40],
]);

/** Scores of a rating on the satisfied side (基本满意 or better) or on the other; the three scores differ a little. */
function drawScores(rng: Rng, satisfied: boolean): { resolution: number; attitude: number; speed: number; grade: RatingGrade } {
  for (;;) {
    const base = (satisfied ? SATISFIED_BASE : DISSATISFIED_BASE).pick(rng);
    const jitter = () => {
      const u = rng.next();
      return u < 0.15 ? -1 : u < 0.85 ? 0 : 1;
    };
    const scores = { resolution: clamp(base + jitter(), 1, 5), attitude: clamp(base + jitter() + (rng.chance(0.2) ? 1 : 0), 1, 5), speed: clamp(base + jitter(), 1, 5) };
    const grade = gradeOf(scores);
    if (isSatisfied(grade) === satisfied) return { ...scores, grade };
  }
}

/** 满意 in the state machine's sense: a rating that closes the message. */
export function isSatisfied(grade: RatingGrade): boolean {
  return grade !== 'dissatisfied' && grade !== 'very_dissatisfied';
}

/**
 * Builds one message from the stream. `plan` gives its status and creation
 * time, `number` its public number.
 */
export function buildMessage(rng: Rng, ctx: GeneratorContext, at: number, status: MessageStatus, number: string): SyntheticMessage {
  const location = ctx.locations.pick(rng);
  const board: BoardRef = ctx.boards.pick(rng, location);
  const author = ctx.authors[Math.floor(ctx.authors.length * rng.next() ** 1.6)]!;
  let field = FIELDS.pick(rng);
  if (board.kind === 'ministry') {
    const own = MINISTRY_FIELDS.find(([pattern]) => pattern.test(board.name));
    if (own && rng.chance(0.8)) field = own[1];
  }
  if (!ctx.fields.has(field)) field = ctx.fields.has('other') ? 'other' : (ctx.fields.values().next().value as FieldCode);
  const type = TYPES.pick(rng);
  const template = templateFor(rng, field, type);
  const leader = board.kind === 'ministry' ? `${board.name}领导` : board.name;
  const text = new MessageText(rng, placeNames(location), field, at, leader, author.nickname);

  const u = rng.next();
  const personal = u < 0.012 ? 'mobile' : u < 0.02 ? 'id' : null;
  const title = text.title(template);
  const second = type !== 'thanks' && rng.chance(0.15) ? templateFor(rng, field, rng.pick(['complain', 'consult', 'help', 'suggest'] as const)) : null;
  const body = text.body(template, personal, second !== template ? second : null);
  const privateNote = rng.chance(0.05) ? text.privateNote() : null;
  const isPublic = rng.chance(0.85);
  const locationPublic = rng.chance(0.97);
  const channel = CHANNELS.pick(rng);

  // ── the timeline, as offsets from creation, squeezed to end before now ──
  const events: SyntheticEvent[] = [{ kind: 'submitted', visibility: 'public', actorId: author.id, unitId: null, body: null, data: { channel }, at }];
  const replies: string[] = [];
  let acceptedAt: number | null = null;
  let firstReplyAt: number | null = null;
  let finalReplyAt: number | null = null;
  let lastReplyAt: number | null = null;
  let rejectReason: RejectReason | null = null;
  let rating: SyntheticRating | null = null;

  const screening = clamp(rng.logNormal(5, 1.1), 0.1, 120) * HOUR_MS;
  const room = Math.max(0, ctx.now - 60_000 - at);
  const squeeze = (offsets: number[]): number[] => {
    const last = offsets[offsets.length - 1] ?? 0;
    const factor = last > room ? room / last : 1;
    return offsets.map((o) => at + Math.floor(o * factor));
  };

  if (status === 'withdrawn') {
    const [w] = squeeze([Math.min(screening * 0.8, clamp(rng.logNormal(2, 1), 0.05, 48) * HOUR_MS)]);
    events.push({ kind: 'withdrawn', visibility: 'author', actorId: author.id, unitId: null, body: null, data: {}, at: w! });
  } else if (status === 'rejected') {
    const [r] = squeeze([screening]);
    rejectReason = REJECT_REASONS.pick(rng);
    events.push({ kind: 'rejected', visibility: 'author', actorId: null, unitId: null, body: null, data: { reason: rejectReason }, at: r! });
  } else if (status !== 'submitted') {
    // Accepted and beyond.
    const hasInterim = status === 'handling' || ((status === 'replied' || status === 'closed') && rng.chance(0.3));
    const hasFinal = status === 'replied' || status === 'closed';
    const offsets: number[] = [screening];
    let t = screening;
    if (hasInterim) offsets.push((t += clamp(rng.logNormal(1.2, 0.8), 0.05, 30) * DAY_MS));
    if (hasFinal) offsets.push((t += clamp(rng.logNormal(4, 0.9), 0.1, 120) * DAY_MS));
    // A satisfied rating closes the message at once; a dissatisfied one leaves it replied until a
    // coordinator reviews it; with no rating in 7 days it closes as 未评价.
    let closedBy: 'rating' | 'no_rating' | 'coordinator' | null = null;
    let rated: ReturnType<typeof drawScores> | null = null;
    if (status === 'closed') {
      const u = rng.next();
      closedBy = u < 0.86 ? 'rating' : u < 0.95 ? 'no_rating' : 'coordinator';
      if (closedBy !== 'no_rating') rated = drawScores(rng, closedBy === 'rating');
    } else if (status === 'replied' && rng.chance(0.2)) {
      rated = drawScores(rng, false);
    }
    if (rated) offsets.push((t += clamp(rng.logNormal(18, 1.1), 0.2, 160) * HOUR_MS));
    if (closedBy === 'no_rating') offsets.push((t += 7 * DAY_MS));
    else if (closedBy === 'rating') offsets.push(t);
    else if (closedBy === 'coordinator') offsets.push((t += clamp(rng.logNormal(2, 0.6), 0.2, 10) * DAY_MS));
    const times = squeeze(offsets);
    let i = 0;
    acceptedAt = times[i++]!;
    events.push({ kind: 'accepted', visibility: 'public', actorId: null, unitId: null, body: null, data: {}, at: acceptedAt });
    if (hasInterim) {
      const body = text.interimReply();
      const interimAt = times[i++]!;
      replies.push(body);
      events.push({ kind: 'reply', visibility: 'public', actorId: null, unitId: board.unitId, body, data: { final: false }, at: interimAt });
      firstReplyAt = interimAt;
      lastReplyAt = interimAt;
    }
    if (hasFinal) {
      const body = text.finalReply(type);
      finalReplyAt = times[i++]!;
      replies.push(body);
      events.push({ kind: 'reply', visibility: 'public', actorId: null, unitId: board.unitId, body, data: { final: true }, at: finalReplyAt });
      firstReplyAt ??= finalReplyAt;
      lastReplyAt = finalReplyAt;
    }
    if (rated) {
      const { grade, ...scores } = rated;
      const ratedAt = times[i++]!;
      const comment = rng.chance(0.35) ? text.ratingComment(!isSatisfied(grade) ? 'bad' : grade === 'basically_satisfied' ? 'fair' : 'good') : null;
      rating = { ...scores, grade, comment, ratedAt };
      events.push({ kind: 'rated', visibility: 'public', actorId: author.id, unitId: null, body: comment, data: { grade, ...scores }, at: ratedAt });
    }
    if (closedBy) {
      const closedAt = times[i++]!;
      events.push({ kind: 'closed', visibility: 'public', actorId: null, unitId: null, body: null, data: { by: closedBy }, at: closedAt });
    }
    // A few citizens follow up (追问) while the case is open.
    if (rng.chance(0.04)) {
      const end = Math.min(finalReplyAt ?? ctx.now - 60_000, ctx.now - 60_000);
      if (end > acceptedAt) {
        const followAt = acceptedAt + Math.floor(rng.next() * (end - acceptedAt));
        events.push({ kind: 'follow_up', visibility: 'public', actorId: author.id, unitId: null, body: text.followUp(), data: {}, at: followAt });
        // Stable: equal times keep their logical order.
        events.sort((a, b) => a.at - b.at);
      }
    }
  }

  const publicStatus = isPublic ? publicStatusOf(status) : null;
  // With the location kept private the level codes stop at the board's region (none for a
  // ministry), as the messages service stores them: lists and counts must not place it lower.
  const placed = locationPublic ? location.region : board.regionCode ? [location.county, location.city, location.province].find((r) => r?.code === board.regionCode)! : null;
  return {
    number,
    boardId: board.id,
    authorId: author.id,
    type,
    fieldCode: field,
    regionCode: location.region.code,
    provinceCode: placed ? (ancestorAt(placed, 'province')?.code ?? null) : null,
    cityCode: placed ? (ancestorAt(placed, 'city')?.code ?? null) : null,
    countyCode: placed ? (ancestorAt(placed, 'county')?.code ?? null) : null,
    title,
    body,
    privateNote,
    isPublic,
    locationPublic,
    channel,
    status,
    publicStatus,
    listed: publicStatus !== null,
    rejectReason,
    createdAt: at,
    acceptedAt,
    firstReplyAt,
    finalReplyAt,
    lastReplyAt,
    activityAt: lastReplyAt ?? acceptedAt ?? at,
    events,
    rating,
    replies,
    searchPieces: { title: text.titlePieces, body: text.bodyPieces },
  };
}
