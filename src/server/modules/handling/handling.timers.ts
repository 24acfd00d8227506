/**
 * What the clock does to handling, run by pg-boss (src/server/jobs): warnings
 * at amber (80% of the time gone) to the unit, at red (missed) to the unit and
 * the coordinator; a second missed deadline on a message puts it under
 * supervision; a final reply without a rating for 7 days closes the message
 * as 未评价. Each effect happens once, whoever runs the sweep and however
 * often: alerts are keyed rows (deadline_alerts) inserted ON CONFLICT DO
 * NOTHING, and closing goes through the state machine under the row lock.
 */
import { sql } from 'kysely';
import { AUTO_CLOSE_DAYS } from '../../../shared/messages.js';
import type { Database, Executor } from '../../db/database.js';
import { transaction } from '../../db/transaction.js';
import type { JobDefinition } from '../../jobs/jobs.js';
import { findMessage, insertEvent } from '../messages/messages.repository.js';
import { transition } from '../messages/message-transition.js';
import { noticeToAccounts, noticeToUnits, roundAssigners } from './handling.notices.js';
import { openSupervision } from './handling.supervise.js';

interface NewAlert {
  assignment_id: string;
  deadline: 'sign' | 'contact' | 'reply';
  level: 'amber' | 'red';
  due_at: Date;
  message_id: string;
  unit_id: string;
}

const DEADLINE_ZH = { sign: '签收', contact: '联系网民', reply: '答复' } as const;
const DEADLINE_TW = { sign: '簽收', contact: '聯繫網民', reply: '答覆' } as const;
const DEADLINE_EN = { sign: 'signing', contact: 'contacting the author', reply: 'the final reply' } as const;

/** Messages whose alerts are raised and acted on per transaction: a backlog (after an outage) becomes many short transactions, not one long one. */
const ALERT_BATCH = 500;

/** The deadlines of open assignments (of the given messages, or of all) that are due for an alert at `now` and have none yet. */
function dueAlerts(now: Date, messageIds: string[] | null) {
  const only = messageIds === null ? sql`` : sql`AND a.message_id = ANY(${messageIds}::bigint[])`;
  return sql`
    WITH open_deadlines AS (
      SELECT a.id, a.message_id, a.unit_id, a.assigned_at, 'sign'::text AS deadline, a.sign_due AS due_at
        FROM assignments a WHERE a.status = 'pending' ${only}
      UNION ALL
      SELECT a.id, a.message_id, a.unit_id, a.assigned_at, 'contact', a.contact_due
        FROM assignments a WHERE a.status IN ('pending','signed') AND a.role = 'lead' AND a.contacted_at IS NULL ${only}
      UNION ALL
      -- A unit that passed the work down waits: its lead child carries the same contact and reply deadlines.
      SELECT a.id, a.message_id, a.unit_id, a.assigned_at, 'reply', a.reply_due
        FROM assignments a WHERE a.status IN ('pending','signed') AND a.role = 'lead' ${only}
    )
    SELECT d.*, CASE WHEN d.due_at < ${now} THEN 'red' ELSE 'amber' END AS level
    FROM open_deadlines d
    WHERE ${now} >= d.assigned_at + (d.due_at - d.assigned_at) * 0.8
      AND NOT EXISTS (SELECT 1 FROM deadline_alerts x WHERE x.assignment_id = d.id AND x.deadline = d.deadline
                      AND x.due_at = d.due_at AND x.level = CASE WHEN d.due_at < ${now} THEN 'red' ELSE 'amber' END)`;
}

/**
 * Locks up to `batch` messages that have alerts due, in id order, skipping
 * those another transaction holds (a unit acting on it, another process's
 * sweep): they are left for the next sweep. The message row comes first, as in
 * every handling action (src/server/db/transaction.ts); raising an alert
 * before it would hold the assignment (the alert's foreign key) while waiting
 * for the message, the reverse order, and deadlock with the unit signing it.
 */
async function lockMessagesWithDueAlerts(tx: Executor, now: Date, batch: number): Promise<string[]> {
  const result = await sql<{ id: string }>`
    SELECT m.id FROM messages m
    WHERE m.id IN (SELECT message_id FROM (${dueAlerts(now, null)}) due)
    ORDER BY m.id
    LIMIT ${batch}
    FOR UPDATE OF m SKIP LOCKED`.execute(tx);
  return result.rows.map((r) => r.id);
}

/**
 * Records the alerts of the locked messages due at `now`; returns only the new
 * ones. Computed afresh under the locks, so what a unit did just before (a
 * signature, a contact) is seen and nothing already done is warned about.
 */
async function raiseAlerts(tx: Executor, now: Date, messageIds: string[]): Promise<NewAlert[]> {
  if (messageIds.length === 0) return [];
  const result = await sql<NewAlert>`
    WITH due AS (${dueAlerts(now, messageIds)})
    INSERT INTO deadline_alerts (assignment_id, deadline, level, due_at, created_at)
    SELECT id, deadline, level, due_at, ${now} FROM due ORDER BY id, deadline
    ON CONFLICT DO NOTHING
    RETURNING assignment_id, deadline, level, due_at,
      (SELECT message_id FROM assignments WHERE id = assignment_id) AS message_id,
      (SELECT unit_id FROM assignments WHERE id = assignment_id) AS unit_id`.execute(tx);
  // Acted on message by message, in the order the messages were locked.
  return result.rows.sort((a, b) => Number(a.message_id) - Number(b.message_id) || Number(a.assignment_id) - Number(b.assignment_id));
}

/** True when an earlier sweep already counted a deadline of this message missed at the same instant. */
async function missedBefore(tx: Executor, messageId: string, dueAt: Date, now: Date): Promise<boolean> {
  const row = await sql<{ hit: boolean }>`
    SELECT EXISTS (SELECT 1 FROM deadline_alerts x JOIN assignments a ON a.id = x.assignment_id
                   WHERE a.message_id = ${messageId} AND x.level = 'red' AND x.due_at = ${dueAt} AND x.created_at < ${now}) AS hit`.execute(tx);
  return row.rows[0]?.hit === true;
}

/** One sweep: raise new deadline alerts and act on them, a batch of messages per transaction. Returns how many alerts were raised. */
export async function sweepDeadlines(db: Database, now = new Date(), batch = ALERT_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const { messages, raised } = await sweepBatch(db, now, batch);
    total += raised;
    // A short batch: every message with an alert due was swept, or is held by someone else and waits for the next sweep.
    if (messages < batch) return total;
  }
}

async function sweepBatch(db: Database, now: Date, batch: number): Promise<{ messages: number; raised: number }> {
  return transaction(db, async (tx) => {
    const locked = await lockMessagesWithDueAlerts(tx, now, batch);
    const alerts = await raiseAlerts(tx, now, locked);
    const countedMoments = new Set<string>();
    for (const alert of alerts) {
      const m = (await findMessage(tx, alert.message_id, true))!;
      const due = new Date(alert.due_at).toISOString();
      if (alert.level === 'amber') {
        await noticeToUnits(tx, 'deadline_amber', m, [alert.unit_id], {
          'zh-CN': `即将超期：留言 ${m.number} 的${DEADLINE_ZH[alert.deadline]}时限将到`,
          'zh-TW': `即將超期：留言 ${m.number} 的${DEADLINE_TW[alert.deadline]}時限將到`,
          en: `Due soon: the deadline for ${DEADLINE_EN[alert.deadline]} of ${m.number} is near`,
        });
        continue;
      }
      await insertEvent(tx, { messageId: m.id, kind: 'overdue', visibility: 'internal', actorId: null, unitId: alert.unit_id, data: { assignmentId: Number(alert.assignment_id), deadline: alert.deadline, dueAt: due } });
      const title = {
        'zh-CN': `已超期：留言 ${m.number} 的${DEADLINE_ZH[alert.deadline]}时限已过`,
        'zh-TW': `已超期：留言 ${m.number} 的${DEADLINE_TW[alert.deadline]}時限已過`,
        en: `Overdue: the deadline for ${DEADLINE_EN[alert.deadline]} of ${m.number} has passed`,
      };
      await noticeToUnits(tx, 'deadline_red', m, [alert.unit_id], title);
      // Deadlines missed at the same instant (特别办: sign and contact on one day) are one lateness, told and counted once.
      const sameMoment = `${m.id}:${due}`;
      if (countedMoments.has(sameMoment) || (await missedBefore(tx, m.id, alert.due_at, now))) continue;
      countedMoments.add(sameMoment);
      await noticeToAccounts(tx, 'deadline_red', m, await roundAssigners(tx, m.id, m.round), title);
      const updated = await tx.updateTable('messages').set({ overdue_count: sql`overdue_count + 1` as never }).where('id', '=', m.id).returning(['overdue_count', 'supervised_at']).executeTakeFirstOrThrow();
      // Repeated lateness: the second missed deadline puts the message on the supervision list.
      if (updated.overdue_count >= 2 && updated.supervised_at === null) {
        // Issued in the name of the office that assigned the round.
        const top = await tx.selectFrom('assignments').select('assigned_by_unit_id').where('message_id', '=', m.id).where('round', '=', m.round).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
        await openSupervision(tx, { ...m, supervised_at: null }, { accountId: null, unitId: top?.assigned_by_unit_id ?? null }, '该留言多次超期未办，系统自动列入督办，请承办单位立即办理并反馈。', now, true);
      }
    }
    return { messages: locked.length, raised: alerts.length };
  });
}

/** Closes as 未评价 every message whose final reply is older than AUTO_CLOSE_DAYS without a rating. Returns how many. */
export async function closeUnrated(db: Database, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - AUTO_CLOSE_DAYS * 86_400_000);
  const candidates = await db
    .selectFrom('messages')
    .select('id')
    .where('status', '=', 'replied')
    .where('final_reply_at', '<', cutoff)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('message_ratings').select('message_id').whereRef('message_ratings.message_id', '=', 'messages.id'))))
    .limit(1000)
    .execute();
  let closed = 0;
  for (const { id } of candidates) {
    closed += await transaction(db, async (tx) => {
      const m = await findMessage(tx, id, true);
      // Re-checked under the lock: another process or the citizen may have got there first.
      if (!m || m.status !== 'replied' || m.final_reply_at === null || new Date(m.final_reply_at) >= cutoff) return 0;
      const rated = await tx.selectFrom('message_ratings').select('message_id').where('message_id', '=', id).executeTakeFirst();
      if (rated) return 0;
      await transition(tx, m, 'auto_close', { closed_at: now, close_reason: 'unrated' });
      await insertEvent(tx, { messageId: m.id, kind: 'closed', visibility: 'public', actorId: null, data: { by: 'unrated' } });
      return 1;
    });
  }
  return closed;
}

export function handlingJobs(): JobDefinition[] {
  return [
    {
      name: 'handling-deadlines',
      cron: '* * * * *',
      async run(ctx) {
        const now = new Date();
        const alerts = await sweepDeadlines(ctx.db, now);
        const closed = await closeUnrated(ctx.db, now);
        if (alerts + closed > 0) ctx.log(`handling: ${alerts} deadline alerts, ${closed} closed as 未评价`);
      },
    },
  ];
}
