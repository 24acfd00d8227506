/**
 * The message state machine: one table of allowed transitions. Every other
 * module asks it; nothing else decides what may follow what.
 */
export const MESSAGE_TYPES = ['consult', 'suggest', 'complain', 'help', 'thanks'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const CHANNELS = ['web', 'app', 'mini_program', 'hotline', 'email', 'letter', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MESSAGE_STATUSES = ['submitted', 'accepted', 'rejected', 'withdrawn', 'handling', 'replied', 'closed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The public board's tabs: 待回复, 办理中, 已办理. */
export const PUBLIC_STATUSES = ['pending', 'handling', 'done'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export type MessageAction = 'accept' | 'reject' | 'withdraw' | 'start_handling' | 'reply_interim' | 'reply_final' | 'close' | 'reopen';

export const TRANSITIONS: Record<MessageAction, { from: readonly MessageStatus[]; to: MessageStatus | null }> = {
  accept: { from: ['submitted'], to: 'accepted' },
  reject: { from: ['submitted'], to: 'rejected' },
  withdraw: { from: ['submitted'], to: 'withdrawn' },
  // Assignment (the handling issue) moves an accepted message into handling.
  start_handling: { from: ['accepted'], to: 'handling' },
  // An interim reply keeps the status (null: unchanged) but moves an accepted message to handling.
  reply_interim: { from: ['accepted', 'handling'], to: 'handling' },
  reply_final: { from: ['accepted', 'handling'], to: 'replied' },
  close: { from: ['replied'], to: 'closed' },
  reopen: { from: ['replied', 'closed'], to: 'handling' },
};

export function canTransition(status: MessageStatus, action: MessageAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** Which tab of the public board a status belongs to; null: not on the public board. */
export function publicStatusOf(status: MessageStatus): PublicStatus | null {
  switch (status) {
    case 'accepted':
      return 'pending';
    case 'handling':
      return 'handling';
    case 'replied':
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
