/**
 * Pure generation of synthetic messages: no database here. A plan first draws
 * each message's status and creation time (statuses shape the time: a
 * message still waiting for screening is recent, a closed one is not), sorted
 * by time so ids and public numbers grow with it; then each message gets its
 * board, author, text, handling chain (assignments), timeline of events and
 * rating, in that order, from one seeded stream.
 */
import type { AssignmentStatus, HandlingClass } from '../../../shared/handling.js';
import { gradeOf, publicStatusOf, type Channel, type MessageStatus, type MessageType, type RatingGrade, type RejectReason } from '../../../shared/messages.js';
import { addWorkingDays, shanghaiDay } from '../../modules/calendar/working-days.js';
import { Rng, WeightedPicker } from './prng.js';
import { ancestorAt, type BoardIndex, type BoardRef, type Location, type LocationPicker, type RegionNode } from './places.js';
import { FIELD_TEMPLATES, FIELD_WEIGHTS, TYPE_WEIGHTS, type FieldCode, type Template } from './templates.js';
import { MessageText, type PlaceNames } from './text.js';
import type { UnitDirectory, UnitRef } from './units.js';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Public numbers count per Beijing day (UTC+8, no daylight saving). */
export const NUMBER_DAY_OFFSET_MS = 8 * HOUR_MS;

/**
 * The status mix of the published figures: most messages answered, a few
 * still waiting. Answered (已办理: replied, dissatisfied, closed) is 59% as
 * published. Within it closed dominates: a satisfied rating closes a message
 * at once, and one left unrated is closed as 未评价 7 days after the final
 * reply (the handling timers), so 已回复 holds only last week's answers;
 * 不满意 waits for the coordinator. Waiting (待回复) splits into accepted (not
 * yet assigned) and assigned (not yet signed for by the lead unit).
 */
export const STATUS_SHARES: readonly (readonly [MessageStatus, number])[] = [
  ['submitted', 3],
  ['rejected', 5],
  ['withdrawn', 1],
  ['accepted', 7],
  ['assigned', 4],
  ['handling', 21],
  ['replied', 3],
  ['dissatisfied', 3],
  ['closed', 53],
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
  /** Who handles messages where (units.ts): every message past 'accepted' is assigned to units of its regions. */
  units: UnitDirectory;
  /** Working days per handling class (the national policy, deadline_policies 000000). */
  policies?: Readonly<Record<HandlingClass, DeadlinePolicy>>;
}

export interface DeadlinePolicy {
  sign_days: number;
  contact_days: number;
  reply_days: number;
}

/** The 137 rule for 及时办 and its siblings, as the handling migration seeds them. */
export const DEFAULT_POLICIES: Readonly<Record<HandlingClass, DeadlinePolicy>> = {
  special: { sign_days: 1, contact_days: 1, reply_days: 3 },
  timely: { sign_days: 1, contact_days: 3, reply_days: 7 },
  coordinated: { sign_days: 1, contact_days: 5, reply_days: 15 },
  high: { sign_days: 1, contact_days: 3, reply_days: 10 },
};

export interface SyntheticEvent {
  kind: 'submitted' | 'accepted' | 'rejected' | 'withdrawn' | 'assigned' | 'signed' | 'passed_down' | 'reply' | 'follow_up' | 'rated' | 'closed';
  visibility: 'public' | 'author' | 'internal';
  actorId: string | null;
  unitId: string | null;
  body: string | null;
  data: Record<string, unknown>;
  at: number;
  /** The message's assignment (index) whose id goes into data.assignmentId once ids are known. */
  assignment?: number;
}

/** One unit's part in the message's (only) round, as the handling module stores it. */
export interface SyntheticAssignment {
  /** Index of the parent in the message's assignments (passed down from it), or null at the top. */
  parent: number | null;
  unitId: string;
  role: 'lead' | 'co';
  status: AssignmentStatus;
  handlingClass: HandlingClass;
  /** The passing unit for a child; null at the top (the coordinators are not generated). */
  assignedByUnitId: string | null;
  assignedAt: number;
  signDue: number;
  contactDue: number;
  replyDue: number;
  signedAt: number | null;
  contactedAt: number | null;
  repliedAt: number | null;
  finishedAt: number | null;
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
  handlingClass: HandlingClass | null;
  assignedAt: number | null;
  closedAt: number | null;
  closeReason: 'rated' | 'unrated' | 'explained' | null;
  assignments: SyntheticAssignment[];
  events: SyntheticEvent[];
  rating: SyntheticRating | null;
  /** Reply texts (the search document covers them). */
  replies: string[];
  /** The texts' pieces (template text, slot values) for the search document, see search-cache.ts. */
  searchPieces: { title: readonly string[]; body: readonly string[] };
}

// ── the plan ──────────────────────────────────────────────────────────────

/** Time and status packed in one double (ms × 16 + status index: exact below 2^53 until the year 19,800), so a plain numeric sort orders by time. */
export function packPlan(at: number, status: MessageStatus): number {
  return Math.floor(at) * 16 + STATUS_INDEX.indexOf(status);
}

export function unpackPlan(packed: number): { at: number; status: MessageStatus } {
  const status = packed % 16;
  return { at: (packed - status) / 16, status: STATUS_INDEX[status]! };
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
  assigned: (a) => Math.exp(-a / 30),
  handling: (a) => Math.exp(-a / 200),
  // Unrated answers close after 7 days: 已回复 is a matter of the last weeks.
  replied: (a) => (1 - Math.exp(-a / 10)) * Math.exp(-a / 60),
  dissatisfied: (a) => 1 - Math.exp(-a / 10),
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

// ── handling ──────────────────────────────────────────────────────────────

const HANDLING_CLASS = new WeightedPicker<HandlingClass>([
  ['timely', 80],
  ['coordinated', 12],
  ['special', 5],
  ['high', 3],
]);

// A deadline of N working days depends only on the Shanghai day the clock starts: one calendar walk per day and N.
const DUE_MEMO = new Map<string, number>();
function dueAfter(at: number, days: number): number {
  const key = `${shanghaiDay(new Date(at))}+${days}`;
  let due = DUE_MEMO.get(key);
  if (due === undefined) {
    due = addWorkingDays(new Date(at), days).getTime();
    DUE_MEMO.set(key, due);
  }
  return due;
}

/**
 * An assignment made at `assignedAt` with the deadlines the handling module
 * gives it: the class's working days from then; passed down, the lower unit
 * keeps the upper one's contact and reply deadlines (the citizen's clock runs on).
 */
function assignmentOf(ctx: GeneratorContext, handlingClass: HandlingClass, unitId: string, role: 'lead' | 'co', parent: number | null, assignedByUnitId: string | null, assignedAt: number, upper?: SyntheticAssignment): SyntheticAssignment {
  const policy = (ctx.policies ?? DEFAULT_POLICIES)[handlingClass];
  const signDue = dueAfter(assignedAt, policy.sign_days);
  return {
    parent,
    unitId,
    role,
    status: 'pending',
    handlingClass,
    assignedByUnitId,
    assignedAt,
    signDue: upper ? Math.min(signDue, upper.replyDue) : signDue,
    contactDue: upper ? upper.contactDue : dueAfter(assignedAt, policy.contact_days),
    replyDue: upper ? upper.replyDue : dueAfter(assignedAt, policy.reply_days),
    signedAt: null,
    contactedAt: null,
    repliedAt: null,
    finishedAt: null,
  };
}

/**
 * A co-handler's part: waiting, signed or contributed while the case is
 * open; contributed (done) or cancelled by the final reply once answered.
 */
function coAssignment(rng: Rng, a: SyntheticAssignment, status: MessageStatus, finalAt: number | null, end: number): SyntheticAssignment {
  const between = (from: number, to: number) => from + Math.floor(rng.next() * Math.max(0, to - from));
  if (status === 'assigned') return a;
  const until = finalAt ?? end;
  const u = rng.next();
  if (finalAt === null) {
    if (u < 0.3) return a;
    a.signedAt = between(a.assignedAt, until);
    if (u < 0.7) {
      a.status = 'signed';
      return a;
    }
  } else if (u < 0.7) {
    a.signedAt = between(a.assignedAt, until);
  } else {
    // Never contributed: the final reply ended its part.
    if (rng.chance(0.5)) a.signedAt = between(a.assignedAt, until);
    a.status = 'cancelled';
    a.finishedAt = finalAt;
    return a;
  }
  a.status = 'done';
  a.repliedAt = a.finishedAt = between(a.signedAt, until);
  return a;
}

interface Chain {
  handlingClass: HandlingClass;
  top: UnitRef;
  topCo: UnitRef | null;
  child: UnitRef | null;
  childCo: UnitRef | null;
}

/** The regions from the board's region (exclusive; all of them for a ministry) down to the message's county. */
function regionsBelow(location: Location, boardRegion: string | null): RegionNode[] {
  const path = [location.province, location.city, location.county].filter((r): r is RegionNode => r !== null);
  const at = boardRegion === null ? -1 : path.findIndex((r) => r.code === boardRegion);
  return path.slice(at + 1);
}

/** Another department of the region than `not`, or null. */
function otherDepartment(rng: Rng, ctx: GeneratorContext, regionCode: string, not: readonly string[]): UnitRef | null {
  const candidates = (ctx.units.at(regionCode)?.departments ?? []).filter((d) => !not.includes(d.id));
  return candidates.length > 0 ? rng.pick(candidates) : null;
}

/**
 * Who handles the message: the coordinator gives it to the board's own unit
 * (mostly), to the department of the board's region for the field, or to the
 * office of the region below; a signed office passes it down one level now
 * and then (链式交办, to the lower region's department or office, sometimes
 * with a co-handler: another department or the message's own street office).
 * @throws when no unit handles the board's region or any region of the message.
 */
function planChain(rng: Rng, ctx: GeneratorContext, board: BoardRef, location: Location, field: FieldCode, signed: boolean): Chain {
  const handlingClass = HANDLING_CLASS.pick(rng);
  let below = regionsBelow(location, board.regionCode);
  const boardUnit: UnitRef | undefined = board.unitId ? { id: board.unitId, name: board.unitName ?? board.name } : board.regionCode ? ctx.units.at(board.regionCode)?.office : undefined;
  let top: UnitRef | undefined;
  let topRegion: string | null = board.regionCode;
  const u = rng.next();
  if (u < 0.55 || !board.regionCode) top = boardUnit;
  else if (u < 0.85) top = ctx.units.forField(board.regionCode, field);
  else if (below[0] && ctx.units.at(below[0].code)) {
    top = ctx.units.at(below[0].code)!.office;
    topRegion = below[0].code;
    below = below.slice(1);
  }
  top ??= boardUnit;
  if (!top) {
    // No unit for the board: the nearest region of the message that has one.
    const fallback = [...regionsBelow(location, null)].reverse().find((r) => ctx.units.at(r.code));
    if (!fallback) throw new Error(`no unit handles messages of region ${location.region.code}`);
    top = ctx.units.at(fallback.code)!.office;
    topRegion = fallback.code;
    below = [];
  }
  const isOffice = topRegion !== null && ctx.units.at(topRegion)?.office.id === top.id;
  let child: UnitRef | null = null;
  let childCo: UnitRef | null = null;
  if (signed && rng.chance(isOffice || !board.regionCode ? 0.45 : 0.2)) {
    // One level down, or, from an office at the bottom, to a department of its own region.
    const lower = below.find((r) => ctx.units.at(r.code))?.code ?? (isOffice ? topRegion : null);
    if (lower) {
      const units = ctx.units.at(lower)!;
      const pick = rng.chance(0.75) ? (units.byField.get(field) ?? units.office) : units.office;
      if (pick.id !== top.id) {
        child = pick;
        if (rng.chance(0.4)) {
          const street = location.region.level === 'township' ? ctx.units.at(location.region.code)?.departments[0] : undefined;
          childCo = street && street.id !== child.id ? street : otherDepartment(rng, ctx, lower, [child.id, top.id]);
        }
      }
    }
  }
  const topCo = !child && topRegion !== null && rng.chance(0.12) ? otherDepartment(rng, ctx, topRegion, [top.id]) : null;
  return { handlingClass, top, topCo, child, childCo };
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
  let handlingClass: HandlingClass | null = null;
  let assignedAt: number | null = null;
  let closedAt: number | null = null;
  let closeReason: SyntheticMessage['closeReason'] = null;
  const handling: SyntheticAssignment[] = [];

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
    // Accepted and beyond: assigned (交办) unless merely accepted, signed for unless merely assigned.
    const handled = status !== 'accepted';
    const signed = handled && status !== 'assigned';
    const answered = status === 'replied' || status === 'dissatisfied' || status === 'closed';
    const chain = handled ? planChain(rng, ctx, board, location, field, signed) : null;
    // Passed down in a case still being handled, the lower unit may not have signed yet
    // (the upper one gave the interim reply before passing it down).
    const childSigned = chain?.child ? status !== 'handling' || rng.chance(0.85) : false;
    const hasInterim = status === 'handling' || (answered && rng.chance(0.3));
    // A satisfied rating closes the message at once; a dissatisfied one waits for the coordinator
    // (不满意), who may close it with an explanation; with no rating in 7 days it closes as 未评价.
    let closedBy: 'rating' | 'unrated' | 'coordinator' | null = null;
    let rated: ReturnType<typeof drawScores> | null = null;
    if (status === 'closed') {
      const u = rng.next();
      closedBy = u < 0.6 ? 'rating' : u < 0.96 ? 'unrated' : 'coordinator';
      if (closedBy !== 'unrated') rated = drawScores(rng, closedBy === 'rating');
    } else if (status === 'dissatisfied') {
      rated = drawScores(rng, false);
    }
    const contactFirst = signed && rng.chance(0.7);

    // The timeline as named steps (offsets from creation), squeezed to end before now.
    const steps: { name: string; offset: number }[] = [{ name: 'accepted', offset: screening }];
    let t = screening;
    const step = (name: string, delta: number) => steps.push({ name, offset: (t += delta) });
    if (handled) step('assigned', clamp(rng.logNormal(6, 1.2), 0.1, 240) * HOUR_MS);
    if (signed) {
      step('signed', clamp(rng.logNormal(5, 1), 0.05, 120) * HOUR_MS);
      if (chain?.child && childSigned) {
        step('passed', clamp(rng.logNormal(20, 0.8), 0.2, 240) * HOUR_MS);
        step('childSigned', clamp(rng.logNormal(5, 1), 0.05, 120) * HOUR_MS);
      }
      if (contactFirst) step('contacted', clamp(rng.logNormal(18, 0.9), 0.1, 240) * HOUR_MS);
    }
    if (hasInterim) step('interim', clamp(rng.logNormal(1.2, 0.8), 0.05, 30) * DAY_MS);
    if (chain?.child && !childSigned) step('passed', clamp(rng.logNormal(20, 0.8), 0.2, 240) * HOUR_MS);
    if (answered) {
      step('final', clamp(rng.logNormal(4, 0.9), 0.1, 120) * DAY_MS);
      // 已回复 and unrated: the final reply is less than 7 days old, or the timers would have closed it.
      const earliest = room - 6.5 * DAY_MS;
      if (status === 'replied' && t < earliest) steps[steps.length - 1]!.offset = t = earliest + rng.next() * 6 * DAY_MS;
    }
    if (rated) step('rated', clamp(rng.logNormal(18, 1.1), 0.2, 160) * HOUR_MS);
    if (closedBy === 'unrated') step('closed', 7 * DAY_MS);
    else if (closedBy === 'rating') step('closed', 0);
    else if (closedBy === 'coordinator') step('closed', clamp(rng.logNormal(2, 0.6), 0.2, 10) * DAY_MS);
    const squeezed = squeeze(steps.map((s) => s.offset));
    const T = new Map(steps.map((s, i) => [s.name, squeezed[i]!]));
    const end = squeezed[squeezed.length - 1]!;

    acceptedAt = T.get('accepted')!;
    events.push({ kind: 'accepted', visibility: 'public', actorId: null, unitId: null, body: null, data: {}, at: acceptedAt });

    // Who replies: the deepest lead unit that has signed (the upper one when the lower has not yet).
    let interimUnit: string | null = null;
    let finalUnit: string | null = null;
    if (chain) {
      const top = assignmentOf(ctx, chain.handlingClass, chain.top.id, 'lead', null, null, T.get('assigned')!);
      top.status = status === 'assigned' ? 'pending' : answered ? 'done' : chain.child ? 'passed_down' : 'signed';
      top.signedAt = T.get('signed') ?? null;
      handling.push(top);
      if (chain.topCo) handling.push(coAssignment(rng, assignmentOf(ctx, chain.handlingClass, chain.topCo.id, 'co', null, null, top.assignedAt), status, T.get('final') ?? null, end));
      const units = (list: (UnitRef | null)[], roles: ('lead' | 'co')[]) => list.flatMap((u, i) => (u ? [{ id: Number(u.id), name: u.name, role: roles[i]! }] : []));
      events.push({ kind: 'assigned', visibility: 'public', actorId: null, unitId: null, body: null, data: { handlingClass: chain.handlingClass, round: 0, units: units([chain.top, chain.topCo], ['lead', 'co']) }, at: top.assignedAt });
      let child: SyntheticAssignment | null = null;
      if (chain.child) {
        const passedAt = T.get('passed')!;
        child = assignmentOf(ctx, chain.handlingClass, chain.child.id, 'lead', 0, chain.top.id, passedAt, top);
        child.status = answered ? 'done' : childSigned ? 'signed' : 'pending';
        child.signedAt = T.get('childSigned') ?? null;
        handling.push(child);
        if (chain.childCo) handling.push(coAssignment(rng, assignmentOf(ctx, chain.handlingClass, chain.childCo.id, 'co', 0, chain.top.id, passedAt, top), status, T.get('final') ?? null, end));
        events.push({ kind: 'passed_down', visibility: 'public', actorId: null, unitId: chain.top.id, body: null, data: { units: units([chain.child, chain.childCo], ['lead', 'co']) }, at: passedAt, assignment: 0 });
      }
      // The deepest lead that has signed contacts the citizen and replies (the upper one, when the
      // lower has not signed yet); a contact, like a reply, counts for the chain above it.
      const replier = child && child.signedAt !== null ? child : top;
      interimUnit = hasInterim ? replier.unitId : null;
      finalUnit = answered ? replier.unitId : null;
      const contactAt = [T.get('contacted'), T.get('interim'), T.get('final')].filter((x): x is number => x !== undefined).reduce((a, b) => Math.min(a, b), Infinity);
      if (Number.isFinite(contactAt)) for (const a of replier === top ? [top] : [top, replier]) a.contactedAt = contactAt;
      if (answered) for (const a of child ? [top, child] : [top]) a.repliedAt = a.finishedAt = T.get('final')!;
      handling.forEach((a, i) => {
        if (a.signedAt !== null) events.push({ kind: 'signed', visibility: 'public', actorId: null, unitId: a.unitId, body: null, data: { role: a.role }, at: a.signedAt, assignment: i });
      });
    }
    if (hasInterim) {
      const body = text.interimReply();
      const interimAt = T.get('interim')!;
      replies.push(body);
      events.push({ kind: 'reply', visibility: 'public', actorId: null, unitId: interimUnit, body, data: { final: false }, at: interimAt });
      firstReplyAt = interimAt;
      lastReplyAt = interimAt;
    }
    if (answered) {
      const body = text.finalReply(template, title);
      finalReplyAt = T.get('final')!;
      replies.push(body);
      events.push({ kind: 'reply', visibility: 'public', actorId: null, unitId: finalUnit, body, data: { final: true }, at: finalReplyAt });
      firstReplyAt ??= finalReplyAt;
      lastReplyAt = finalReplyAt;
    }
    if (rated) {
      const { grade, ...scores } = rated;
      const ratedAt = T.get('rated')!;
      const comment = rng.chance(0.35) ? text.ratingComment(!isSatisfied(grade) ? 'bad' : grade === 'basically_satisfied' ? 'fair' : 'good') : null;
      rating = { ...scores, grade, comment, ratedAt };
      events.push({ kind: 'rated', visibility: 'public', actorId: author.id, unitId: null, body: comment, data: { grade, ...scores }, at: ratedAt });
    }
    if (closedBy) {
      closedAt = T.get('closed')!;
      closeReason = closedBy === 'rating' ? 'rated' : closedBy === 'unrated' ? 'unrated' : 'explained';
      // 说明办结 carries the coordinator's explanation, as handling.supervise.ts requires of it.
      const explanation = closedBy === 'coordinator' ? text.closingExplanation(title) : null;
      events.push({ kind: 'closed', visibility: 'public', actorId: null, unitId: null, body: explanation, data: { by: closedBy }, at: closedAt });
    }
    // A few citizens follow up (追问) while the case is open.
    if (rng.chance(0.04)) {
      const last = Math.min(finalReplyAt ?? ctx.now - 60_000, ctx.now - 60_000);
      if (last > acceptedAt) {
        const followAt = acceptedAt + Math.floor(rng.next() * (last - acceptedAt));
        events.push({ kind: 'follow_up', visibility: 'public', actorId: author.id, unitId: null, body: text.followUp(), data: {}, at: followAt });
      }
    }
    // Stable: equal times keep their logical order.
    events.sort((a, b) => a.at - b.at);
    handlingClass = chain?.handlingClass ?? null;
    assignedAt = chain ? T.get('assigned')! : null;
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
    handlingClass,
    assignedAt,
    closedAt,
    closeReason,
    assignments: handling,
    events,
    rating,
    replies,
    searchPieces: { title: text.titlePieces, body: text.bodyPieces },
  };
}
