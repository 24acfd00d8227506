/**
 * Handling: classes, deadlines and the assignment state machine (one unit's
 * part in one round of a message). The message machine is in messages.ts.
 */
export const HANDLING_CLASSES = ['special', 'timely', 'coordinated', 'high'] as const;
/** 特别办, 及时办, 协调办, 高位办. */
export type HandlingClass = (typeof HANDLING_CLASSES)[number];

export const ASSIGNMENT_ROLES = ['lead', 'co'] as const;
/** 主办, 协办. */
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const ASSIGNMENT_STATUSES = ['pending', 'signed', 'passed_down', 'returned', 'done', 'cancelled'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['pending', 'signed', 'passed_down'];

export type AssignmentAction = 'sign' | 'return' | 'pass_down' | 'take_back' | 'complete' | 'cancel';

/**
 * 6 transitions. pending 待签收 → signed 办理中 → done; signed → passed_down
 * (链式交办: the work is with a child) → signed again when the lead child returns
 * it (take_back); pending|signed → returned 退回; any open → cancelled when the
 * round ends without this unit (reassignment, 重办, the parent took it back).
 */
export const ASSIGNMENT_TRANSITIONS: Record<AssignmentAction, { from: readonly AssignmentStatus[]; to: AssignmentStatus }> = {
  sign: { from: ['pending'], to: 'signed' },
  return: { from: ['pending', 'signed'], to: 'returned' },
  pass_down: { from: ['signed'], to: 'passed_down' },
  take_back: { from: ['passed_down'], to: 'signed' },
  complete: { from: ['signed', 'passed_down'], to: 'done' },
  cancel: { from: ['pending', 'signed', 'passed_down'], to: 'cancelled' },
};

export function canAssignmentTransition(status: AssignmentStatus, action: AssignmentAction): boolean {
  return ASSIGNMENT_TRANSITIONS[action].from.includes(status);
}

export const DEADLINE_KINDS = ['sign', 'contact', 'reply'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Amber when this share of the time to a deadline has passed. */
export const AMBER_AT = 0.8;

export type DeadlineState = 'ok' | 'amber' | 'red' | 'met';

/** Where a deadline stands at `now`: met (done in time or late), ok, amber (≥ 80% of the time gone) or red (missed). */
export function deadlineState(start: Date | string, due: Date | string, doneAt: Date | string | null, now: Date = new Date()): DeadlineState {
  if (doneAt !== null) return 'met';
  const s = new Date(start).getTime();
  const d = new Date(due).getTime();
  const n = now.getTime();
  if (n > d) return 'red';
  if (n >= s + (d - s) * AMBER_AT) return 'amber';
  return 'ok';
}

export const REPLY_REVIEW_MODES = ['none', 'unit_admin', 'coordinator'] as const;
/** Who approves a unit's replies before publication. */
export type ReplyReviewMode = (typeof REPLY_REVIEW_MODES)[number];

export const CONTACT_METHODS = ['phone', 'visit', 'sms', 'meeting', 'other'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const REPLY_MAX = 5000;
export const REASON_MAX = 500;
