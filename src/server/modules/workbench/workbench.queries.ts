/**
 * The counts of a staff member's console home: each a capped count over an index, in the same
 * scope as the list it links to, so that the number on the home page is the number of rows the
 * list shows.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import { boardVisibleSql, isGlobal } from '../access/access.policy.js';

/** Beyond this a count reads "10,000+" (the lists count the same way). */
export const WORKBENCH_COUNT_CAP = 10_000;

async function capped(db: Executor, query: ReturnType<typeof sql>): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${query} LIMIT ${WORKBENCH_COUNT_CAP}) x`.execute(db);
  return r.rows[0]!.n;
}

/** Messages waiting for screening on the boards the actor screens (the 留言审核 queue). */
export function countAwaitingScreening(db: Executor, actor: Actor): Promise<number> {
  return capped(db, sql`SELECT 1 FROM messages JOIN boards ON boards.id = messages.board_id WHERE messages.status = 'submitted' AND ${boardVisibleSql(actor)}`);
}

/** Extension requests waiting for the coordinator's decision in the actor's region. */
export function countPendingExtensions(db: Executor, actor: Actor): Promise<number> {
  return capped(db, sql`SELECT 1 FROM extension_requests e JOIN messages m ON m.id = e.message_id JOIN boards b ON b.id = m.board_id WHERE e.status = 'pending' AND ${boardVisibleSql(actor, 'b')}`);
}

/** Replies waiting for the actor's review: as a unit admin of the own subtree, as a coordinator of the region (listReviews' rule). */
export function countAwaitingReview(db: Executor, actor: Actor): Promise<number> {
  const ors = [];
  if (isGlobal(actor)) ors.push(sql`true`);
  if (actor.roles.includes('unit_admin') && actor.unitPath) ors.push(sql`(r.review_by = 'unit_admin' AND u.path <@ ${actor.unitPath}::ltree)`);
  if (actor.roles.includes('coordinator')) ors.push(sql`(r.review_by = 'coordinator' AND ${boardVisibleSql(actor, 'b')})`);
  if (ors.length === 0) return Promise.resolve(0);
  return capped(
    db,
    sql`SELECT 1 FROM replies r JOIN units u ON u.id = r.unit_id JOIN messages m ON m.id = r.message_id JOIN boards b ON b.id = m.board_id
        WHERE r.status = 'pending_review' AND (${sql.join(ors, sql` OR `)})`,
  );
}

export interface UnitMonthFigures {
  /** Lead assignments given to the unit subtree this month. */
  received: number;
  /** Lead assignments answered (final reply) this month. */
  replied: number;
  /** Of those, answered by their reply deadline (extensions included). */
  repliedOnTime: number;
}

/**
 * The actor's unit subtree this month (Beijing): lead work received and answered. Lead
 * assignments only, so a message passed down through three units counts once per unit that led it.
 */
export async function unitMonthFigures(db: Executor, unitPath: string, now: Date): Promise<UnitMonthFigures> {
  const r = await sql<UnitMonthFigures>`
    WITH bounds AS (SELECT (date_trunc('month', ${now}::timestamptz AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai') AS start)
    SELECT count(*) FILTER (WHERE a.assigned_at >= bounds.start)::int AS received,
           count(*) FILTER (WHERE a.replied_at >= bounds.start)::int AS replied,
           count(*) FILTER (WHERE a.replied_at >= bounds.start AND a.replied_at <= a.reply_due)::int AS "repliedOnTime"
    FROM bounds, assignments a
    WHERE a.role = 'lead'
      AND a.unit_id IN (SELECT id FROM units WHERE path <@ ${unitPath}::ltree)
      AND (a.assigned_at >= bounds.start OR a.replied_at >= bounds.start)`.execute(db);
  return r.rows[0]!;
}
