import { createHash, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { LOGIN_NAME_PATTERN, MOBILE_PATTERN, PASSWORD_MAX, PASSWORD_MIN } from '../../../shared/domain.js';
import { findPersonalData, maskMobile } from '../../../shared/mask.js';
import { actionsOf, grantableRolesOf, STAFF_ROLES, type StaffRole } from '../../../shared/permissions.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { DomainError, invalidField, type FieldError } from '../../http/errors.js';
import type { Localized } from '../../http/locale.js';
import type { Actor } from '../access/actor.js';
import { authorize, isGlobal, requireActor } from '../access/access.policy.js';
import { hitRateLimit } from '../access/rate-limit.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findManagedUnit, managedUnitIds, unitForUse } from '../units/units.repository.js';
import {
  existingLogins,
  existingMobiles,
  findAccountByLogin,
  findOwnAccount,
  findStaffAccount,
  insertAccounts,
  listStaffAccounts,
  countStaffAccounts,
  mobileExists,
  recordFailedLogin,
  recordSuccessfulLogin,
  updateEmail as storeEmail,
  updateNickname as storeNickname,
  type StaffAccountQuery,
} from './accounts.repository.js';
import { parseCsvRecords } from './csv.js';
import { hashPassword, hashPasswords, verifyPassword } from './passwords.js';
import { deleteSession, insertSession } from './session.repository.js';
import type { SmsPort } from './sms.js';

export interface AccountDeps {
  db: Database;
  config: Config;
  sms: SmsPort;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

const SMS_CODE_TTL_SECONDS = 600;
const SMS_RESEND_SECONDS = 60;
const SMS_MAX_ATTEMPTS = 5;
const LOGIN_MAX_FAILURES = 5;
const LOGIN_LOCK_MINUTES = 15;
const MOBILE = new RegExp(MOBILE_PATTERN);
const LOGIN_NAME = new RegExp(LOGIN_NAME_PATTERN);

export function codeHash(mobile: string, code: string): string {
  return createHash('sha256').update(`${mobile}:${code}`).digest('hex');
}

export async function presentOwnAccount(db: Database, accountId: string) {
  const row = await findOwnAccount(db, accountId);
  const roles = row.roles as StaffRole[];
  return {
    id: Number(row.id),
    kind: row.kind,
    login: row.login,
    mobileMasked: maskMobile(row.mobile),
    nickname: row.nickname,
    displayName: row.display_name,
    email: row.email,
    unit: row.unit_id === null ? null : { id: Number(row.unit_id), name: row.unit_name ?? '', regionCode: row.unit_region_code ?? '' },
    roles,
    permissions: row.kind === 'staff' ? actionsOf(roles) : [],
    grantableRoles: row.kind === 'staff' ? grantableRolesOf(roles) : [],
    mustChangePassword: row.must_change_password,
  };
}

export type SmsPurpose = 'register' | 'login' | 'reset_password';

const SMS_TEXT: Record<string, string> = {
  register: '注册验证码',
  login: '登录验证码',
  reset_password: '重置密码验证码',
  change_mobile: '更换手机号验证码',
};

/**
 * Sends a code through the SMS port. A registration code needs a number nobody
 * has; a login or password-reset code a number an account has.
 * @throws mobile_taken, mobile_not_registered, rate_limited.
 */
export async function sendSmsCode(deps: AccountDeps, input: { mobile: string; purpose: SmsPurpose }, meta: RequestMeta) {
  const { db } = deps;
  await hitRateLimit(db, { key: `sms:ip:${meta.ip}`, limit: 30, windowSeconds: 3600 });
  await hitRateLimit(db, { key: `sms:mobile-day:${input.mobile}`, limit: 10, windowSeconds: 86_400 });
  const exists = await mobileExists(db, input.mobile);
  if (input.purpose === 'register' && exists) throw new DomainError('mobile_taken', { field: 'mobile' });
  if (input.purpose !== 'register' && !exists) throw new DomainError('mobile_not_registered', { field: 'mobile' });
  return issueSmsCode(deps, input.mobile, input.purpose, SMS_TEXT[input.purpose]!);
}

/** Stores and sends one code for (mobile, purpose), at most one a minute. @throws rate_limited. */
export async function issueSmsCode(deps: AccountDeps, mobile: string, purpose: string, what: string) {
  const { db, sms } = deps;
  const input = { mobile, purpose };
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction().execute(async (tx) => {
    // The resend wait counts from the last code sent to this number. A fixed
    // window would let two codes out a moment apart across a window boundary;
    // the lock makes two requests racing for one number take turns.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`sms:${input.mobile}`}))`.execute(tx);
    const last = await tx
      .selectFrom('sms_codes')
      .select(sql<number>`extract(epoch FROM now() - created_at)::float8`.as('age'))
      .where('mobile', '=', input.mobile)
      .where('purpose', '=', input.purpose)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (last && last.age < SMS_RESEND_SECONDS) throw new DomainError('rate_limited', { params: { seconds: Math.max(1, Math.ceil(SMS_RESEND_SECONDS - last.age)) } });
    await tx
      .insertInto('sms_codes')
      .values({ mobile: input.mobile, purpose: input.purpose, code_hash: codeHash(input.mobile, code), expires_at: new Date(Date.now() + SMS_CODE_TTL_SECONDS * 1000) })
      .execute();
    await sms.send(tx, input.mobile, `【民声】您的${what}是${code}，${SMS_CODE_TTL_SECONDS / 60}分钟内有效。如非本人操作，请忽略本短信。`);
  });
  return { expiresInSeconds: SMS_CODE_TTL_SECONDS, retryAfterSeconds: SMS_RESEND_SECONDS };
}

const NICKNAME_HAS_DIGITS: Localized = { 'zh-CN': '昵称不能包含手机号等个人信息', 'zh-TW': '暱稱不能包含手機號等個人資訊', en: 'A nickname must not contain a phone number or other personal data' };

/** A public nickname must not leak the real-name data it is meant to hide. */
function checkNickname(nickname: string): string {
  const trimmed = nickname.trim();
  if (trimmed.length === 0) throw invalidField('nickname', 'minLength', { 'zh-CN': '昵称不能为空', 'zh-TW': '暱稱不能為空', en: 'A nickname must not be empty' });
  // Seven digits in a row, or anything the public masking would catch (138 1234 5678, full-width digits, an e-mail …).
  if (/\d{7,}/.test(trimmed) || findPersonalData(trimmed).length > 0) throw invalidField('nickname', 'personal_data', NICKNAME_HAS_DIGITS);
  return trimmed;
}

/** Registers a citizen with a verified mobile number and logs them in. @throws sms_code_invalid, mobile_taken. */
export async function registerCitizen(deps: AccountDeps, input: { mobile: string; code: string; password: string; nickname: string }, meta: RequestMeta) {
  const { db, config } = deps;
  const nickname = checkNickname(input.nickname);
  await hitRateLimit(db, { key: `register:ip:${meta.ip}`, limit: 20, windowSeconds: 3600 });
  const passwordHash = await hashPassword(input.password);
  const accountId = await db.transaction().execute(async (tx) => {
    const pending = await tx
      .selectFrom('sms_codes')
      .selectAll()
      .where('mobile', '=', input.mobile)
      .where('purpose', '=', 'register')
      .where('consumed_at', 'is', null)
      .orderBy('id', 'desc')
      .forUpdate()
      .executeTakeFirst();
    const valid = pending && pending.attempts < SMS_MAX_ATTEMPTS && new Date(pending.expires_at) > new Date() && pending.code_hash === codeHash(input.mobile, input.code);
    if (!valid) {
      if (pending) await tx.updateTable('sms_codes').set({ attempts: sql`attempts + 1` }).where('id', '=', pending.id).execute();
      return null;
    }
    if (await mobileExists(tx, input.mobile)) throw new DomainError('mobile_taken', { field: 'mobile' });
    await tx.updateTable('sms_codes').set({ consumed_at: sql`now()` }).where('id', '=', pending.id).execute();
    const [id] = await insertAccounts(tx, [{ kind: 'citizen', mobile: input.mobile, password_hash: passwordHash, nickname, display_name: nickname }]);
    await recordAudit(tx, { actorId: id!, action: 'account.register', targetType: 'account', targetId: id!, details: {}, ip: meta.ip });
    return id!;
  });
  // Failed attempts are counted (committed above) even though the request fails.
  if (accountId === null) throw new DomainError('sms_code_invalid', { field: 'code' });
  const session = await insertSession(db, accountId, config.sessionDays, meta);
  return { session, account: await presentOwnAccount(db, accountId) };
}

/** @throws invalid_credentials, account_locked, account_disabled, rate_limited. */
export async function login(deps: AccountDeps, input: { login: string; password: string }, meta: RequestMeta) {
  const { db, config } = deps;
  await hitRateLimit(db, { key: `login:ip:${meta.ip}`, limit: 30, windowSeconds: 300 });
  await hitRateLimit(db, { key: `login:name:${input.login}`, limit: 20, windowSeconds: 300 });
  const account = await findAccountByLogin(db, input.login);
  if (account?.locked_until && new Date(account.locked_until) > new Date()) {
    const minutes = Math.ceil((new Date(account.locked_until).getTime() - Date.now()) / 60_000);
    throw new DomainError('account_locked', { params: { minutes } });
  }
  const ok = await verifyPassword(account?.password_hash ?? null, input.password);
  if (!account || !ok) {
    if (account) {
      const locked = await recordFailedLogin(db, account.id, LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES);
      await recordAudit(db, { actorId: null, action: 'auth.login_failed', targetType: 'account', targetId: account.id, details: { method: 'password' }, ip: meta.ip });
      if (locked) await recordAudit(db, { actorId: null, action: 'auth.lockout', targetType: 'account', targetId: account.id, details: { failures: LOGIN_MAX_FAILURES, minutes: LOGIN_LOCK_MINUTES }, ip: meta.ip });
    }
    throw new DomainError('invalid_credentials', { field: 'password' });
  }
  if (account.status !== 'active') throw new DomainError('account_disabled');
  await recordSuccessfulLogin(db, account.id);
  const session = await insertSession(db, account.id, config.sessionDays, meta);
  return { session, account: await presentOwnAccount(db, account.id) };
}

export async function logout(db: Database, actor: Actor | null): Promise<void> {
  if (actor) await deleteSession(db, actor.sessionId);
}

const EMAIL_STAFF_ONLY: Localized = { 'zh-CN': '只有工作人员账号可以设置电子邮箱', 'zh-TW': '只有工作人員帳號可以設定電子郵件', en: 'Only staff accounts have an e-mail address here' };

/**
 * Changes the own nickname and/or e-mail address (staff only: where report
 * subscriptions and e-mail notifications go; null removes it).
 * @throws DomainError unauthenticated; validation_failed (nickname, or an e-mail for a citizen).
 */
export async function updateProfile(db: Database, actor: Actor | null, input: { nickname?: string; email?: string | null }) {
  requireActor(actor);
  const nickname = input.nickname === undefined ? undefined : checkNickname(input.nickname);
  if (input.email !== undefined && actor.kind !== 'staff') throw invalidField('email', 'staff_only', EMAIL_STAFF_ONLY);
  await db.transaction().execute(async (tx) => {
    if (nickname !== undefined) await storeNickname(tx, actor.accountId, nickname);
    if (input.email !== undefined) await storeEmail(tx, actor.accountId, input.email);
  });
  return presentOwnAccount(db, actor.accountId);
}

type StaffRow = Awaited<ReturnType<typeof findStaffAccount>>;

export function presentStaff(row: StaffRow) {
  return {
    id: Number(row.id),
    login: row.login ?? '',
    displayName: row.display_name,
    mobileMasked: maskMobile(row.mobile),
    unit: { id: Number(row.unit_id), name: row.unit_name },
    roles: row.roles as StaffRole[],
    status: row.status,
    email: row.email,
    mustChangePassword: row.must_change_password,
    locked: row.locked_until !== null && new Date(row.locked_until) > new Date(),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listAccounts(db: Database, actor: Actor | null, query: StaffAccountQuery) {
  authorize(actor, 'account.read');
  const [rows, total] = await Promise.all([listStaffAccounts(db, actor, query), countStaffAccounts(db, actor, query)]);
  const page = rows.slice(0, query.limit);
  return { items: page.map(presentStaff), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null, total };
}

export interface NewStaffInput {
  login: string;
  password: string;
  displayName: string;
  unitId: number;
  roles: StaffRole[];
  mobile?: string;
}

export function ungrantableRoles(actor: Actor, roles: readonly StaffRole[]): StaffRole[] {
  const grantable = grantableRolesOf(actor.roles);
  return roles.filter((r) => !grantable.includes(r));
}

/** Creates one staff account in a unit the actor manages. @throws unit_not_found, role_not_grantable, login_taken, mobile_taken. */
export async function createStaffAccount(db: Database, actor: Actor | null, input: NewStaffInput, ip: string | null) {
  authorize(actor, 'account.create');
  input = { ...input, login: input.login.toLowerCase() };
  if (ungrantableRoles(actor, input.roles).length > 0) throw new DomainError('role_not_grantable', { field: 'roles' });
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (tx) => {
    if (!(await findManagedUnit(tx, actor, String(input.unitId)))) throw new DomainError('unit_not_found', { field: 'unitId' });
    // A retired unit takes nobody new (units.lifecycle.service.ts); FOR KEY SHARE orders this against a retirement.
    if ((await unitForUse(tx, String(input.unitId)))?.retired_at) throw new DomainError('unit_retired', { field: 'unitId' });
    if ((await existingLogins(tx, [input.login])).size > 0) throw new DomainError('login_taken', { field: 'login' });
    if (input.mobile && (await existingMobiles(tx, [input.mobile])).size > 0) throw new DomainError('mobile_taken', { field: 'mobile' });
    const [newId] = await insertAccounts(tx, [
      // The admin chose the first password, so the holder must replace it (issue 15).
      { kind: 'staff', login: input.login, mobile: input.mobile ?? null, password_hash: passwordHash, nickname: input.displayName, display_name: input.displayName, unit_id: String(input.unitId), roles: [...new Set(input.roles)], must_change_password: true },
    ]);
    await recordAudit(tx, { actorId: actor.accountId, action: 'account.create', targetType: 'account', targetId: newId!, details: { login: input.login, unitId: input.unitId, roles: input.roles }, ip });
    return newId!;
  });
  return presentStaff(await findStaffAccount(db, id));
}

export const IMPORT_COLUMNS = ['login', 'password', 'displayName', 'unitId', 'roles', 'mobile'] as const;
const MAX_IMPORT_ROWS = 10_000;

const msg = {
  header: { 'zh-CN': `表头须为 ${IMPORT_COLUMNS.join(',')}`, 'zh-TW': `表頭須為 ${IMPORT_COLUMNS.join(',')}`, en: `the header must be ${IMPORT_COLUMNS.join(',')}` },
  empty: { 'zh-CN': '文件中没有账号', 'zh-TW': '檔案中沒有帳號', en: 'the file holds no account' },
  tooMany: { 'zh-CN': `一次最多导入 ${MAX_IMPORT_ROWS} 个账号`, 'zh-TW': `一次最多匯入 ${MAX_IMPORT_ROWS} 個帳號`, en: `at most ${MAX_IMPORT_ROWS} accounts at once` },
  columns: { 'zh-CN': '列数不对', 'zh-TW': '欄數不對', en: 'wrong number of columns' },
  login: { 'zh-CN': '登录名须为3–32位字母、数字或 _ . -，并以字母开头', 'zh-TW': '登入名須為3–32位字母、數字或 _ . -，並以字母開頭', en: 'login must be 3–32 letters, digits, _ . -, starting with a letter' },
  loginDup: { 'zh-CN': '登录名在文件中重复', 'zh-TW': '登入名在檔案中重複', en: 'login repeated in the file' },
  loginTaken: { 'zh-CN': '登录名已被使用', 'zh-TW': '登入名已被使用', en: 'login already taken' },
  password: { 'zh-CN': `密码长度须为${PASSWORD_MIN}–${PASSWORD_MAX}位`, 'zh-TW': `密碼長度須為${PASSWORD_MIN}–${PASSWORD_MAX}位`, en: `password must have ${PASSWORD_MIN}–${PASSWORD_MAX} characters` },
  displayName: { 'zh-CN': '姓名须为1–50个字符', 'zh-TW': '姓名須為1–50個字元', en: 'displayName must have 1–50 characters' },
  unit: { 'zh-CN': '单位不存在或不在您的管理范围内', 'zh-TW': '單位不存在或不在您的管理範圍內', en: 'no such unit within your scope' },
  unitRetired: { 'zh-CN': '该单位已撤销，不能再添加人员', 'zh-TW': '該單位已撤銷，不能再新增人員', en: 'the unit is retired and takes nobody new' },
  roles: { 'zh-CN': `角色须为 ${STAFF_ROLES.join('|')} 中的一个或多个`, 'zh-TW': `角色須為 ${STAFF_ROLES.join('|')} 中的一個或多個`, en: `roles must be one or more of ${STAFF_ROLES.join('|')}` },
  rolesGrant: { 'zh-CN': '您不能授予该角色', 'zh-TW': '您不能授予該角色', en: 'you may not grant this role' },
  mobile: { 'zh-CN': '手机号须为以1开头的11位数字', 'zh-TW': '手機號須為以1開頭的11位數字', en: 'mobile must be 11 digits starting with 1' },
  mobileTaken: { 'zh-CN': '手机号已被使用或在文件中重复', 'zh-TW': '手機號已被使用或在檔案中重複', en: 'mobile already used or repeated in the file' },
} satisfies Record<string, Localized>;

/**
 * Creates many staff accounts from CSV, all or nothing: every row is checked
 * first, and one bad row means no account is created.
 * @throws DomainError csv_invalid with errors[] naming `csv[line].column`.
 */
export async function importStaffAccounts(db: Database, actor: Actor | null, input: { csv: string }, ip: string | null) {
  authorize(actor, 'account.import');
  // Blank lines are skipped, but every error names the line of the file it is on.
  const rows = parseCsvRecords(input.csv).filter((r) => !(r.cells.length === 1 && r.cells[0]!.trim() === ''));
  const errors: FieldError[] = [];
  const fail = (line: number, column: string, message: Localized) => errors.push({ field: `csv[${line}].${column}`, code: 'invalid', message });
  const header = rows[0]?.cells.map((h) => h.trim());
  if (!header || header.length !== IMPORT_COLUMNS.length || IMPORT_COLUMNS.some((c, i) => header[i] !== c)) {
    throw new DomainError('csv_invalid', { field: 'csv', errors: [{ field: `csv[${rows[0]?.line ?? 1}]`, code: 'header', message: msg.header }] });
  }
  const body = rows.slice(1);
  if (body.length === 0) throw new DomainError('csv_invalid', { field: 'csv', errors: [{ field: 'csv', code: 'empty', message: msg.empty }] });
  if (body.length > MAX_IMPORT_ROWS) throw new DomainError('csv_invalid', { field: 'csv', errors: [{ field: 'csv', code: 'too_many', message: msg.tooMany }] });

  const parsed = body.map(({ cells, line }) => {
    if (cells.length !== IMPORT_COLUMNS.length) fail(line, 'columns', msg.columns);
    const [login = '', password = '', displayName = '', unitId = '', roles = '', mobile = ''] = cells.map((c) => c.trim());
    return { line, login: login.toLowerCase(), password, displayName, unitId, roles: roles.split('|').map((r) => r.trim()).filter(Boolean) as StaffRole[], mobile };
  });

  const managed = await managedUnitIds(db, actor, [...new Set(parsed.map((r) => r.unitId).filter((u) => /^\d{1,18}$/.test(u)))]);
  const retired = new Set((await Promise.all([...managed].map((id) => unitForUse(db, id)))).flatMap((u) => (u?.retired_at ? [u.id] : [])));
  const taken = await existingLogins(db, parsed.map((r) => r.login).filter((l) => LOGIN_NAME.test(l)));
  const takenMobiles = await existingMobiles(db, parsed.map((r) => r.mobile).filter((m) => MOBILE.test(m)));
  const seenLogins = new Set<string>();
  const seenMobiles = new Set<string>();
  for (const r of parsed) {
    if (!LOGIN_NAME.test(r.login)) fail(r.line, 'login', msg.login);
    else if (seenLogins.has(r.login)) fail(r.line, 'login', msg.loginDup);
    else if (taken.has(r.login)) fail(r.line, 'login', msg.loginTaken);
    seenLogins.add(r.login);
    if (r.password.length < PASSWORD_MIN || r.password.length > PASSWORD_MAX) fail(r.line, 'password', msg.password);
    if (r.displayName.length < 1 || r.displayName.length > 50) fail(r.line, 'displayName', msg.displayName);
    if (!managed.has(r.unitId)) fail(r.line, 'unitId', msg.unit);
    else if (retired.has(r.unitId)) fail(r.line, 'unitId', msg.unitRetired);
    if (r.roles.length === 0 || r.roles.some((role) => !STAFF_ROLES.includes(role))) fail(r.line, 'roles', msg.roles);
    else if (ungrantableRoles(actor, r.roles).length > 0) fail(r.line, 'roles', msg.rolesGrant);
    if (r.mobile) {
      if (!MOBILE.test(r.mobile)) fail(r.line, 'mobile', msg.mobile);
      else if (takenMobiles.has(r.mobile) || seenMobiles.has(r.mobile)) fail(r.line, 'mobile', msg.mobileTaken);
      seenMobiles.add(r.mobile);
    }
  }
  if (errors.length > 0) throw new DomainError('csv_invalid', { field: errors[0]!.field, errors: errors.slice(0, 200) });

  const hashes = await hashPasswords(parsed.map((r) => r.password));
  const ids = await db.transaction().execute(async (tx) => {
    // FOR KEY SHARE orders the import against a retirement committed since the check above.
    for (const id of managed) if ((await unitForUse(tx, id))?.retired_at) throw new DomainError('unit_retired', { field: 'csv' });
    const created = await insertAccounts(
      tx,
      parsed.map((r, i) => ({ kind: 'staff' as const, login: r.login, mobile: r.mobile || null, password_hash: hashes[i]!, nickname: r.displayName, display_name: r.displayName, unit_id: r.unitId, roles: [...new Set(r.roles)], must_change_password: true })),
    );
    await recordAudit(tx, { actorId: actor.accountId, action: 'account.import', targetType: 'account', targetId: null, details: { count: created.length, logins: parsed.map((r) => r.login) }, ip });
    return created;
  });
  return { created: ids.length };
}
