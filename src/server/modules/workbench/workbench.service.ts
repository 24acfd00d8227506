/**
 * The console home (工作台): what is waiting for this staff member today, per role, each count a
 * link to the list that holds the rows, and the unit's figures for the month. One request, so the
 * page a clerk opens every morning draws at once.
 */
import type { Database } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import { authorize, can } from '../access/access.policy.js';
import { handlingCounts, inboxCounts } from '../handling/handling.queries.js';
import { countAwaitingReview, countAwaitingScreening, countPendingExtensions, unitMonthFigures, WORKBENCH_COUNT_CAP } from './workbench.queries.js';

/** @throws unauthenticated, forbidden (citizens). */
export async function getWorkbench(db: Database, actor: Actor | null, now = new Date()) {
  authorize(actor, 'console.enter');
  const [screening, supervision, extensions, inbox, reviews, month] = await Promise.all([
    can(actor, 'message.screen') ? countAwaitingScreening(db, actor) : null,
    can(actor, 'message.supervise') ? handlingCounts(db, actor, now) : null,
    can(actor, 'message.supervise') ? countPendingExtensions(db, actor) : null,
    can(actor, 'assignment.handle') ? inboxCounts(db, actor, {}, now) : null,
    can(actor, 'reply.review') ? countAwaitingReview(db, actor) : null,
    can(actor, 'assignment.handle') && actor.unitPath ? unitMonthFigures(db, actor.unitPath, now) : null,
  ]);
  return {
    cap: WORKBENCH_COUNT_CAP,
    screening: screening === null ? null : { toScreen: screening },
    supervision:
      supervision === null
        ? null
        : { toAssign: supervision.unassigned, today: supervision.today, overdue: supervision.overdue, supervised: supervision.supervised, dissatisfied: supervision.dissatisfied, open: supervision.open, extensions: extensions ?? 0 },
    inbox: inbox === null ? null : { toSign: inbox.to_sign, inProgress: inbox.in_progress, dueSoon: inbox.due_soon, overdue: inbox.overdue, returned: inbox.returned },
    reviews: reviews === null ? null : { awaitingReview: reviews },
    month: month === null ? null : { ...month, onTimeRate: month.replied === 0 ? null : month.repliedOnTime / month.replied },
  };
}
