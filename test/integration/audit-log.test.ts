/**
 * The audit log for people (issue 15): names not ids, every filter, keyset
 * pages with a total, the scope of a unit admin, the XLSX export matching the
 * list, bad input as problem+json naming the field, and every action code the
 * server writes having words in three languages.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionLabel } from '../../src/shared/audit.js';
import { recordAudit } from '../../src/server/modules/audit/audit.repository.js';
import { changesText, otherDetailsText } from '../../src/server/modules/audit/audit-xlsx.js';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { accountIdOf, loginFrom, makeStaff, uniqueIp, uniqueLogin, unitIdByKey } from '../support/factories.js';
import { makeMessage } from '../support/messages.js';

interface Entry {
  id: number;
  at: string;
  actor: { id: number; displayName: string; login: string | null; kind: string; unit: { id: number; name: string } | null } | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  details: Record<string, unknown>;
}
interface ListAnswer {
  items: Entry[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}

let t: TestApp;
let admin: Session;
let unitAdmin: Session;
let handler: Session;
let citizen: Session;
const unit: Record<string, string> = {};
/** Accounts made here: one in 东湖区民政局 by the unit admin, one there by the platform admin, one in 南昌市民政局 (outside the unit admin's subtree). */
const made = { byUnitAdmin: '', inScopeByAdmin: '', outside: '', outsideAdmin: '' };
let messageId = '';
let messageNumber = '';
let outsideUnitId = '';

function get(session: Session | null, url: string) {
  return as(t.app, session, { method: 'GET', url });
}

async function list(session: Session, query: string): Promise<ListAnswer> {
  const res = await get(session, `/api/v1/audit-log?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ListAnswer;
}

/** Every page, following nextCursor. */
async function all(session: Session, query: string): Promise<Entry[]> {
  const items: Entry[] = [];
  let cursor: string | null = null;
  do {
    const page: ListAnswer = await list(session, `${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function createStaff(session: Session, unitId: string, displayName: string): Promise<string> {
  const login = uniqueLogin('aud');
  const res = await as(t.app, session, { method: 'POST', url: '/api/v1/accounts', payload: { login, password: 'Staff-Pass-123', displayName, unitId: Number(unitId), roles: ['unit_handler'] } });
  expect(res.statusCode, res.body).toBe(201);
  return login;
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginFrom(t.app, uniqueIp(), 'admin');
  unitAdmin = await loginFrom(t.app, uniqueIp(), 'unitadmin');
  handler = await loginFrom(t.app, uniqueIp(), 'handler');
  citizen = await loginFrom(t.app, uniqueIp(), '13907910001');
  for (const key of ['dh-pc', 'dh-mzj', 'nc-mzj', 'platform']) unit[key] = await unitIdByKey(t.db, key);

  made.byUnitAdmin = await createStaff(unitAdmin, unit['dh-mzj']!, '审计测试甲');
  made.inScopeByAdmin = await createStaff(admin, unit['dh-mzj']!, '审计测试乙');
  made.outside = await createStaff(admin, unit['nc-mzj']!, '审计测试丙');
  // A unit admin of 南昌市民政局 creates a unit there: neither actor nor object is in 中共东湖区委's subtree.
  const ncAdmin = await makeStaff(t.db, { unitId: unit['nc-mzj']!, roles: ['unit_admin'], displayName: '南昌民政管理员' });
  made.outsideAdmin = ncAdmin.login!;
  const ncSession = await loginFrom(t.app, uniqueIp(), ncAdmin.login!);
  const created = await as(t.app, ncSession, { method: 'POST', url: '/api/v1/units', payload: { name: '审计测试科', kind: 'sub_department', regionCode: '360100', parentId: Number(unit['nc-mzj']) } });
  expect(created.statusCode, created.body).toBe(201);
  outsideUnitId = String(created.json().id);

  // A change with a before → after, written the way the account module writes it.
  const target = await accountIdOf(t.db, made.byUnitAdmin);
  await recordAudit(t.db, { actorId: await accountIdOf(t.db, 'unitadmin'), action: 'account.disable', targetType: 'account', targetId: target, details: { login: made.byUnitAdmin, changes: { status: { from: 'active', to: 'disabled' } } } });
  // An entry about a message, found by its public number.
  messageId = await makeMessage(t.db, { author: '13907910001' });
  messageNumber = (await t.db.selectFrom('messages').select('number').where('id', '=', messageId).executeTakeFirstOrThrow()).number;
  await recordAudit(t.db, { actorId: await accountIdOf(t.db, 'admin'), action: 'campaign.adopt', targetType: 'message', targetId: messageId, details: { campaignId: 1 } });
  // Two entries either side of midnight in Beijing on 2026-01-16 (16:00 UTC the day before).
  await t.db.insertInto('audit_log').values([
    { at: new Date('2026-01-15T15:59:00Z'), actor_id: null, action: 'test.day_edge', target_type: 'calendar', target_id: 'before', details: '{}' },
    { at: new Date('2026-01-15T16:00:00Z'), actor_id: null, action: 'test.day_edge', target_type: 'calendar', target_id: 'first', details: '{}' },
    { at: new Date('2026-01-16T15:59:59Z'), actor_id: null, action: 'test.day_edge', target_type: 'calendar', target_id: 'last', details: '{}' },
    { at: new Date('2026-01-16T16:00:00Z'), actor_id: null, action: 'test.day_edge', target_type: 'calendar', target_id: 'after', details: '{}' },
  ]).execute();
});
afterAll(async () => t.close());

describe('names, not ids', () => {
  it('shows the actor by name with the unit, and the object by name, login and unit', async () => {
    const { items } = await list(admin, `account=${made.inScopeByAdmin}&action=account.create`);
    expect(items).toHaveLength(1);
    expect(items[0]!.actor).toMatchObject({ displayName: '平台管理员', login: 'admin', kind: 'staff', unit: { id: Number(unit.platform), name: '民声平台运营中心' } });
    expect(items[0]!.targetName).toBe(`审计测试乙 (${made.inScopeByAdmin}) · 东湖区民政局`);
  });

  it('names a message target by its number and title, and keeps details.changes as { from, to }', async () => {
    const { items } = await list(admin, `messageNumber=${messageNumber}`);
    expect(items.map((e) => e.action)).toEqual(['campaign.adopt']);
    expect(items[0]!.targetName).toMatch(new RegExp(`^${messageNumber} 测试留言标题`));
    const [disabled] = (await list(admin, `account=${made.byUnitAdmin}&action=account.disable`)).items;
    expect(disabled!.details.changes).toEqual({ status: { from: 'active', to: 'disabled' } });
    expect(changesText(disabled!.details, 'zh-CN')).toBe('状态: 正常 → 已停用');
    expect(changesText(disabled!.details, 'zh-TW')).toBe('狀態: 正常 → 已停用');
    expect(changesText(disabled!.details, 'en')).toBe('Status: Active → Disabled');
  });

  it('names the units, regions and roles a change speaks of, with the names sent beside the details', async () => {
    // A unit created under 南昌市民政局, then moved under 东湖区民政局: its parent ids and region codes become names.
    const made = await as(t.app, admin, { method: 'POST', url: '/api/v1/units', payload: { name: '审计改名科', kind: 'sub_department', regionCode: '360100', parentId: Number(unit['nc-mzj']) } });
    expect(made.statusCode, made.body).toBe(201);
    const id = String(made.json().id);
    const moved = await as(t.app, admin, { method: 'PATCH', url: `/api/v1/units/${id}`, payload: { parentId: Number(unit['dh-mzj']), regionCode: '360102' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const { items } = await list(admin, `targetType=unit&targetId=${id}`);
    const update = items.find((e) => e.action === 'unit.update')!;
    const names = (update as Entry & { names: Record<string, string> }).names;
    expect(names['region:360100']).toBe('南昌市');
    expect(names['region:360102']).toBe('东湖区');
    expect(changesText(update.details, 'zh-CN', names)).toContain('地区代码: 南昌市 → 东湖区');
    const move = items.find((e) => e.action === 'unit.move')!;
    const moveNames = (move as Entry & { names: Record<string, string> }).names;
    const text = [changesText(move.details, 'zh-CN', moveNames), otherDetailsText(move.details, 'zh-CN', moveNames)].join('\n');
    expect(text).toContain('上级单位: 南昌市民政局 → 东湖区民政局');
    // A bare unit id in the details reads as the unit's name with its id.
    expect(otherDetailsText({ unitId: Number(unit['dh-mzj']) }, 'zh-CN', { [`unit:${unit['dh-mzj']}`]: '东湖区民政局' })).toBe(`单位: 东湖区民政局（${unit['dh-mzj']}）`);
    // Roles and yes/no read as words.
    expect(changesText({ changes: { roles: { from: ['unit_handler'], to: ['unit_handler', 'unit_admin'] }, mustChangePassword: { from: false, to: true } } }, 'zh-CN')).toBe(
      '角色: 承办人员 → 承办人员、单位管理员\n须修改密码: 否 → 是',
    );
  });
});

describe('filters', () => {
  it('actorId: only that actor', async () => {
    const id = await accountIdOf(t.db, 'unitadmin');
    const items = await all(admin, `actorId=${id}`);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((e) => e.actor?.id === Number(id))).toBe(true);
  });

  it('actor: part of a staff name or login', async () => {
    const items = await all(admin, `actor=${encodeURIComponent('区委办公室管理')}`);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((e) => e.actor?.displayName === '东湖区委办公室管理员')).toBe(true);
    const byLogin = await all(admin, `actor=unitadm`);
    expect(byLogin.map((e) => e.id).sort()).toEqual(items.map((e) => e.id).sort());
  });

  it("unitId: entries by staff of the unit's subtree", async () => {
    const items = await all(admin, `unitId=${unit['dh-pc']}`);
    expect(items.some((e) => e.action === 'account.create' && e.actor?.login === 'unitadmin')).toBe(true);
    expect(items.every((e) => e.actor !== null && e.actor.login !== 'admin')).toBe(true);
    const subtree = new Set((await sql<{ id: string }>`SELECT id FROM units WHERE path <@ (SELECT path FROM units WHERE id = ${unit['dh-pc']})`.execute(t.db)).rows.map((u) => Number(u.id)));
    expect(items.every((e) => subtree.has(e.actor!.unit!.id))).toBe(true);
  });

  it('action: several codes, and a kind with .*', async () => {
    const several = await all(admin, 'action=account.create,unit.create');
    expect(new Set(several.map((e) => e.action))).toEqual(new Set(['account.create', 'unit.create']));
    const kind = await all(admin, 'action=account.*');
    expect(kind.length).toBeGreaterThanOrEqual(4);
    expect(kind.every((e) => e.action.startsWith('account.'))).toBe(true);
    expect(kind.some((e) => e.action === 'account.disable')).toBe(true);
  });

  it('object: targetType + targetId, an account login, a message number', async () => {
    const byUnit = await all(admin, `targetType=unit&targetId=${outsideUnitId}`);
    expect(byUnit.map((e) => e.action)).toEqual(['unit.create']);
    expect(byUnit[0]!.targetName).toBe('审计测试科');
    const byAccount = await all(admin, `account=${made.byUnitAdmin}`);
    expect(byAccount.map((e) => e.action).sort()).toEqual(['account.create', 'account.disable']);
    const byNumber = await all(admin, `messageNumber=${messageNumber}`);
    expect(byNumber.map((e) => e.targetId)).toEqual([messageId]);
  });

  it('dateFrom/dateTo: whole days in Beijing time', async () => {
    const day = await all(admin, 'action=test.day_edge&dateFrom=2026-01-16&dateTo=2026-01-16');
    expect(day.map((e) => e.targetId)).toEqual(['last', 'first']);
    const from = await all(admin, 'action=test.day_edge&dateFrom=2026-01-16');
    expect(from.map((e) => e.targetId)).toEqual(['after', 'last', 'first']);
    const to = await all(admin, 'action=test.day_edge&dateTo=2026-01-15');
    expect(to.map((e) => e.targetId)).toEqual(['before']);
  });

  it('pages by keyset newest first, without repeats, and counts the total', async () => {
    const first = await list(admin, 'action=account.*&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.totalCapped).toBe(false);
    const everything = await all(admin, 'action=account.*');
    expect(first.total).toBe(everything.length);
    const ids = everything.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const second = await list(admin, `action=account.*&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.id)).toEqual(ids.slice(2, 4));
  });
});

describe('scope', () => {
  it("a unit admin sees entries by its subtree's staff and about its accounts, not another subtree's", async () => {
    const seen = await all(unitAdmin, 'action=account.*,unit.*');
    const logins = new Set(seen.map((e) => String(e.details.login ?? '')));
    expect(logins.has(made.byUnitAdmin)).toBe(true);
    expect(logins.has(made.inScopeByAdmin)).toBe(true);
    expect(logins.has(made.outside)).toBe(false);
    expect(seen.some((e) => e.targetType === 'unit' && e.targetId === outsideUnitId)).toBe(false);
    expect((await list(unitAdmin, `account=${made.outside}`)).items).toEqual([]);
    const everything = await all(admin, 'action=account.*,unit.*');
    expect(everything.length).toBeGreaterThan(seen.length);
  });

  it("a unit admin's unitId outside the own subtree is a 422 naming unitId", async () => {
    const res = await get(unitAdmin, `/api/v1/audit-log?unitId=${unit['nc-mzj']}`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'unit_not_found', field: 'unitId' });
  });

  it('citizens and handlers get 403, anonymous callers 401, on the list, the export and the words', async () => {
    for (const url of ['/api/v1/audit-log', '/api/v1/audit-log/export', '/api/v1/audit-log/actions']) {
      expect((await get(citizen, url)).statusCode, url).toBe(403);
      expect((await get(handler, url)).statusCode, url).toBe(403);
      expect((await get(null, url)).statusCode, url).toBe(401);
    }
  });
});

describe('export', () => {
  async function workbook(session: Session, query: string) {
    const res = await get(session, `/api/v1/audit-log/export?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return book;
  }

  it("holds exactly the filtered list's entries, in words, and states the cap", async () => {
    const query = 'action=account.*';
    const listed = await all(unitAdmin, query);
    const book = await workbook(unitAdmin, `${query}&lang=zh-CN`);
    const sheet = book.worksheets[0]!;
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => Number(r[1]))).toEqual(listed.map((e) => e.id));
    const disabled = rows.find((r) => r[7] === 'account.disable')!;
    expect(disabled[6]).toBe('停用账号');
    expect(disabled[3]).toBe('东湖区委办公室管理员');
    expect(disabled[5]).toBe('中共东湖区委');
    expect(disabled[10]).toBe('状态: 正常 → 已停用');
    const about = book.worksheets[1]!.getSheetValues().flat().map(String).join('\n');
    expect(about).toContain('每次最多导出 50,000 条');
    expect(about).toContain('action=account.*');
  });

  it('speaks English when asked', async () => {
    const book = await workbook(admin, `account=${made.byUnitAdmin}&lang=en`);
    const rows = book.worksheets[0]!.getSheetValues().slice(1) as unknown[][];
    expect(rows[0]![6]).toBe('Action');
    expect(rows.slice(1).map((r) => r[6]).sort()).toEqual(['Account disabled', 'Staff account created']);
  });
});

describe('bad input', () => {
  async function problem(url: string, status: number, field: string) {
    const res = await get(admin, url);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json() as { field?: string; errors?: Array<{ field: string }> };
    expect([body.field, ...(body.errors ?? []).map((e) => e.field)], res.body).toContain(field);
  }

  it('dateFrom after dateTo is a 400 naming dateTo', () => problem('/api/v1/audit-log?dateFrom=2026-12-07&dateTo=2026-12-01', 400, 'dateTo'));
  it('an unknown message number is a 400 naming messageNumber', () => problem('/api/v1/audit-log?messageNumber=2026-12-07-999999', 400, 'messageNumber'));
  it('an unknown account is a 400 naming account', () => problem('/api/v1/audit-log/export?account=nobody-here', 400, 'account'));
  it('a malformed id is a 400 naming it', () => problem('/api/v1/audit-log?actorId=12abc', 400, 'actorId'));
  it('a malformed action is a 400 naming action', () => problem('/api/v1/audit-log?action=DROP%20TABLE', 400, 'action'));
  it('a malformed day is a 400 naming dateFrom', () => problem('/api/v1/audit-log?dateFrom=2026-02-30', 400, 'dateFrom'));
  it('targetId without targetType is a 400 naming targetType', () => problem('/api/v1/audit-log?targetId=1', 400, 'targetType'));
});

describe('action words', () => {
  it('every code the server writes has words in three languages; unknown codes read as themselves', async () => {
    const written = new Set<string>();
    const root = path.resolve('src/server/modules');
    for (const dir of await readdir(root)) {
      for (const file of await readdir(path.join(root, dir)).catch(() => [] as string[])) {
        if (!file.endsWith('.ts')) continue;
        const text = await readFile(path.join(root, dir, file), 'utf8');
        if (!text.includes('recordAudit') && !text.includes('audit:')) continue;
        // Codes are string literals on lines that speak of the action: `action: 'x.y'`, `const action = c ? 'x.y' : 'x.z'`.
        for (const line of text.split('\n').filter((l) => /\baction\b/.test(l))) {
          for (const m of line.matchAll(/'([a-z]+\.[a-z_]+)'/g)) written.add(m[1]!);
        }
      }
    }
    for (const code of ['account.update', 'account.disable', 'account.enable', 'account.password_reset', 'auth.login_failed', 'auth.password_reset']) written.add(code);
    expect(written.size).toBeGreaterThan(20);
    const missing = [...written].filter((code) => !AUDIT_ACTIONS[code]);
    expect(missing).toEqual([]);
    for (const info of Object.values(AUDIT_ACTIONS)) for (const words of [info.label, info.target]) expect(Object.values(words).every((w) => w.length > 0)).toBe(true);
    expect(auditActionLabel('something.new', 'en')).toBe('something.new');
  });

  it('GET /audit-log/actions lists the codes with their words', async () => {
    const res = await get(unitAdmin, '/api/v1/audit-log/actions');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { actions: Array<{ code: string; kind: string; label: Record<string, string> }> };
    expect(body.actions.find((a) => a.code === 'account.disable')).toMatchObject({ kind: 'account', label: { 'zh-CN': '停用账号', 'zh-TW': '停用帳號', en: 'Account disabled' } });
  });
});
