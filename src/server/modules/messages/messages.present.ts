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
  body: string | null;
  data: Record<string, unknown>;
  created_at: Date | string;
  unit_id: string | null;
  unit_name: string | null;
}

export function presentTimelineEntry(e: TimelineRow, viewer: Viewer) {
  return {
    id: Number(e.id),
    kind: e.kind,
    at: iso(e.created_at)!,
    body: e.body === null ? null : viewer === 'public' ? maskPersonalData(e.body) : e.body,
    unit: e.unit_id === null ? null : { id: Number(e.unit_id), name: e.unit_name ?? '' },
    ...(e.kind === 'reply' ? { final: e.data.final === true } : {}),
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
