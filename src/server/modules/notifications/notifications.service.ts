/**
 * In-app notifications. Other modules call `notify` inside the transaction of
 * the event (an assignment, an urge, a published reply): the rows, the e-mail
 * and SMS copies in the outbox and the NOTIFY that moves the live badges all
 * commit with the event, or not at all.
 */
import type { Database, Executor } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { requireActor } from '../access/access.policy.js';
import * as repo from './notifications.repository.js';

export interface LocalizedText {
  'zh-CN': string;
  'zh-TW': string;
  en: string;
}

export interface NotificationInput {
  /** e.g. 'assigned', 'urged', 'deadline_amber', 'reply_published' */
  kind: string;
  /** unitIds: every active staff account whose unit is exactly that unit (not its sub-units). */
  recipients: { accountIds?: string[]; unitIds?: string[] };
  messageId?: string | null;
  title: LocalizedText;
  body?: LocalizedText | null;
  /** A path of the web app, e.g. /console/messages/123 or /messages/123. */
  link?: string | null;
  /** The same key for the same account is stored once: a retried job does not notify twice. */
  dedupeKey?: string | null;
  /** Also queue an e-mail (accounts with an address) and/or an SMS (accounts with a mobile number). */
  channels?: { email?: boolean; sms?: boolean };
}

const INTERNAL_PATH = /^\/([^/\\]|$)/;

/** Texts of e-mails and SMS are in Simplified Chinese, the platform's default language. */
function emailText(input: NotificationInput): string {
  const lines = [input.title['zh-CN']];
  if (input.body) lines.push('', input.body['zh-CN']);
  lines.push('', '请登录民声平台查看详情。');
  return lines.join('\n');
}

function smsText(input: NotificationInput): string {
  return `【民声】${input.title['zh-CN']}${input.body ? `：${input.body['zh-CN']}` : ''}`.slice(0, 300);
}

/**
 * Notifies the recipients in the caller's transaction; disabled accounts are
 * skipped, and an account that already holds `dedupeKey` gets nothing new.
 * Returns how many notifications were inserted.
 * @throws Error when `link` is not a path of this site (a programming error, not a user's).
 */
export async function notify(tx: Executor, input: NotificationInput): Promise<number> {
  const link = input.link ?? null;
  if (link !== null && !INTERNAL_PATH.test(link)) throw new Error(`notification link must be a path of the site, got ${link}`);
  const inserted = await repo.insertNotifications(tx, {
    kind: input.kind,
    accountIds: input.recipients.accountIds ?? [],
    unitIds: input.recipients.unitIds ?? [],
    messageId: input.messageId ?? null,
    title: input.title,
    body: input.body ?? null,
    link,
    dedupeKey: input.dedupeKey ?? null,
  });
  if (inserted.length === 0) return 0;

  const outbox: repo.NewOutboxRow[] = [];
  for (const n of inserted) {
    if (input.channels?.email && n.email) outbox.push({ channel: 'email', recipient: n.email, subject: `【民声】${input.title['zh-CN']}`, body: emailText(input), notificationId: n.id });
    if (input.channels?.sms && n.mobile) outbox.push({ channel: 'sms', recipient: n.mobile, subject: '', body: smsText(input), notificationId: n.id });
  }
  await repo.insertOutbox(tx, outbox);
  await repo.signalAccounts(tx, inserted.map((n) => n.account_id));
  return inserted.length;
}

export interface NotificationView {
  id: number;
  kind: string;
  messageId: number | null;
  title: LocalizedText;
  body: LocalizedText | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

function present(row: repo.NotificationRow): NotificationView {
  return {
    id: Number(row.id),
    kind: row.kind,
    messageId: row.message_id === null ? null : Number(row.message_id),
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
  };
}

/** The actor's own notifications, newest first. @throws DomainError unauthenticated. */
export async function listNotifications(db: Database, actor: Actor | null, query: { cursor?: string; limit: number; unread?: boolean }) {
  requireActor(actor);
  const rows = await repo.listNotifications(db, { accountId: actor.accountId, cursor: query.cursor ?? null, limit: query.limit, unreadOnly: query.unread === true });
  const items = rows.slice(0, query.limit).map(present);
  return { items, nextCursor: rows.length > query.limit ? String(items[items.length - 1]!.id) : null };
}

/** @throws DomainError unauthenticated. */
export async function unreadCount(db: Database, actor: Actor | null): Promise<{ count: number }> {
  requireActor(actor);
  return { count: await repo.countUnread(db, actor.accountId) };
}

/**
 * Marks one of the actor's notifications read; reading it again changes nothing.
 * @throws DomainError unauthenticated; not_found when the actor has no notification with this id (someone else's included).
 */
export async function markNotificationRead(db: Database, actor: Actor | null, id: string): Promise<NotificationView> {
  requireActor(actor);
  return db.transaction().execute(async (tx) => {
    const result = await repo.markRead(tx, actor.accountId, id);
    if (!result) throw new DomainError('not_found');
    // The account's other tabs and devices update their badge too.
    if (result.changed) await repo.signalAccounts(tx, [actor.accountId]);
    return present(result.row);
  });
}

/** @throws DomainError unauthenticated. */
export async function markAllNotificationsRead(db: Database, actor: Actor | null): Promise<{ updated: number }> {
  requireActor(actor);
  return db.transaction().execute(async (tx) => {
    const updated = await repo.markAllRead(tx, actor.accountId);
    if (updated > 0) await repo.signalAccounts(tx, [actor.accountId]);
    return { updated };
  });
}
