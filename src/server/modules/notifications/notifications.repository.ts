import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** The channel NOTIFY speaks on; the payload is the id of the account whose notifications changed. */
export const NOTIFY_CHANNEL = 'minsheng_notifications';

export interface LocalizedJson {
  'zh-CN': string;
  'zh-TW': string;
  en: string;
}

export interface NewNotificationRows {
  kind: string;
  accountIds: string[];
  unitIds: string[];
  messageId: string | null;
  title: LocalizedJson;
  body: LocalizedJson | null;
  link: string | null;
  dedupeKey: string | null;
}

export interface InsertedNotification {
  id: string;
  account_id: string;
  email: string | null;
  mobile: string | null;
}

/**
 * One notification per active recipient (named accounts, and the staff of the
 * named units), in one statement; rows whose (account, dedupe key) exists are
 * skipped. Answers the rows actually inserted, with the addresses to copy them to.
 */
export async function insertNotifications(db: Executor, n: NewNotificationRows): Promise<InsertedNotification[]> {
  if (n.accountIds.length === 0 && n.unitIds.length === 0) return [];
  const result = await sql<InsertedNotification>`
    WITH recipients AS (
      SELECT a.id, a.email, a.mobile FROM accounts a
      WHERE a.status = 'active'
        AND (a.id = ANY(${n.accountIds}::bigint[]) OR (a.kind = 'staff' AND a.unit_id = ANY(${n.unitIds}::bigint[])))
    ), inserted AS (
      INSERT INTO notifications (account_id, kind, message_id, title, body, link, dedupe_key)
      SELECT r.id, ${n.kind}, ${n.messageId}::bigint, ${JSON.stringify(n.title)}::jsonb, ${n.body === null ? null : JSON.stringify(n.body)}::jsonb, ${n.link}, ${n.dedupeKey}
      FROM recipients r ORDER BY r.id
      ON CONFLICT (account_id, dedupe_key) DO NOTHING
      RETURNING id, account_id
    )
    SELECT i.id, i.account_id, r.email, r.mobile FROM inserted i JOIN recipients r ON r.id = i.account_id ORDER BY i.id`.execute(db);
  return result.rows;
}

/**
 * Tells every app process that these accounts' notifications changed. NOTIFY is
 * transactional: it is delivered at commit, and never when the transaction rolls back.
 */
export async function signalAccounts(db: Executor, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await sql`SELECT pg_notify(${NOTIFY_CHANNEL}, account_id) FROM unnest(${[...new Set(accountIds)]}::text[]) AS account_id`.execute(db);
}

export interface NewOutboxRow {
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  notificationId: string | null;
}

export async function insertOutbox(db: Executor, rows: NewOutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('outbox')
    .values(rows.map((r) => ({ channel: r.channel, recipient: r.recipient, subject: r.subject, body: r.body, notification_id: r.notificationId })))
    .execute();
}

export interface NotificationQuery {
  accountId: string;
  cursor: string | null;
  limit: number;
  unreadOnly: boolean;
}

/** Newest first, keyset on id; one row more than asked, to tell whether a next page exists. */
export async function listNotifications(db: Executor, q: NotificationQuery) {
  let query = db
    .selectFrom('notifications')
    .select(['id', 'kind', 'message_id', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('account_id', '=', q.accountId)
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (q.cursor) query = query.where('id', '<', q.cursor);
  if (q.unreadOnly) query = query.where('read_at', 'is', null);
  return query.execute();
}

export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>[number];

export async function countUnread(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Marks one of the account's own notifications read (keeping an earlier read time); null when it has none with this id. */
export async function markRead(db: Executor, accountId: string, id: string): Promise<{ row: NotificationRow; changed: boolean } | null> {
  const updated = await db
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .returning(['id', 'kind', 'message_id', 'title', 'body', 'link', 'created_at', 'read_at'])
    .executeTakeFirst();
  if (updated) return { row: updated, changed: true };
  const existing = await db
    .selectFrom('notifications')
    .select(['id', 'kind', 'message_id', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return existing ? { row: existing, changed: false } : null;
}

export async function markAllRead(db: Executor, accountId: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A session the stream was opened with is still good: not logged out, not expired, account not disabled. */
export async function sessionIsLive(db: Executor, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select('sessions.id')
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('accounts.status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}
