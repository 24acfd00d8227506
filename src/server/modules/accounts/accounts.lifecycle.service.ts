/**
 * Accounts over time (issue 15): citizens recover and move their accounts by
 * SMS; admins edit, disable, enable and reset staff accounts in their scope;
 * everyone changes their own password. Every change an admin makes is audited
 * with `{ changes: { field: { from, to } } }`.
 */
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { maskMobile } from '../../../shared/mask.js';
import type { StaffRole } from '../../../shared/permissions.js';
import type { Executor } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, requireActor } from '../access/access.policy.js';
import { hitRateLimit } from '../access/rate-limit.js';
import { recordAudit } from '../audit/audit.repository.js';
import { insertOutbox } from '../notifications/notifications.repository.js';
import { findManagedUnit, unitForUse } from '../units/units.repository.js';
import {
  findAccountById,
  findManagedStaffAccount,
  findStaffAccount,
  mobileExists,
  recordFailedLogin,
  recordSuccessfulLogin,
  setPassword,
  updateAccount,
  updateMobile,
  type StaffChanges,
} from './accounts.repository.js';
import { codeHash, issueSmsCode, presentOwnAccount, presentStaff, ungrantableRoles, type AccountDeps, type RequestMeta } from './accounts.service.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { deleteSessionsOf, insertSession } from './session.repository.js';

const SMS_MAX_ATTEMPTS = 5;
const LOGIN_MAX_FAILURES = 5;
const LOGIN_LOCK_MINUTES = 15;

/**
 * Consumes the newest unused code of (mobile, purpose) when `code` matches it;
 * a wrong code counts an attempt (5 and the code is spent). Call inside a transaction.
 */
export async function consumeSmsCode(tx: Executor, mobile: string, purpose: string, code: string): Promise<boolean> {
  const pending = await tx
    .selectFrom('sms_codes')
    .selectAll()
    .where('mobile', '=', mobile)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .orderBy('id', 'desc')
    .forUpdate()
    .executeTakeFirst();
  const valid = pending && pending.attempts < SMS_MAX_ATTEMPTS && new Date(pending.expires_at) > new Date() && pending.code_hash === codeHash(mobile, code);
  if (!pending) return false;
  if (!valid) {
    await tx.updateTable('sms_codes').set({ attempts: sql`attempts + 1` }).where('id', '=', pending.id).execute();
    return false;
  }
  await tx.updateTable('sms_codes').set({ consumed_at: sql`now()` }).where('id', '=', pending.id).execute();
  return true;
}

/** Logs a citizen (or staff member with a mobile) in with an SMS code. @throws sms_code_invalid, account_locked, account_disabled, rate_limited. */
export async function loginWithSms(deps: AccountDeps, input: { mobile: string; code: string }, meta: RequestMeta) {
  const { db, config } = deps;
  // As password logins, with budgets of their own: a six-digit code is guessed only within its 5 attempts anyway.
  await hitRateLimit(db, { key: `sms-login:ip:${meta.ip}`, limit: 30, windowSeconds: 300 });
  await hitRateLimit(db, { key: `sms-login:mobile:${input.mobile}`, limit: 20, windowSeconds: 300 });
  const result = await db.transaction().execute(async (tx) => {
    const account = await tx.selectFrom('accounts').selectAll().where('mobile', '=', input.mobile).forUpdate().executeTakeFirst();
    if (account?.locked_until && new Date(account.locked_until) > new Date()) return { locked: Math.ceil((new Date(account.locked_until).getTime() - Date.now()) / 60_000) } as const;
    const ok = await consumeSmsCode(tx, input.mobile, 'login', input.code);
    if (!ok) {
      if (account) {
        const locked = await recordFailedLogin(tx, account.id, LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES);
        await recordAudit(tx, { actorId: null, action: 'auth.login_failed', targetType: 'account', targetId: account.id, details: { method: 'sms' }, ip: meta.ip });
        if (locked) await recordAudit(tx, { actorId: null, action: 'auth.lockout', targetType: 'account', targetId: account.id, details: { failures: LOGIN_MAX_FAILURES, minutes: LOGIN_LOCK_MINUTES }, ip: meta.ip });
      }
      return { invalid: true } as const;
    }
    if (!account) return { invalid: true } as const;
    if (account.status !== 'active') return { disabled: true } as const;
    await recordSuccessfulLogin(tx, account.id);
    return { accountId: account.id } as const;
  });
  // Failed attempts are counted (committed above) even though the request fails.
  if ('locked' in result && result.locked !== undefined) throw new DomainError('account_locked', { params: { minutes: result.locked } });
  if ('invalid' in result) throw new DomainError('sms_code_invalid', { field: 'code' });
  if ('disabled' in result) throw new DomainError('account_disabled');
  if (!('accountId' in result) || result.accountId === undefined) throw new DomainError('sms_code_invalid', { field: 'code' });
  const session = await insertSession(db, result.accountId, config.sessionDays, meta);
  return { session, account: await presentOwnAccount(db, result.accountId) };
}

/** 忘记密码: a new password against a code sent to the registered mobile; every session of the account ends. @throws sms_code_invalid, rate_limited. */
export async function resetPasswordWithSms(deps: AccountDeps, input: { mobile: string; code: string; password: string }, meta: RequestMeta): Promise<void> {
  const { db } = deps;
  await hitRateLimit(db, { key: `reset:ip:${meta.ip}`, limit: 20, windowSeconds: 3600 });
  const passwordHash = await hashPassword(input.password);
  const ok = await db.transaction().execute(async (tx) => {
    const account = await tx.selectFrom('accounts').select(['id', 'status']).where('mobile', '=', input.mobile).forUpdate().executeTakeFirst();
    if (!(await consumeSmsCode(tx, input.mobile, 'reset_password', input.code)) || !account) return false;
    // A reset by the holder of the number needs no forced change afterwards.
    await setPassword(tx, account.id, passwordHash, false);
    await deleteSessionsOf(tx, account.id);
    await recordAudit(tx, { actorId: account.id, action: 'auth.password_reset', targetType: 'account', targetId: account.id, details: { method: 'sms' }, ip: meta.ip });
    return true;
  });
  if (!ok) throw new DomainError('sms_code_invalid', { field: 'code' });
}

/** Sends codes for a mobile change: one to the current number (when there is one) and one to the new. @throws mobile_taken, rate_limited. */
export async function sendMobileChangeCodes(deps: AccountDeps, actor: Actor | null, input: { mobile: string }, meta: RequestMeta) {
  requireActor(actor);
  const { db } = deps;
  await hitRateLimit(db, { key: `sms:ip:${meta.ip}`, limit: 30, windowSeconds: 3600 });
  await hitRateLimit(db, { key: `sms:mobile-day:${input.mobile}`, limit: 10, windowSeconds: 86_400 });
  if (await mobileExists(db, input.mobile)) throw new DomainError('mobile_taken', { field: 'mobile' });
  const own = await findAccountById(db, actor.accountId);
  if (own?.mobile) await issueSmsCode(deps, own.mobile, `change_mobile_old:${actor.accountId}`, '更换手机号验证码');
  return issueSmsCode(deps, input.mobile, `change_mobile_new:${actor.accountId}`, '更换手机号验证码');
}

/** Moves the account to a new mobile once both numbers confirmed it. @throws mobile_taken, sms_code_invalid (oldCode or newCode). */
export async function changeMobile(deps: AccountDeps, actor: Actor | null, input: { mobile: string; oldCode?: string; newCode: string }, meta: RequestMeta) {
  requireActor(actor);
  const { db } = deps;
  await hitRateLimit(db, { key: `mobile-change:account:${actor.accountId}`, limit: 10, windowSeconds: 3600 });
  const fault = await db.transaction().execute(async (tx) => {
    const own = await tx.selectFrom('accounts').select(['id', 'mobile']).where('id', '=', actor.accountId).forUpdate().executeTakeFirstOrThrow();
    if (await mobileExists(tx, input.mobile)) return 'mobile_taken' as const;
    // Both codes are checked before either is spent, so one wrong code spends nothing but an attempt.
    if (own.mobile && !(await consumeSmsCode(tx, own.mobile, `change_mobile_old:${actor.accountId}`, input.oldCode ?? ''))) return 'oldCode' as const;
    if (!(await consumeSmsCode(tx, input.mobile, `change_mobile_new:${actor.accountId}`, input.newCode))) return 'newCode' as const;
    await updateMobile(tx, actor.accountId, input.mobile);
    await recordAudit(tx, { actorId: actor.accountId, action: 'account.mobile_change', targetType: 'account', targetId: actor.accountId, details: { changes: { mobile: { from: maskMobile(own.mobile), to: maskMobile(input.mobile) } } }, ip: meta.ip });
    return null;
  });
  if (fault === 'mobile_taken') throw new DomainError('mobile_taken', { field: 'mobile' });
  if (fault) throw new DomainError('sms_code_invalid', { field: fault });
  return presentOwnAccount(db, actor.accountId);
}

/** Changes the own password; ends the other sessions and lifts a forced change. @throws wrong_password (currentPassword), rate_limited. */
export async function changeOwnPassword(deps: AccountDeps, actor: Actor | null, input: { currentPassword: string; password: string }, meta: RequestMeta): Promise<void> {
  requireActor(actor);
  const { db } = deps;
  await hitRateLimit(db, { key: `password:account:${actor.accountId}`, limit: 10, windowSeconds: 900 });
  const own = await findAccountById(db, actor.accountId);
  if (!own || !(await verifyPassword(own.password_hash, input.currentPassword))) throw new DomainError('wrong_password', { field: 'currentPassword' });
  if (input.password === input.currentPassword) throw new DomainError('validation_failed', { field: 'password', errors: [{ field: 'password', code: 'same', message: { 'zh-CN': '新密码不能与当前密码相同', 'zh-TW': '新密碼不能與目前密碼相同', en: 'The new password must differ from the current one' } }] });
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (tx) => {
    await setPassword(tx, actor.accountId, passwordHash, false);
    await deleteSessionsOf(tx, actor.accountId, actor.sessionId);
    await recordAudit(tx, { actorId: actor.accountId, action: 'auth.password_change', targetType: 'account', targetId: actor.accountId, details: { forced: own.must_change_password }, ip: meta.ip });
  });
}

// ── staff accounts, by admins in scope ──

type ManagedRow = NonNullable<Awaited<ReturnType<typeof findManagedStaffAccount>>>;

/**
 * The staff account, when the actor manages its unit and may grant every role
 * it holds (a unit admin does not manage a coordinator who happens to sit in
 * its subtree). @throws not_found (out of scope), role_not_grantable.
 */
async function managedAccount(tx: Executor, actor: Actor, id: string): Promise<ManagedRow> {
  const row = await findManagedStaffAccount(tx, actor, id);
  if (!row) throw new DomainError('not_found');
  if (ungrantableRoles(actor, row.roles as StaffRole[]).length > 0) throw new DomainError('role_not_grantable', { field: 'roles' });
  return row;
}

export interface StaffUpdateInput {
  displayName?: string;
  unitId?: number;
  roles?: StaffRole[];
  email?: string | null;
  mobile?: string | null;
}

/** Edits a staff account in scope. @throws not_found, role_not_grantable (roles), unit_not_found (unitId), mobile_taken (mobile). */
export async function updateStaffAccount(db: AccountDeps['db'], actor: Actor | null, id: string, input: StaffUpdateInput, ip: string | null) {
  authorize(actor, 'account.manage');
  await db.transaction().execute(async (tx) => {
    const row = await managedAccount(tx, actor, id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: StaffChanges = {};
    if (input.displayName !== undefined && input.displayName.trim() !== row.display_name) {
      const name = input.displayName.trim();
      if (name.length === 0) throw new DomainError('validation_failed', { field: 'displayName', errors: [{ field: 'displayName', code: 'minLength', message: { 'zh-CN': '姓名不能为空', 'zh-TW': '姓名不能為空', en: 'The name must not be empty' } }] });
      changes.displayName = { from: row.display_name, to: name };
      set.display_name = name;
      set.nickname = name;
    }
    if (input.unitId !== undefined && String(input.unitId) !== row.unit_id) {
      const unit = await findManagedUnit(tx, actor, String(input.unitId));
      if (!unit) throw new DomainError('unit_not_found', { field: 'unitId' });
      if ((await unitForUse(tx, String(input.unitId)))?.retired_at) throw new DomainError('unit_retired', { field: 'unitId' });
      changes.unit = { from: { id: Number(row.unit_id), name: row.unit_name }, to: { id: input.unitId, name: unit.name } };
      set.unit_id = String(input.unitId);
    }
    if (input.roles !== undefined) {
      const next = [...new Set(input.roles)];
      if (ungrantableRoles(actor, next).length > 0) throw new DomainError('role_not_grantable', { field: 'roles' });
      const before = [...(row.roles as string[])].sort();
      if (before.join() !== [...next].sort().join()) {
        changes.roles = { from: row.roles, to: next };
        set.roles = next;
      }
    }
    if (input.email !== undefined && input.email !== row.email) {
      changes.email = { from: row.email, to: input.email };
      set.email = input.email;
    }
    if (input.mobile !== undefined && input.mobile !== row.mobile) {
      if (input.mobile !== null && (await mobileExists(tx, input.mobile))) throw new DomainError('mobile_taken', { field: 'mobile' });
      changes.mobile = { from: maskMobile(row.mobile), to: maskMobile(input.mobile) };
      set.mobile = input.mobile;
    }
    if (Object.keys(changes).length === 0) return;
    await updateAccount(tx, id, set);
    // Role and scope changes get codes of their own, so an auditor can filter for them.
    const action = changes.roles ? 'account.roles_change' : changes.unit ? 'account.scope_change' : 'account.update';
    await recordAudit(tx, { actorId: actor.accountId, action, targetType: 'account', targetId: id, details: { login: row.login, changes }, ip });
  });
  return presentStaff(await findStaffAccount(db, id));
}

/**
 * Disables or enables a staff account in scope. Disabling ends its sessions at
 * once; its open work belongs to its unit and stays there.
 * @throws not_found, role_not_grantable, cannot_disable_self (id).
 */
export async function setStaffStatus(db: AccountDeps['db'], actor: Actor | null, id: string, status: 'active' | 'disabled', ip: string | null) {
  authorize(actor, 'account.manage');
  if (status === 'disabled' && id === actor.accountId) throw new DomainError('cannot_disable_self', { field: 'id' });
  await db.transaction().execute(async (tx) => {
    const row = await managedAccount(tx, actor, id);
    if (row.status === status) return;
    await updateAccount(tx, id, { status });
    if (status === 'disabled') await deleteSessionsOf(tx, id);
    await recordAudit(tx, { actorId: actor.accountId, action: status === 'disabled' ? 'account.disable' : 'account.enable', targetType: 'account', targetId: id, details: { login: row.login, changes: { status: { from: row.status, to: status } } }, ip });
  });
  return presentStaff(await findStaffAccount(db, id));
}

const RESET_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

/**
 * Resets a staff password to a one-time code sent by SMS or e-mail: the code
 * is the password for the next login, which must then set a new one. Ends
 * every session of the account.
 * @throws not_found, role_not_grantable, reset_channel_unavailable (channel).
 */
export async function resetStaffPassword(deps: AccountDeps, actor: Actor | null, id: string, input: { channel: 'sms' | 'email' }, ip: string | null) {
  authorize(actor, 'account.manage');
  const { db, sms } = deps;
  await hitRateLimit(db, { key: `staff-reset:account:${id}`, limit: 10, windowSeconds: 3600 });
  const code = Array.from({ length: 12 }, () => RESET_ALPHABET[randomInt(0, RESET_ALPHABET.length)]).join('');
  const passwordHash = await hashPassword(code);
  const sentTo = await db.transaction().execute(async (tx) => {
    const row = await managedAccount(tx, actor, id);
    const to = input.channel === 'sms' ? row.mobile : row.email;
    if (!to) throw new DomainError('reset_channel_unavailable', { field: 'channel' });
    await setPassword(tx, id, passwordHash, true);
    await deleteSessionsOf(tx, id);
    const text = `【民声】管理员已重置您的账号（${row.login}）密码。一次性登录码：${code}。请用它登录，登录后须立即设置新密码。`;
    if (input.channel === 'sms') await sms.send(tx, to, text);
    else await insertOutbox(tx, [{ channel: 'email', recipient: to, subject: '【民声】密码已重置', body: text, notificationId: null }]);
    await recordAudit(tx, { actorId: actor.accountId, action: 'account.password_reset', targetType: 'account', targetId: id, details: { login: row.login, channel: input.channel, changes: { mustChangePassword: { from: row.must_change_password, to: true } } }, ip });
    return input.channel === 'sms' ? maskMobile(to) : to.replace(/^(.).*(@.*)$/, '$1***$2');
  });
  return { channel: input.channel, sentTo: sentTo ?? '' };
}
