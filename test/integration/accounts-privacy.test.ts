/**
 * Issue 15, personal data (个人信息保护法): a citizen downloads everything the
 * platform holds about them and closes (注销) their account, which
 * de-identifies it, ends its sessions, keeps the public messages under 网友,
 * leaves the published figures alone and frees the number; a platform admin
 * moves a citizen who lost their number to a new one; admins read one account
 * and lift a login lockout, within their scope.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, DEMO_PASSWORD, type Session, type TestApp } from '../support/app.js';
import { auditEntries, lastSmsCode, loginFrom, makeCitizen, makeStaff, registerCitizen, uniqueIp, uniqueMobile, unitIdByKey, type MadeAccount } from '../support/factories.js';
import { actorOf, boardIdOf, makeMessage } from '../support/messages.js';
import { addFollowUp, rateMessage, screenMessage } from '../../src/server/modules/messages/message-actions.service.js';
import { createCampaign, publishCampaign } from '../../src/server/modules/campaigns/campaigns.service.js';
import { submitEntry, supportEntry } from '../../src/server/modules/campaigns/campaign-entries.service.js';
import { createQuestionnaire, publishQuestionnaire, submitResponse } from '../../src/server/modules/questionnaires/questionnaires.service.js';
import { closeOwnAccount } from '../../src/server/modules/accounts/accounts.privacy.service.js';
import { checkIntegrity } from '../../src/server/modules/integrity/integrity.service.js';
import { ANONYMOUS_NAME } from '../../src/shared/accounts.js';

let t: TestApp;
let admin: Session;
let unitAdmin: Session;
const unit: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginFrom(t.app, uniqueIp(), 'admin');
  unitAdmin = await loginFrom(t.app, uniqueIp(), 'unitadmin');
  for (const key of ['dh-mzj', 'nc-mzj', 'dh-pc-office']) unit[key] = await unitIdByKey(t.db, key);
});
afterAll(async () => t.close());

const me = (s: Session) => as(t.app, s, { method: 'GET', url: '/api/v1/auth/me' });

async function accountRow(id: string) {
  return t.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function sessionCount(id: string) {
  return (await t.db.selectFrom('sessions').select(sql<number>`count(*)::int`.as('n')).where('account_id', '=', id).executeTakeFirstOrThrow()).n;
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, match: Record<string, unknown>) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json()).toMatchObject(match);
}

/** A citizen with one of everything: a public message answered, rated and followed up, a private one, a questionnaire answer, a campaign entry and a support. */
async function citizenWithHistory(tag: string) {
  const c = await makeCitizen(t.db, { nickname: `${tag}的昵称` });
  const actor = await actorOf(t.db, c.mobile!);
  const adminActor = await actorOf(t.db, 'admin');
  const answered = await makeMessage(t.db, { author: c.mobile!, state: 'replied', title: `${tag}公开留言标题`, privateNote: `${tag}的私密备注：住址幸福路8号`, locationPublic: false, photosPublic: false });
  await rateMessage(t.db, actor, answered, { resolution: 5, attitude: 5, speed: 4, comment: `${tag}很满意` });
  await addFollowUp(t.db, actor, answered, { body: `${tag}追问：食堂几点开门？` });
  const hidden = await makeMessage(t.db, { author: c.mobile!, isPublic: false, title: `${tag}不公开留言`, privateNote: `${tag}的第二条备注` });
  return { ...c, actor, adminActor, answered, hidden };
}

let campaignId = '';
let questionnaire: { id: string; question: string } | null = null;

async function campaign() {
  if (campaignId) return campaignId;
  const a = await actorOf(t.db, 'admin');
  const now = Date.now();
  const made = await createCampaign(t.db, a, {
    title: '反食品浪费金点子征集（隐私测试）', description: '面向社会征集反食品浪费的意见建议。', organiserUnitId: Number(unit['dh-pc-office']), boardId: Number(await boardIdOf(t.db, '东湖区委书记')),
    topics: ['食堂管理'], regionCodes: [], hasPrizes: false, entriesPublic: true, startsAt: new Date(now - 3600_000).toISOString(), endsAt: new Date(now + 7 * 86_400_000).toISOString(),
  });
  await publishCampaign(t.db, a, String(made.id));
  campaignId = String(made.id);
  return campaignId;
}

async function questionnaireOf() {
  if (questionnaire) return questionnaire;
  const a = await actorOf(t.db, 'admin');
  const made = await createQuestionnaire(t.db, a, {
    title: '食堂满意度问卷（隐私测试）', description: '了解食堂情况。', organiserUnitId: Number(unit['dh-mzj']), audience: 'citizens',
    opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    questions: [{ kind: 'single', text: '您是否在食堂就餐？', required: true, options: [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }] }],
  });
  await publishQuestionnaire(t.db, a, String(made.id));
  questionnaire = { id: String(made.id), question: String(made.questions[0]!.id) };
  return questionnaire;
}

async function entryOf(c: { actor: Awaited<ReturnType<typeof actorOf>> }, title: string) {
  await t.db.deleteFrom('rate_limits').where('key', 'like', 'message:%').execute();
  const entry = await submitEntry(t.db, c.actor, await campaign(), { kind: 'suggestion', title, body: '建议机关食堂推行小份菜、半份菜，减少浪费。', regionCode: '360102' }, null);
  await screenMessage(t.db, await actorOf(t.db, 'admin'), String(entry.id), { decision: 'accept' });
  return String(entry.id);
}

describe('GET /me/data-export', () => {
  it('returns a dated JSON attachment with every kind of data of the citizen and nothing of another citizen; audited', async () => {
    const alice = await citizenWithHistory('爱丽丝');
    const bob = await citizenWithHistory('鲍勃');
    const q = await questionnaireOf();
    await submitResponse(t.db, alice.actor, q.id, { answers: { [q.question]: 'yes' }, regionCode: '360102' }, { ip: uniqueIp(), idempotencyKey: null });
    await submitResponse(t.db, bob.actor, q.id, { answers: { [q.question]: 'no' }, regionCode: '360102' }, { ip: uniqueIp(), idempotencyKey: null });
    const aliceEntry = await entryOf(alice, '爱丽丝的投稿建议');
    const bobEntry = await entryOf(bob, '鲍勃的投稿建议');
    await supportEntry(t.db, alice.actor, await campaign(), bobEntry);
    await supportEntry(t.db, bob.actor, await campaign(), aliceEntry);
    // A mistyped password is part of what the platform recorded about her.
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: alice.mobile, password: 'mistyped-password' }, remoteAddress: uniqueIp() });
    const session = await loginFrom(t.app, uniqueIp(), alice.mobile!);

    const res = await as(t.app, session, { method: 'GET', url: '/api/v1/me/data-export' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="minsheng-personal-data-${alice.id}-${today}\\.json"$`));
    const file = res.json();

    expect(file.header).toMatchObject({ format: 'minsheng.personal-data/1', accountId: Number(alice.id) });
    // Every table left out says why.
    expect(Object.keys(file.header.notIncluded)).toEqual(expect.arrayContaining(['rate_limits', 'sms_codes', 'sms_outbox', 'idempotency_keys']));
    expect(file.account).toMatchObject({ id: Number(alice.id), kind: 'citizen', mobile: alice.mobile, nickname: '爱丽丝的昵称', status: 'active', createdAt: expect.any(String), settings: expect.any(Object) });

    // Her messages: the answered one, the private one, and her campaign entry (a message too).
    const byNumber = (a: number, b: number) => a - b;
    expect(file.messages.map((m: { id: number }) => m.id).sort(byNumber)).toEqual([Number(alice.answered), Number(alice.hidden), Number(aliceEntry)].sort(byNumber));
    const answered = file.messages.find((m: { id: number }) => m.id === Number(alice.answered));
    expect(answered).toMatchObject({ privateNote: '爱丽丝的私密备注：住址幸福路8号', isPublic: true, locationPublic: false, photosPublic: false, region: { code: '360102' } });
    const kinds = answered.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['submitted', 'reply', 'rated', 'follow_up']));
    expect(answered.rating).toMatchObject({ grade: expect.any(String), comment: '爱丽丝很满意' });
    expect(file.messages.find((m: { id: number }) => m.id === Number(alice.hidden))).toMatchObject({ isPublic: false, privateNote: '爱丽丝的第二条备注' });

    expect(file.ratings).toEqual([expect.objectContaining({ messageId: Number(alice.answered), comment: '爱丽丝很满意' })]);
    expect(file.followUps).toEqual([expect.objectContaining({ messageId: Number(alice.answered), body: '爱丽丝追问：食堂几点开门？' })]);
    expect(file.questionnaireResponses).toEqual([expect.objectContaining({ questionnaireId: Number(q.id), answers: { [q.question]: 'yes' } })]);
    expect(file.campaignEntries).toEqual([expect.objectContaining({ messageId: Number(aliceEntry), campaignId: Number(await campaign()), supportCount: 1 })]);
    expect(file.campaignSupports).toEqual([expect.objectContaining({ messageId: Number(bobEntry) })]);
    expect(file.notifications.length).toBeGreaterThan(0);
    expect(file.sessions.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(file.sessions)).not.toMatch(/csrf|token/i);
    expect(file.activity.map((a: { action: string }) => a.action)).toContain('auth.login_failed');

    // Nothing of Bob's: not his number, names, notes, messages, answers or entry.
    for (const secret of [bob.mobile!, '鲍勃的昵称', '鲍勃的私密备注', '鲍勃公开留言标题', '鲍勃不公开留言', '鲍勃追问', '鲍勃很满意', '鲍勃的投稿建议', '"no"']) {
      expect(res.body).not.toContain(secret);
    }
    const [entry] = await auditEntries(t.db, 'account.data_export');
    expect(entry).toMatchObject({ actor_id: alice.id, target_id: alice.id });
  });

  it('refuses without a session: 401 problem+json', async () => {
    expectProblem(await as(t.app, null, { method: 'GET', url: '/api/v1/me/data-export' }), 401, { code: 'unauthenticated' });
  });
});

describe('POST /me/close', () => {
  async function statsFigures() {
    const urls = ['/api/v1/stats/summary?region=360000', '/api/v1/stats/summary?region=360102', '/api/v1/stats/boards?region=360000', '/api/v1/messages/counts?region=360000'];
    const out: Record<string, unknown> = {};
    for (const url of urls) {
      const res = await as(t.app, null, { method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      out[url] = res.json();
    }
    return out;
  }

  it('de-identifies the account with the password: sessions end, public messages stay under 网友, figures unchanged, the number registers again; audited', async () => {
    const c = await citizenWithHistory('注销者');
    const session = await loginFrom(t.app, uniqueIp(), c.mobile!);
    const other = await loginFrom(t.app, uniqueIp(), c.mobile!);
    const before = await statsFigures();
    const publicBefore = await as(t.app, null, { method: 'GET', url: `/api/v1/messages/${c.answered}` });
    expect(publicBefore.json().author.nickname).toBe('注销者的昵称');

    const res = await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { password: c.password } });
    expect(res.statusCode, res.body).toBe(204);
    expect(res.cookies.find((k) => k.name === 'ms_sid')?.value ?? '').toBe('');

    const row = await accountRow(c.id);
    expect(row).toMatchObject({ status: 'closed', mobile: null, email: null, nickname: ANONYMOUS_NAME, display_name: ANONYMOUS_NAME });
    expect(row.closed_at).not.toBeNull();
    expect(await sessionCount(c.id)).toBe(0);
    expect((await me(session)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(401);
    expect((await t.db.selectFrom('messages').select('private_note').where('author_id', '=', c.id).execute()).every((m) => m.private_note === null)).toBe(true);
    expect(await t.db.selectFrom('notifications').select('id').where('account_id', '=', c.id).execute()).toEqual([]);
    // Login is impossible: the number no longer leads to the account, and no password matches.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: c.mobile, password: c.password }, remoteAddress: uniqueIp() })).statusCode).toBe(401);

    // The board keeps the message, under the anonymous name, with its thread.
    const publicAfter = await as(t.app, null, { method: 'GET', url: `/api/v1/messages/${c.answered}` });
    expect(publicAfter.statusCode).toBe(200);
    expect(publicAfter.json()).toMatchObject({ author: { nickname: ANONYMOUS_NAME }, title: '注销者公开留言标题' });
    expect(publicAfter.json().timeline.map((e: { kind: string }) => e.kind)).toEqual(publicBefore.json().timeline.map((e: { kind: string }) => e.kind));
    expect(publicAfter.body).not.toContain('注销者的昵称');

    // The figures never depended on the author.
    expect(await statsFigures()).toEqual(before);

    const [entry] = await auditEntries(t.db, 'account.close');
    expect(entry).toMatchObject({ actor_id: c.id, target_id: c.id });
    expect(JSON.stringify(entry!.details)).not.toContain(c.mobile!);

    // The number is free: a new registration succeeds and is a new account.
    const again = await registerCitizen(t.app, t.db, { mobile: c.mobile! });
    expect(again.response.json().account.id).not.toBe(Number(c.id));

    expect((await checkIntegrity(t.db, { only: ['closed-accounts'] })).results[0]!.breaches).toBe(0);
  });

  it('de-identifies with an SMS code sent to the own number', async () => {
    const c = await makeCitizen(t.db);
    const session = await loginFrom(t.app, uniqueIp(), c.mobile!);
    expect((await as(t.app, session, { method: 'POST', url: '/api/v1/me/close/sms-codes' })).statusCode).toBe(202);
    const code = await lastSmsCode(t.db, c.mobile!);
    const res = await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { code } });
    expect(res.statusCode, res.body).toBe(204);
    expect(await accountRow(c.id)).toMatchObject({ status: 'closed', mobile: null });
    const [entry] = await auditEntries(t.db, 'account.close');
    expect(entry!.details).toMatchObject({ method: 'sms' });
  });

  async function unchanged(c: MadeAccount, session: Session) {
    expect(await accountRow(c.id)).toMatchObject({ status: 'active', mobile: c.mobile });
    expect((await me(session)).statusCode).toBe(200);
  }

  it('refuses a wrong password: 422 naming password, nothing changes', async () => {
    const c = await makeCitizen(t.db);
    const session = await loginFrom(t.app, uniqueIp(), c.mobile!);
    expectProblem(await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { password: 'not-the-password' } }), 422, { code: 'wrong_password', field: 'password' });
    await unchanged(c, session);
  });

  it('refuses a reused or expired code: 422 naming code, nothing changes', async () => {
    const c = await makeCitizen(t.db);
    const session = await loginFrom(t.app, uniqueIp(), c.mobile!);
    // A code for another purpose (a login code) does not close the account.
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { mobile: c.mobile, purpose: 'login' }, remoteAddress: uniqueIp() });
    const loginCode = await lastSmsCode(t.db, c.mobile!);
    expectProblem(await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { code: loginCode } }), 422, { code: 'sms_code_invalid', field: 'code' });
    expect((await as(t.app, session, { method: 'POST', url: '/api/v1/me/close/sms-codes' })).statusCode).toBe(202);
    const code = await lastSmsCode(t.db, c.mobile!);
    await t.db.updateTable('sms_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('mobile', '=', c.mobile!).execute();
    expectProblem(await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { code } }), 422, { code: 'sms_code_invalid', field: 'code' });
    await unchanged(c, session);
    // Spent: a fresh code in its place closes; the spent one does not work twice (the account is gone by then).
    await t.db.updateTable('sms_codes').set({ created_at: new Date(Date.now() - 120_000) }).where('mobile', '=', c.mobile!).execute();
    expect((await as(t.app, session, { method: 'POST', url: '/api/v1/me/close/sms-codes' })).statusCode).toBe(202);
    const fresh = await lastSmsCode(t.db, c.mobile!);
    const second = await loginFrom(t.app, uniqueIp(), c.mobile!);
    expect((await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { code: fresh } })).statusCode).toBe(204);
    expectProblem(await as(t.app, second, { method: 'POST', url: '/api/v1/me/close', payload: { code: fresh } }), 401, { code: 'unauthenticated' });
  });

  it('asks for exactly one of password and code: 400 naming password', async () => {
    const c = await makeCitizen(t.db);
    const session = await loginFrom(t.app, uniqueIp(), c.mobile!);
    expectProblem(await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: {} }), 400, { field: 'password' });
    expectProblem(await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { password: c.password, code: '123456' } }), 400, { field: 'password' });
    await unchanged(c, session);
  });

  it('refuses staff: 403 citizens_only, the staff account stays', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']!, mobile: uniqueMobile() });
    const session = await loginFrom(t.app, uniqueIp(), s.login!, s.password);
    expectProblem(await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { password: s.password } }), 403, { code: 'citizens_only' });
    expectProblem(await as(t.app, session, { method: 'POST', url: '/api/v1/me/close/sms-codes' }), 403, { code: 'citizens_only' });
    expect(await accountRow(s.id)).toMatchObject({ status: 'active', mobile: s.mobile });
  });

  it('cannot close an account twice: the old session is gone (401), and the service refuses a closed account (409 account_closed)', async () => {
    const c = await makeCitizen(t.db);
    const session = await loginFrom(t.app, uniqueIp(), c.mobile!);
    const actor = await actorOf(t.db, c.mobile!);
    expect((await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { password: c.password } })).statusCode).toBe(204);
    expect((await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { password: c.password } })).statusCode).toBe(401);
    const closes = (await auditEntries(t.db, 'account.close')).length;
    await expect(closeOwnAccount({ db: t.db, config: t.config, sms: { send: async () => {} } }, actor, { password: c.password }, { ip: null, userAgent: null })).rejects.toMatchObject({ code: 'account_closed' });
    expect(await auditEntries(t.db, 'account.close')).toHaveLength(closes);
  });
});

describe('staff: one account, unlock', () => {
  it('GET /accounts/{id}: a unit admin reads a staff account of the own subtree, 404 outside it and for citizens; a platform admin reads a citizen', async () => {
    const inside = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    const outside = await makeStaff(t.db, { unitId: unit['nc-mzj']! });
    const citizen = await makeCitizen(t.db);
    const res = await as(t.app, unitAdmin, { method: 'GET', url: `/api/v1/accounts/${inside.id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: Number(inside.id), kind: 'staff', login: inside.login, status: 'active', locked: false, unit: { id: Number(unit['dh-mzj']) } });
    expectProblem(await as(t.app, unitAdmin, { method: 'GET', url: `/api/v1/accounts/${outside.id}` }), 404, { code: 'not_found' });
    expectProblem(await as(t.app, unitAdmin, { method: 'GET', url: `/api/v1/accounts/${citizen.id}` }), 404, { code: 'not_found' });
    const asAdmin = await as(t.app, admin, { method: 'GET', url: `/api/v1/accounts/${citizen.id}` });
    expect(asAdmin.json()).toMatchObject({ id: Number(citizen.id), kind: 'citizen', mobileMasked: expect.stringContaining('****') });
  });

  async function lockOut(loginName: string) {
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password: 'wrong-password' }, remoteAddress: ip });
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password: DEMO_PASSWORD }, remoteAddress: uniqueIp() });
    expect(locked.statusCode).toBe(423);
  }

  it('POST /accounts/{id}/unlock lifts a lockout in scope: the right password logs in at once; audited', async () => {
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    await lockOut(s.login!);
    const res = await as(t.app, unitAdmin, { method: 'POST', url: `/api/v1/accounts/${s.id}/unlock` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ locked: false, lockedUntil: null, failedLogins: 0 });
    await loginFrom(t.app, uniqueIp(), s.login!, s.password);
    const [entry] = await auditEntries(t.db, 'account.unlock');
    expect(entry).toMatchObject({ target_id: s.id });
  });

  it('unlock outside the scope: 404, the lock stays', async () => {
    const s = await makeStaff(t.db, { unitId: unit['nc-mzj']! });
    await lockOut(s.login!);
    expectProblem(await as(t.app, unitAdmin, { method: 'POST', url: `/api/v1/accounts/${s.id}/unlock` }), 404, { code: 'not_found' });
    expect((await accountRow(s.id)).locked_until).not.toBeNull();
  });

  it('a platform admin unlocks a citizen; a unit admin gets 404 for one', async () => {
    const c = await makeCitizen(t.db);
    await lockOut(c.mobile!);
    expectProblem(await as(t.app, unitAdmin, { method: 'POST', url: `/api/v1/accounts/${c.id}/unlock` }), 404, { code: 'not_found' });
    expect((await as(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${c.id}/unlock` })).statusCode).toBe(200);
    await loginFrom(t.app, uniqueIp(), c.mobile!);
  });
});

describe('staff: a citizen who lost the old number (POST /accounts/{id}/mobile)', () => {
  async function sendTo(id: string, mobile: string, session = admin) {
    return as(t.app, session, { method: 'POST', url: `/api/v1/accounts/${id}/mobile/sms-codes`, payload: { mobile } });
  }

  it('moves the account to the new number with its code and a reason: old sessions end, the new number logs in; audited with the reason', async () => {
    const c = await makeCitizen(t.db);
    const old = await loginFrom(t.app, uniqueIp(), c.mobile!);
    const found = await as(t.app, admin, { method: 'GET', url: `/api/v1/accounts/citizen-lookup?mobile=${c.mobile}` });
    expect(found.json()).toMatchObject({ id: Number(c.id), kind: 'citizen' });
    const mobile = uniqueMobile();
    expect((await sendTo(c.id, mobile)).statusCode).toBe(202);
    const code = await lastSmsCode(t.db, mobile);
    const reason = '本人持身份证到窗口办理，已核对身份证与注册实名信息一致';
    const res = await as(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${c.id}/mobile`, payload: { mobile, code, reason } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await accountRow(c.id)).mobile).toBe(mobile);
    expect((await me(old)).statusCode).toBe(401);
    await loginFrom(t.app, uniqueIp(), mobile);
    const [entry] = await auditEntries(t.db, 'account.mobile_recover');
    expect(entry).toMatchObject({ target_id: c.id, details: { reason } });
    // The old number is free again.
    await registerCitizen(t.app, t.db, { mobile: c.mobile! });
  });

  it('refuses a wrong or reused code: 422 naming code, the number stays', async () => {
    const c = await makeCitizen(t.db);
    const mobile = uniqueMobile();
    await sendTo(c.id, mobile);
    const code = await lastSmsCode(t.db, mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    expectProblem(await as(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${c.id}/mobile`, payload: { mobile, code: wrong, reason: '核验身份证' } }), 422, { code: 'sms_code_invalid', field: 'code' });
    expect((await accountRow(c.id)).mobile).toBe(c.mobile);
    expect((await as(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${c.id}/mobile`, payload: { mobile, code, reason: '核验身份证' } })).statusCode).toBe(200);
    // Back to another number with the same, spent code: refused.
    expectProblem(await as(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${c.id}/mobile`, payload: { mobile: uniqueMobile(), code, reason: '核验身份证' } }), 422, { field: 'code' });
    expect((await accountRow(c.id)).mobile).toBe(mobile);
  });

  it('refuses a number already registered: 409 naming mobile, on sending and on changing', async () => {
    const c = await makeCitizen(t.db);
    const taken = await makeCitizen(t.db);
    expectProblem(await sendTo(c.id, taken.mobile!), 409, { code: 'mobile_taken', field: 'mobile' });
    const mobile = uniqueMobile();
    await sendTo(c.id, mobile);
    const code = await lastSmsCode(t.db, mobile);
    await makeCitizen(t.db, { mobile });
    expectProblem(await as(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${c.id}/mobile`, payload: { mobile, code, reason: '核验身份证' } }), 409, { code: 'mobile_taken', field: 'mobile' });
    expect((await accountRow(c.id)).mobile).toBe(c.mobile);
  });

  it('asks for a reason: 400 naming reason', async () => {
    const c = await makeCitizen(t.db);
    const res = await as(t.app, admin, { method: 'POST', url: `/api/v1/accounts/${c.id}/mobile`, payload: { mobile: uniqueMobile(), code: '123456', reason: '  ' } });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('reason');
    expect((await accountRow(c.id)).mobile).toBe(c.mobile);
  });

  it('is for platform admins only: a unit admin or coordinator gets 403; a staff account or a closed one is not recoverable (404 / 409)', async () => {
    const c = await makeCitizen(t.db);
    const coordinator = await loginFrom(t.app, uniqueIp(), 'coordinator');
    expectProblem(await sendTo(c.id, uniqueMobile(), unitAdmin), 403, { code: 'forbidden' });
    expectProblem(await sendTo(c.id, uniqueMobile(), coordinator), 403, { code: 'forbidden' });
    const s = await makeStaff(t.db, { unitId: unit['dh-mzj']! });
    expectProblem(await sendTo(s.id, uniqueMobile()), 404, { code: 'not_found' });
    const session = await loginFrom(t.app, uniqueIp(), c.mobile!);
    await as(t.app, session, { method: 'POST', url: '/api/v1/me/close', payload: { password: c.password } });
    expectProblem(await sendTo(c.id, uniqueMobile()), 409, { code: 'account_closed' });
  });
});
