/**
 * Personal data and account recovery (issue 15; 个人信息保护法 arts. 45 and 47):
 * a citizen downloads everything the platform holds about them and closes
 * (注销) their account; a platform admin moves a citizen who lost their old
 * number to a new one after an identity check (docs/accounts.md); admins read
 * one account and lift its login lockout. Every step is audited.
 */
import { ANONYMOUS_NAME } from '../../../shared/accounts.js';
import { maskMobile } from '../../../shared/mask.js';
import type { StaffRole } from '../../../shared/permissions.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, requireActor } from '../access/access.policy.js';
import { hitRateLimit } from '../access/rate-limit.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findMessage } from '../messages/messages.repository.js';
import { presentDetail } from '../messages/messages.service.js';
import { mobileExists } from './accounts.repository.js';
import {
  clearLockout,
  deidentifyAccount,
  exportAccountRow,
  findAccountInScope,
  findCitizenIdByMobile,
  ownAuditEntries,
  ownCampaignEntries,
  ownCampaignSupports,
  ownFollowUps,
  ownMessageIds,
  ownMessagePrivateFields,
  ownNotifications,
  ownPhotos,
  ownQuestionnaireResponses,
  ownRatings,
  ownReportSubscriptions,
  ownSessions,
  type AccountRow,
} from './accounts.privacy.repository.js';
import { consumeSmsCode } from './accounts.lifecycle.service.js';
import { issueSmsCode, ungrantableRoles, type AccountDeps, type RequestMeta } from './accounts.service.js';
import { verifyPassword } from './passwords.js';
import { deleteSessionsOf } from './session.repository.js';


const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Tables that hold an account reference but are not in the file, and why (the file's header repeats this). */
export const EXPORT_LEFT_OUT: Record<string, string> = {
  rate_limits: '限流计数器：按 IP 或号码计数、窗口结束即失效，不与账号关联。Rate-limit counters keyed by IP or number, void after their window, not linked to the account.',
  sms_codes: '短信验证码只存散列值，10 分钟内过期。SMS codes are stored only as hashes and expire within 10 minutes.',
  sms_outbox: '短信发送记录只含验证码等一次性内容，已随短信送达您的手机。The SMS delivery log holds one-time codes already delivered to your phone.',
  idempotency_keys: '防重复提交的技术键（请求散列），不含内容。Technical keys against duplicate submissions (request hashes), no content.',
  'audit_log (entries by staff)': '工作人员对您的留言的办理记录见各留言的时间线；审计日志中工作人员的操作属于工作人员。What staff did on your messages is in each message\'s timeline; staff entries of the audit log belong to staff.',
  'preferences (language, 适老化)': '界面语言和适老化设置只保存在您的浏览器中，平台不保存。Language and elderly-friendly settings live only in your browser; the platform does not store them.',
  'sessions (tokens)': '会话令牌只存散列值，出于安全不导出；会话的时间和来源在 sessions 一节。Session tokens are stored as hashes and never exported; their times and origins are under sessions.',
};

/**
 * Everything the platform holds about the signed-in account, as one JSON
 * document (个人信息保护法 art. 45). Audited as account.data_export.
 * @throws unauthenticated, rate_limited.
 */
export async function exportOwnData(deps: AccountDeps, actor: Actor | null, meta: RequestMeta) {
  requireActor(actor);
  const { db } = deps;
  await hitRateLimit(db, { key: `data-export:account:${actor.accountId}`, limit: 10, windowSeconds: 3600 });
  const id = actor.accountId;
  const account = await exportAccountRow(db, id);
  const messageIds = await ownMessageIds(db, id);
  const privateFields = new Map((await ownMessagePrivateFields(db, id)).map((r) => [r.id, r]));
  const messages = [];
  // One by one through the message module's own presenter, so the file shows each thread exactly as the author sees it.
  for (const messageId of messageIds) {
    const row = await findMessage(db, messageId);
    if (!row) continue;
    const own = privateFields.get(messageId);
    messages.push({ ...(await presentDetail(db, actor, row, 'author')), privateNote: own?.private_note ?? null, campaignId: own?.campaign_id === null || own?.campaign_id === undefined ? null : Number(own.campaign_id) });
  }
  const [photos, ratings, followUps, questionnaireResponses, campaignEntries, campaignSupports, notifications, reportSubscriptions, sessions, activity] = await Promise.all([
    ownPhotos(db, id),
    ownRatings(db, id),
    ownFollowUps(db, id),
    ownQuestionnaireResponses(db, id),
    ownCampaignEntries(db, id),
    ownCampaignSupports(db, id),
    ownNotifications(db, id),
    ownReportSubscriptions(db, id),
    ownSessions(db, id),
    ownAuditEntries(db, id),
  ]);
  await recordAudit(db, { actorId: id, action: 'account.data_export', targetType: 'account', targetId: id, details: { messages: messages.length }, ip: meta.ip });
  const exportedAt = new Date();
  return {
    filename: `minsheng-personal-data-${id}-${exportedAt.toISOString().slice(0, 10)}.json`,
    document: {
      header: {
        format: 'minsheng.personal-data/1',
        exportedAt: exportedAt.toISOString(),
        accountId: Number(id),
        about: '民声平台保存的关于您的全部个人信息（《个人信息保护法》第四十五条）。Everything the Minsheng platform holds about you (PIPL art. 45).',
        sections: ['account', 'messages', 'photos', 'ratings', 'followUps', 'questionnaireResponses', 'campaignEntries', 'campaignSupports', 'notifications', 'reportSubscriptions', 'sessions', 'activity'],
        notIncluded: EXPORT_LEFT_OUT,
      },
      account: {
        id: Number(account.id),
        kind: account.kind,
        login: account.login,
        mobile: account.mobile,
        email: account.email,
        nickname: account.nickname,
        displayName: account.display_name,
        status: account.status,
        createdAt: iso(account.created_at),
        updatedAt: iso(account.updated_at),
        settings: { passwordChangedAt: iso(account.password_changed_at), failedLogins: account.failed_logins, lockedUntil: iso(account.locked_until) },
      },
      messages,
      photos: photos.map((p) => ({ id: p.id, messageId: p.message_id === null ? null : Number(p.message_id), mime: p.mime, width: p.width, height: p.height, size: p.size, createdAt: iso(p.created_at), url: `/api/v1/photos/${p.id}` })),
      ratings: ratings.map((r) => ({ messageId: Number(r.message_id), number: r.number, resolution: r.resolution, attitude: r.attitude, speed: r.speed, grade: r.grade, comment: r.comment, ratedAt: iso(r.rated_at), changedAt: iso(r.changed_at) })),
      followUps: followUps.map((f) => ({ id: Number(f.id), messageId: Number(f.message_id), number: f.number, body: f.body, at: iso(f.created_at) })),
      questionnaireResponses: questionnaireResponses.map((r) => ({ id: Number(r.id), questionnaireId: Number(r.questionnaire_id), title: r.title, regionCode: r.region_code, answers: r.answers, submittedAt: iso(r.submitted_at) })),
      campaignEntries: campaignEntries.map((e) => ({ messageId: Number(e.message_id), number: e.number, campaignId: Number(e.campaign_id), campaignTitle: e.campaign_title, kind: e.kind, topic: e.topic, regionCode: e.region_code, supportCount: e.support_count, adoptedAt: iso(e.adopted_at), prize: e.prize, createdAt: iso(e.created_at) })),
      campaignSupports: campaignSupports.map((s) => ({ messageId: Number(s.message_id), number: s.number, at: iso(s.created_at) })),
      notifications: notifications.map((n) => ({ id: Number(n.id), kind: n.kind, messageId: n.message_id === null ? null : Number(n.message_id), title: n.title, body: n.body, link: n.link, createdAt: iso(n.created_at), readAt: iso(n.read_at) })),
      reportSubscriptions: reportSubscriptions.map((s) => ({ kind: s.kind, regionCode: s.region_code, createdAt: iso(s.created_at) })),
      sessions: sessions.map((s) => ({ createdAt: iso(s.created_at), expiresAt: iso(s.expires_at), ip: s.ip, userAgent: s.user_agent })),
      activity: activity.map((a) => ({ at: iso(a.at), action: a.action, ip: a.ip, details: a.details })),
    },
  };
}

const closePurpose = (accountId: string) => `close_account:${accountId}`;

/** Sends a code to the own number to confirm closing the account. @throws citizens_only, rate_limited. */
export async function sendCloseCode(deps: AccountDeps, actor: Actor | null, meta: RequestMeta) {
  requireActor(actor);
  if (actor.kind !== 'citizen') throw new DomainError('citizens_only');
  const { db } = deps;
  await hitRateLimit(db, { key: `sms:ip:${meta.ip}`, limit: 30, windowSeconds: 3600 });
  const own = await exportAccountRow(db, actor.accountId);
  if (!own.mobile) throw new DomainError('account_closed');
  await hitRateLimit(db, { key: `sms:mobile-day:${own.mobile}`, limit: 10, windowSeconds: 86_400 });
  return issueSmsCode(deps, own.mobile, closePurpose(actor.accountId), '注销账号验证码');
}

/**
 * 注销: de-identifies the own citizen account, confirmed by the password or a
 * code sent to the own number. Ends every session; the public messages stay
 * under ANONYMOUS_NAME and the figures do not move (they never depended on
 * the author). The number is free to register again at once.
 * @throws citizens_only, account_closed, validation_failed (password|code: neither or both),
 *   wrong_password (password), sms_code_invalid (code), rate_limited.
 */
export async function closeOwnAccount(deps: AccountDeps, actor: Actor | null, input: { password?: string; code?: string }, meta: RequestMeta): Promise<void> {
  requireActor(actor);
  if (actor.kind !== 'citizen') throw new DomainError('citizens_only');
  const { db } = deps;
  if ((input.password === undefined) === (input.code === undefined)) {
    throw new DomainError('validation_failed', { field: 'password', errors: [{ field: 'password', code: 'one_of', message: { 'zh-CN': '请填写密码或短信验证码（二选一）', 'zh-TW': '請填寫密碼或簡訊驗證碼（二選一）', en: 'Give either the password or the SMS code' } }] });
  }
  await hitRateLimit(db, { key: `close:account:${actor.accountId}`, limit: 10, windowSeconds: 900 });
  const fault = await db.transaction().execute(async (tx) => {
    const own = await tx.selectFrom('accounts').select(['id', 'mobile', 'password_hash', 'status']).where('id', '=', actor.accountId).forUpdate().executeTakeFirstOrThrow();
    if (own.status === 'closed' || own.mobile === null) return 'closed' as const;
    if (input.password !== undefined) {
      if (!(await verifyPassword(own.password_hash, input.password))) return 'password' as const;
    } else if (!(await consumeSmsCode(tx, own.mobile, closePurpose(actor.accountId), input.code!))) {
      return 'code' as const;
    }
    await deidentifyAccount(tx, actor.accountId, ANONYMOUS_NAME);
    // Only what an auditor needs to find the closing again: never the number in full.
    await recordAudit(tx, { actorId: actor.accountId, action: 'account.close', targetType: 'account', targetId: actor.accountId, details: { method: input.password !== undefined ? 'password' : 'sms', changes: { mobile: { from: maskMobile(own.mobile), to: null }, status: { from: own.status, to: 'closed' } } }, ip: meta.ip });
    return null;
  });
  if (fault === 'closed') throw new DomainError('account_closed');
  if (fault === 'password') throw new DomainError('wrong_password', { field: 'password' });
  if (fault === 'code') throw new DomainError('sms_code_invalid', { field: 'code' });
}

// ── admins: one account, lockouts, recovery ──

export function presentAccount(row: AccountRow) {
  const lockedUntil = row.locked_until !== null && new Date(row.locked_until) > new Date() ? new Date(row.locked_until).toISOString() : null;
  return {
    id: Number(row.id),
    kind: row.kind,
    login: row.login,
    displayName: row.display_name,
    nickname: row.nickname,
    mobileMasked: maskMobile(row.mobile),
    email: row.email,
    unit: row.unit_id === null ? null : { id: Number(row.unit_id), name: row.unit_name ?? '' },
    roles: row.roles as StaffRole[],
    status: row.status,
    mustChangePassword: row.must_change_password,
    locked: lockedUntil !== null,
    lockedUntil,
    failedLogins: row.failed_logins,
    createdAt: new Date(row.created_at).toISOString(),
    closedAt: iso(row.closed_at),
  };
}

/** One account as the staff list would show it (scope as the list; citizens: platform admins). @throws not_found. */
export async function getAccount(deps: AccountDeps, actor: Actor | null, id: string) {
  authorize(actor, 'account.read');
  const row = await findAccountInScope(deps.db, actor, id, 'read');
  if (!row) throw new DomainError('not_found');
  return presentAccount(row);
}

/** A citizen account by its current number, for the recovery desk. @throws not_found. */
export async function findCitizenByMobile(deps: AccountDeps, actor: Actor | null, mobile: string) {
  authorize(actor, 'account.recover');
  const id = await findCitizenIdByMobile(deps.db, mobile);
  const row = id ? await findAccountInScope(deps.db, actor, id, 'read') : undefined;
  if (!row) throw new DomainError('not_found');
  return presentAccount(row);
}

/** Lifts the login lockout of an account in scope and its per-name login counters. @throws not_found, role_not_grantable, account_closed. */
export async function unlockAccount(deps: AccountDeps, actor: Actor | null, id: string, ip: string | null) {
  authorize(actor, 'account.manage');
  const { db } = deps;
  await db.transaction().execute(async (tx) => {
    const row = await findAccountInScope(tx, actor, id, 'manage', true);
    if (!row) throw new DomainError('not_found');
    if (row.kind === 'staff' && ungrantableRoles(actor, row.roles as StaffRole[]).length > 0) throw new DomainError('role_not_grantable', { field: 'roles' });
    if (row.status === 'closed') throw new DomainError('account_closed');
    await clearLockout(tx, row);
    await recordAudit(tx, { actorId: actor.accountId, action: 'account.unlock', targetType: 'account', targetId: id, details: { login: row.login, changes: { failures: { from: row.failed_logins, to: 0 }, lockedUntil: { from: iso(row.locked_until), to: null } } }, ip });
  });
  return presentAccount((await findAccountInScope(db, actor, id, 'read'))!);
}

const recoveryPurpose = (accountId: string) => `recover_mobile:${accountId}`;

async function recoverableCitizen(deps: AccountDeps, actor: Actor, id: string, lock = false, tx = deps.db) {
  const row = await findAccountInScope(tx, actor, id, 'manage', lock);
  if (!row || row.kind !== 'citizen') throw new DomainError('not_found');
  if (row.status === 'closed') throw new DomainError('account_closed');
  return row;
}

/** Sends the code the citizen reads out to the clerk, to the NEW number. @throws not_found, account_closed, mobile_taken (mobile), rate_limited. */
export async function sendRecoveryCode(deps: AccountDeps, actor: Actor | null, id: string, input: { mobile: string }, meta: RequestMeta) {
  authorize(actor, 'account.recover');
  await recoverableCitizen(deps, actor, id);
  await hitRateLimit(deps.db, { key: `sms:ip:${meta.ip}`, limit: 30, windowSeconds: 3600 });
  await hitRateLimit(deps.db, { key: `sms:mobile-day:${input.mobile}`, limit: 10, windowSeconds: 86_400 });
  if (await mobileExists(deps.db, input.mobile)) throw new DomainError('mobile_taken', { field: 'mobile' });
  return issueSmsCode(deps, input.mobile, recoveryPurpose(id), '账号找回（更换手机号）验证码');
}

/**
 * Moves a citizen who lost their old number to a new one, after the identity
 * check docs/accounts.md describes: the code sent to the new number proves the
 * citizen holds it; the reason records the check. Every session ends.
 * @throws not_found, account_closed, mobile_taken (mobile), sms_code_invalid (code), validation_failed (reason).
 */
export async function recoverCitizenMobile(deps: AccountDeps, actor: Actor | null, id: string, input: { mobile: string; code: string; reason: string }, ip: string | null) {
  authorize(actor, 'account.recover');
  const { db } = deps;
  const reason = input.reason.trim();
  await hitRateLimit(db, { key: `recover:account:${id}`, limit: 10, windowSeconds: 3600 });
  const fault = await db.transaction().execute(async (tx) => {
    const row = await recoverableCitizen(deps, actor, id, true, tx);
    if (await mobileExists(tx, input.mobile)) return 'mobile_taken' as const;
    if (!(await consumeSmsCode(tx, input.mobile, recoveryPurpose(id), input.code))) return 'code' as const;
    await tx.updateTable('accounts').set({ mobile: input.mobile, failed_logins: 0, locked_until: null, updated_at: new Date() }).where('id', '=', id).execute();
    await deleteSessionsOf(tx, id);
    await recordAudit(tx, { actorId: actor.accountId, action: 'account.mobile_recover', targetType: 'account', targetId: id, details: { reason, changes: { mobile: { from: maskMobile(row.mobile), to: maskMobile(input.mobile) } } }, ip });
    return null;
  });
  if (fault === 'mobile_taken') throw new DomainError('mobile_taken', { field: 'mobile' });
  if (fault === 'code') throw new DomainError('sms_code_invalid', { field: 'code' });
  return presentAccount((await findAccountInScope(db, actor, id, 'read'))!);
}
