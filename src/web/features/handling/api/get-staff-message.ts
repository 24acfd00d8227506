import { useQuery } from '@tanstack/react-query';
import type { AssignmentRole, AssignmentStatus, DeadlineKind, DeadlineState, HandlingClass } from '../../../../shared/handling';
import type { LetterKind } from '../../../../shared/letters';
import type { RatingGrade, RejectReason } from '../../../../shared/messages';
import type { EventEntry } from '../../../components/event-timeline';
import type { MessageBasics } from '../../../lib/api/message-basics';
import { api } from '../../../lib/api-client';

/** One deadline of an assignment as the server sees it now (docs/api.md, `Assignment.deadlines`). */
export interface Deadline {
  due: string;
  doneAt: string | null;
  state: DeadlineState;
  /** Done, but after `due`. */
  late: boolean;
  /** The due day is in a year whose holidays are not entered yet: counted on weekends only (暂按双休日计算). */
  provisional: boolean;
}

/** What the caller may do with one assignment; the web never re-derives these rules. */
export interface AssignmentAbilities {
  sign: boolean;
  return: boolean;
  passDown: boolean;
  contact: boolean;
  contribute: boolean;
  reply: boolean;
  requestExtension: boolean;
}

/** One unit's part in one round of a message (handling.schemas.ts, `Assignment`). */
export interface Assignment {
  id: number;
  round: number;
  parentId: number | null;
  unit: { id: number; name: string };
  role: AssignmentRole;
  status: AssignmentStatus;
  handlingClass: HandlingClass;
  instructions: string | null;
  assignedBy: { id: number; name: string } | null;
  assignedAt: string;
  returnReason: string | null;
  extensionDays: number;
  deadlines: Record<DeadlineKind, Deadline>;
  abilities: AssignmentAbilities;
}

export interface HeldReply {
  id: number;
  round: number;
  kind: string;
  final: boolean;
  body: string;
  status: 'pending_review' | 'rejected' | (string & {});
  reviewBy: 'unit_admin' | 'coordinator' | null;
  reviewNote: string | null;
  unit: { id: number; name: string };
  submittedAt: string;
  canReview: boolean;
}

export interface ExtensionOnMessage {
  id: number;
  assignmentId: number;
  days: number;
  reason: string;
  status: 'pending' | 'approved' | 'refused' | (string & {});
  requestedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
  canDecide: boolean;
}

export interface HandlingAbilities {
  assign: boolean;
  reopen: boolean;
  closeExplained: boolean;
  urge: boolean;
  supervise: boolean;
  callback: boolean;
  leaderAttention: boolean;
  instruct: boolean;
  note: boolean;
}

/** The staff-only `handling` block of a message (handling.schemas.ts, `Handling`). */
export interface Handling {
  handlingClass: HandlingClass | null;
  round: number;
  reopensLeft: number;
  supervisedAt: string | null;
  leaderAttention: boolean;
  overdueCount: number;
  closeReason: string | null;
  assignments: Assignment[];
  heldReplies: HeldReply[];
  extensions: ExtensionOnMessage[];
  letters: LetterKind[];
  abilities: HandlingAbilities;
}

export interface StaffTimelineEntry extends EventEntry {
  /** Sent by servers that mark it; older answers leave it out. */
  visibility?: 'public' | 'author' | 'internal';
}

/** GET /messages/{id} as staff in scope see it. */
export interface StaffMessage extends MessageBasics {
  region: { code: string; name: string } | null;
  replyCount: number;
  body: string;
  isPublic: boolean;
  photosPublic: boolean;
  locationPublic: boolean;
  channel: string;
  author: { nickname: string };
  photos: { id: string; url: string; thumbUrl: string }[];
  timeline: StaffTimelineEntry[];
  rating: { grade: RatingGrade; comment: string | null; ratedAt: string } | null;
  rejectReason?: RejectReason | null;
  privateNote?: string | null;
  flags?: string[];
  /** null or absent when the caller is not staff in scope. */
  handling?: Handling | null;
  abilities: { reply: boolean; screen: boolean };
}

/** The same key as the public message page's, so an action here refreshes both. */
export const staffMessageQueryKey = (id: string | number) => ['messages', 'detail', String(id)] as const;

export function fetchStaffMessage(id: string): Promise<StaffMessage> {
  return api.get<StaffMessage>(`/messages/${encodeURIComponent(id)}`);
}

export function useStaffMessage(id: string) {
  return useQuery({ queryKey: staffMessageQueryKey(id), queryFn: () => fetchStaffMessage(id) });
}
