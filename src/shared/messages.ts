/**
 * The message state machine: one table of allowed transitions. Every other
 * module asks it; nothing else decides what may follow what. The assignment
 * machine (one unit's part) is in handling.ts.
 */
export const MESSAGE_TYPES = ['consult', 'suggest', 'complain', 'help', 'thanks'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const CHANNELS = ['web', 'app', 'mini_program', 'hotline', 'email', 'letter', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MESSAGE_STATUSES = ['submitted', 'accepted', 'rejected', 'withdrawn', 'assigned', 'handling', 'replied', 'dissatisfied', 'closed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The public board's tabs: 待回复, 办理中, 已办理. */
export const PUBLIC_STATUSES = ['pending', 'handling', 'done'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export type MessageAction =
  | 'accept'
  | 'reject'
  | 'withdraw'
  | 'assign'
  | 'sign'
  | 'return_to_coordinator'
  | 'reply_interim'
  | 'reply_final'
  | 'rate_satisfied'
  | 'rate_dissatisfied'
  | 'reopen'
  | 'close_explained'
  | 'auto_close';

/**
 * Every status change a message can make, and nothing else. The server
 * refuses any action whose `from` does not hold the current status (409
 * message_state), whatever the client sends. 13 transitions:
 *
 * submitted ─accept→ accepted ─assign→ assigned ─sign→ handling ─reply_final→ replied
 *     │ reject/withdraw        ↑   return_to_coordinator ┘  (reply_interim: stays)   │
 *     ↓                        └──────────────────────────                            │
 * rejected / withdrawn     replied ─rate_satisfied / auto_close→ closed               │
 *                          replied|closed ─rate_dissatisfied→ dissatisfied ─reopen→ assigned
 *                          dissatisfied ─close_explained / rate_satisfied→ closed
 */
export const TRANSITIONS: Record<MessageAction, { from: readonly MessageStatus[]; to: MessageStatus }> = {
  accept: { from: ['submitted'], to: 'accepted' },
  reject: { from: ['submitted'], to: 'rejected' },
  withdraw: { from: ['submitted'], to: 'withdrawn' },
  // 交办: the coordinator gives it to a lead unit (and co-handlers).
  assign: { from: ['accepted'], to: 'assigned' },
  // 签收 by the top lead unit of the round.
  sign: { from: ['assigned'], to: 'handling' },
  // 退回 by the top lead unit: back to the coordinator's queue to assign again.
  return_to_coordinator: { from: ['assigned', 'handling'], to: 'accepted' },
  reply_interim: { from: ['handling'], to: 'handling' },
  // A final reply once published (after review, when the unit requires it).
  reply_final: { from: ['handling'], to: 'replied' },
  rate_satisfied: { from: ['replied', 'dissatisfied'], to: 'closed' },
  // 不满意 goes to the coordinator's queue; also when a rating is changed within the allowed days.
  rate_dissatisfied: { from: ['replied', 'closed'], to: 'dissatisfied' },
  // 重办 (at most MAX_REOPENS times): a new round with new deadlines.
  reopen: { from: ['dissatisfied'], to: 'assigned' },
  close_explained: { from: ['dissatisfied'], to: 'closed' },
  // 未评价: no rating AUTO_CLOSE_DAYS after the final reply.
  auto_close: { from: ['replied'], to: 'closed' },
};

export const MAX_REOPENS = 2;
export const AUTO_CLOSE_DAYS = 7;

export function canTransition(status: MessageStatus, action: MessageAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** Statuses in which a message is still being worked on (the coordinator's open list). */
export const OPEN_STATUSES: readonly MessageStatus[] = ['accepted', 'assigned', 'handling', 'dissatisfied'];

/** The author may follow up (追问, or thank) once the message is accepted, whatever happened since. */
export const FOLLOW_UP_STATUSES: readonly MessageStatus[] = ['accepted', 'assigned', 'handling', 'replied', 'dissatisfied', 'closed'];

/** Which tab of the public board a status belongs to; null: not on the public board. */
export function publicStatusOf(status: MessageStatus): PublicStatus | null {
  switch (status) {
    case 'accepted':
    case 'assigned':
      return 'pending';
    case 'handling':
      return 'handling';
    case 'replied':
    case 'dissatisfied':
    case 'closed':
      return 'done';
    default:
      return null;
  }
}

export const REJECT_REASONS = ['duplicate', 'no_substance', 'illegal_content', 'litigation', 'out_of_scope', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const RATING_GRADES = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export type RatingGrade = (typeof RATING_GRADES)[number];

/** The overall grade from the three 1–5 scores (解决程度, 办理态度, 办理速度): their mean, rounded half up. */
export function gradeOf(scores: { resolution: number; attitude: number; speed: number }): RatingGrade {
  const mean = (scores.resolution + scores.attitude + scores.speed) / 3;
  if (mean >= 4.5) return 'very_satisfied';
  if (mean >= 3.5) return 'satisfied';
  if (mean >= 2.5) return 'basically_satisfied';
  if (mean >= 1.5) return 'dissatisfied';
  return 'very_dissatisfied';
}

/**
 * The body of POST /messages (docs/api.md, `NewMessage`): one definition for the
 * server, the web and the tests. The route's TypeBox schema enforces the limits below.
 */
export interface NewMessage {
  boardId: number;
  type: MessageType;
  fieldCode: string;
  regionCode: string;
  title: string;
  body: string;
  privateNote?: string;
  isPublic: boolean;
  photosPublic?: boolean;
  locationPublic?: boolean;
  photoIds?: string[];
  channel?: Channel;
}

export const TITLE_MIN = 4;
export const TITLE_MAX = 50;
export const BODY_MIN = 10;
export const BODY_MAX = 3000;
export const NOTE_MAX = 500;
export const FOLLOW_UP_MAX = 1000;
export const COMMENT_MAX = 500;
export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
