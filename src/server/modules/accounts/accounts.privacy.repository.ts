/**
 * What the platform holds about one account, table by table, for the
 * personal-data download (个人信息保护法 art. 45), and the writes that
 * de-identify a closed account. Every table with an account column appears
 * here or in EXPORT_LEFT_OUT (accounts.privacy.service.ts) with the reason.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import { isGlobal, unitVisibleSql } from '../access/access.policy.js';

export async function exportAccountRow(db: Executor, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'kind', 'login', 'mobile', 'email', 'nickname', 'display_name', 'status', 'created_at', 'updated_at', 'password_changed_at', 'failed_logins', 'locked_until'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
}

/** The ids of the account's messages, oldest first. */
export async function ownMessageIds(db: Executor, accountId: string): Promise<string[]> {
  const rows = await db.selectFrom('messages').select('id').where('author_id', '=', accountId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** What only the author (and staff) see of their messages: the private note, the publicity choices, the campaign. */
export async function ownMessagePrivateFields(db: Executor, accountId: string) {
  return db.selectFrom('messages').select(['id', 'private_note', 'is_public', 'photos_public', 'location_public', 'campaign_id']).where('author_id', '=', accountId).execute();
}

export async function ownPhotos(db: Executor, accountId: string) {
  return db.selectFrom('photos').select(['id', 'message_id', 'mime', 'width', 'height', 'size', 'created_at']).where('owner_id', '=', accountId).orderBy('created_at').execute();
}

export async function ownRatings(db: Executor, accountId: string) {
  return db
    .selectFrom('message_ratings')
    .innerJoin('messages', 'messages.id', 'message_ratings.message_id')
    .select(['messages.id as message_id', 'messages.number', 'message_ratings.resolution', 'message_ratings.attitude', 'message_ratings.speed', 'message_ratings.grade', 'message_ratings.comment', 'message_ratings.rated_at', 'message_ratings.changed_at'])
    .where('messages.author_id', '=', accountId)
    .orderBy('message_ratings.rated_at')
    .execute();
}

/** 追问: the steps the account wrote itself on message threads. */
export async function ownFollowUps(db: Executor, accountId: string) {
  return db
    .selectFrom('message_events')
    .innerJoin('messages', 'messages.id', 'message_events.message_id')
    .select(['message_events.id', 'messages.id as message_id', 'messages.number', 'message_events.body', 'message_events.created_at'])
    .where('message_events.actor_id', '=', accountId)
    .where('message_events.kind', '=', 'follow_up')
    .orderBy('message_events.id')
    .execute();
}

export async function ownQuestionnaireResponses(db: Executor, accountId: string) {
  return db
    .selectFrom('questionnaire_responses')
    .innerJoin('questionnaires', 'questionnaires.id', 'questionnaire_responses.questionnaire_id')
    .select(['questionnaire_responses.id', 'questionnaires.id as questionnaire_id', 'questionnaires.title', 'questionnaire_responses.region_code', 'questionnaire_responses.answers', 'questionnaire_responses.submitted_at'])
    .where('questionnaire_responses.account_id', '=', accountId)
    .orderBy('questionnaire_responses.id')
    .execute();
}

export async function ownCampaignEntries(db: Executor, accountId: string) {
  return db
    .selectFrom('campaign_entries')
    .innerJoin('messages', 'messages.id', 'campaign_entries.message_id')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_entries.campaign_id')
    .select(['campaign_entries.message_id', 'messages.number', 'campaigns.id as campaign_id', 'campaigns.title as campaign_title', 'campaign_entries.kind', 'campaign_entries.topic', 'campaign_entries.region_code', 'campaign_entries.support_count', 'campaign_entries.adopted_at', 'campaign_entries.prize', 'campaign_entries.created_at'])
    .where('messages.author_id', '=', accountId)
    .orderBy('campaign_entries.message_id')
    .execute();
}

/** The entries the account supported (点赞), by number only: the entry itself is another citizen's. */
export async function ownCampaignSupports(db: Executor, accountId: string) {
  return db
    .selectFrom('campaign_supports')
    .innerJoin('messages', 'messages.id', 'campaign_supports.message_id')
    .select(['campaign_supports.message_id', 'messages.number', 'campaign_supports.created_at'])
    .where('campaign_supports.account_id', '=', accountId)
    .orderBy('campaign_supports.created_at')
    .execute();
}

export async function ownNotifications(db: Executor, accountId: string) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'message_id', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}

export async function ownReportSubscriptions(db: Executor, accountId: string) {
  return db.selectFrom('report_subscriptions').select(['kind', 'region_code', 'created_at']).where('account_id', '=', accountId).execute();
}

/** The sign-ins still open: when, from where; never the token or its hash. */
export async function ownSessions(db: Executor, accountId: string) {
  return db.selectFrom('sessions').select(['created_at', 'expires_at', 'ip', 'user_agent']).where('account_id', '=', accountId).orderBy('created_at').execute();
}

/** What the account did itself, as the audit log recorded it (register, sign-ins, password and number changes). */
export async function ownAuditEntries(db: Executor, accountId: string) {
  return db
    .selectFrom('audit_log')
    .select(['at', 'action', 'ip', 'details'])
    .where((eb) => eb.or([eb('actor_id', '=', accountId), eb.and([eb('target_type', '=', 'account'), eb('target_id', '=', accountId), eb('actor_id', 'is', null)])]))
    .orderBy('id')
    .limit(10_000)
    .execute();
}

/**
 * De-identifies an account in place: no number, e-mail or name, a password
 * hash nothing verifies against, no lockout; the private notes of its
 * messages gone; its sessions, notifications and retry keys deleted.
 * Messages, ratings, follow-ups, supports and answers stay: the board and the
 * published figures keep them, attributed to nobody.
 */
export async function deidentifyAccount(tx: Executor, accountId: string, anonymousName: string): Promise<void> {
  await tx
    .updateTable('accounts')
    .set({
      mobile: null,
      email: null,
      nickname: anonymousName,
      display_name: anonymousName,
      // Not a hash any verifier accepts (verifyPassword answers false for it).
      password_hash: '!closed',
      status: 'closed',
      closed_at: sql`now()`,
      failed_logins: 0,
      locked_until: null,
      must_change_password: false,
      updated_at: sql`now()`,
    })
    .where('id', '=', accountId)
    .execute();
  await tx.updateTable('messages').set({ private_note: null }).where('author_id', '=', accountId).where('private_note', 'is not', null).execute();
  await tx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
  await tx.deleteFrom('notifications').where('account_id', '=', accountId).execute();
  await tx.deleteFrom('idempotency_keys').where('account_id', '=', accountId).execute();
}

/** Clears the lockout of an account and the per-name login counters that hold its login name or number. */
export async function clearLockout(tx: Executor, account: { id: string; login: string | null; mobile: string | null }): Promise<void> {
  await tx.updateTable('accounts').set({ failed_logins: 0, locked_until: null, updated_at: sql`now()` }).where('id', '=', account.id).execute();
  const keys = [account.login && `login:name:${account.login}`, account.mobile && `login:name:${account.mobile}`, account.mobile && `sms-login:mobile:${account.mobile}`].filter((k): k is string => Boolean(k));
  if (keys.length > 0) await tx.deleteFrom('rate_limits').where('key', 'in', keys).execute();
}

/**
 * An account the actor may see (`read`, as the staff list: its unit subtree)
 * or manage (`manage`: unit admins their subtree); a citizen account belongs
 * to no unit, so only platform admins reach it. Undefined outside scope.
 */
export async function findAccountInScope(db: Executor, actor: Actor, id: string, how: 'read' | 'manage', forUpdate = false) {
  const staffScope = how === 'read' ? unitVisibleSql(actor) : isGlobal(actor) ? sql<boolean>`true` : actor.roles.includes('unit_admin') && actor.unitPath ? sql<boolean>`units.path <@ ${actor.unitPath}::ltree` : sql<boolean>`false`;
  let q = accountRows(db)
    .where('accounts.id', '=', id)
    .where(sql<boolean>`CASE WHEN accounts.kind = 'staff' THEN ${staffScope} ELSE ${isGlobal(actor) ? sql`true` : sql`false`} END`);
  if (forUpdate) q = q.forUpdate(['accounts']);
  return q.executeTakeFirst();
}

export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccountInScope>>>;

function accountRows(db: Executor) {
  return db
    .selectFrom('accounts')
    .leftJoin('units', 'units.id', 'accounts.unit_id')
    .select(['accounts.id', 'accounts.kind', 'accounts.login', 'accounts.mobile', 'accounts.email', 'accounts.display_name', 'accounts.nickname', 'accounts.roles', 'accounts.status', 'accounts.must_change_password', 'accounts.failed_logins', 'accounts.locked_until', 'accounts.created_at', 'accounts.closed_at', 'units.id as unit_id', 'units.name as unit_name', sql<string | null>`units.path::text`.as('unit_path')]);
}

export async function findCitizenIdByMobile(db: Executor, mobile: string): Promise<string | undefined> {
  return (await db.selectFrom('accounts').select('id').where('mobile', '=', mobile).where('kind', '=', 'citizen').executeTakeFirst())?.id;
}
