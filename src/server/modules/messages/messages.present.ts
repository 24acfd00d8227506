/**
 * How a message looks to whoever asks. Everything a member of the public can
 * see goes through maskPersonalData; the author and staff in scope see the
 * text as written.
 */
import { maskPersonalData } from '../../../shared/mask.js';
import type { MessageStatus, PublicStatus, RatingGrade } from '../../../shared/messages.js';
import { excerptAround, highlightRanges } from '../search/highlight.js';
import type { MessageRow } from './messages.repository.js';

export type Viewer = 'public' | 'author' | 'staff';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentSummary(row: MessageRow, viewer: Viewer, terms: string[] = []) {
  const reveal = viewer !== 'public';
  const title = reveal ? row.title : maskPersonalData(row.title);
  const body = reveal ? row.body : maskPersonalData(row.body);
  const showRegion = reveal || row.location_public;
  const bodyHits = highlightRanges(body, terms);
  const excerpt = excerptAround(body, bodyHits, 120);
  return {
    id: Number(row.id),
    number: row.number,
    title,
    type: row.type,
    fieldCode: row.field_code,
    status: row.status as MessageStatus,
    publicStatus: row.public_status as PublicStatus | null,
    board: { id: Number(row.board_id), name: row.board_name },
    region: showRegion ? { code: row.region_code, name: row.region_name } : null,
    createdAt: iso(row.created_at)!,
    lastReplyAt: iso(row.last_reply_at),
    replyCount: row.reply_count,
    excerpt: excerpt.text,
    ...(terms.length > 0 ? { highlight: { title: highlightRanges(title, terms), excerpt: excerpt.ranges } } : {}),
  };
}

export interface TimelineRow {
  id: string;
  kind: string;
  visibility?: string;
  body: string | null;
  data: Record<string, unknown>;
  created_at: Date | string;
  unit_id: string | null;
  unit_name: string | null;
}

/**
 * What of an event's data the public sees: the units on the chain and the
 * round, never instructions, handling classes or account ids.
 */
const PUBLIC_DATA_KEYS: Record<string, readonly string[]> = {
  submitted: ['channel'],
  assigned: ['units', 'round'],
  passed_down: ['units'],
  signed: ['role'],
  returned: ['role'],
  reply: ['final'],
  reopened: ['units', 'round'],
  closed: ['by'],
  rated: ['grade', 'resolution', 'attitude', 'speed'],
  rating_changed: ['grade', 'previous'],
  // 机构改革: "原承办单位 from 因机构调整并入 into" (units.merge.service.ts).
  unit_merged: ['from', 'into'],
};

function publicData(kind: string, data: Record<string, unknown>): Record<string, unknown> {
  const keys = PUBLIC_DATA_KEYS[kind] ?? [];
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (!(key in data)) continue;
    if (key === 'units' && Array.isArray(data.units)) out[key] = (data.units as { name?: string; role?: string }[]).map((u) => ({ name: u.name, role: u.role }));
    else if ((key === 'from' || key === 'into') && typeof data[key] === 'object' && data[key] !== null) out[key] = { name: (data[key] as { name?: string }).name };
    else out[key] = data[key];
  }
  return out;
}

/** Steps whose text is internal even though the step itself is public (the assigner's instructions). */
const INTERNAL_BODY_KINDS = new Set(['assigned', 'passed_down', 'reopened', 'returned', 'unit_merged']);

export function presentTimelineEntry(e: TimelineRow, viewer: Viewer) {
  if (viewer !== 'staff') {
    e = { ...e, data: viewer === 'public' || INTERNAL_BODY_KINDS.has(e.kind) ? publicData(e.kind, e.data) : e.data, body: INTERNAL_BODY_KINDS.has(e.kind) ? null : e.body };
  }
  return {
    id: Number(e.id),
    kind: e.kind,
    at: iso(e.created_at)!,
    body: e.body === null ? null : viewer === 'public' ? maskPersonalData(e.body) : e.body,
    unit: e.unit_id === null ? null : { id: Number(e.unit_id), name: e.unit_name ?? '' },
    ...(e.kind === 'reply' ? { final: e.data.final === true } : {}),
    // Staff see which steps the public does not (内部).
    ...(viewer === 'staff' && e.visibility ? { visibility: e.visibility as 'public' | 'author' | 'internal' } : {}),
    data: e.data,
  };
}

export interface RatingRow {
  resolution: number;
  attitude: number;
  speed: number;
  grade: string;
  comment: string | null;
  rated_at: Date | string;
  changed_at: Date | string | null;
  change_count: number;
}

export const RATING_CHANGE_DAYS = 7;

export function canChangeRating(r: RatingRow, now = new Date()): boolean {
  return r.change_count === 0 && now.getTime() - new Date(r.rated_at).getTime() <= RATING_CHANGE_DAYS * 86_400_000;
}

export function presentRating(r: RatingRow, viewer: Viewer) {
  return {
    resolution: r.resolution,
    attitude: r.attitude,
    speed: r.speed,
    grade: r.grade as RatingGrade,
    comment: r.comment === null ? null : viewer === 'public' ? maskPersonalData(r.comment) : r.comment,
    ratedAt: iso(r.rated_at)!,
    changedAt: iso(r.changed_at),
    canChange: viewer === 'author' && canChangeRating(r),
  };
}
