/**
 * Units (the tree of government bodies) and boards (leader positions and
 * ministries): who may create what where, what each role sees, pagination,
 * and the append-only audit log behind every change.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildTestApp, type Session, type TestApp } from '../support/app.js';
import { accountIdOf, auditEntries, countRows, loginFrom, uniqueIp, unitIdByKey } from '../support/factories.js';

let t: TestApp;
const session: Record<string, Session> = {};
/** Demo unit ids by key. */
const unit: Record<string, number> = {};

beforeAll(async () => {
  t = await buildTestApp();
  for (const login of ['admin', 'unitadmin', 'handler', 'coordinator']) session[login] = await loginFrom(t.app, uniqueIp(), login);
  for (const key of ['jx-pc', 'jx-gov', 'nc-pc', 'nc-gov', 'dh-pc', 'dh-gov', 'dh-gov-office', 'dh-mzj', 'dh-dyjd', 'ha-pc', 'platform']) {
    unit[key] = Number(await unitIdByKey(t.db, key));
  }
});
afterAll(async () => t.close());

interface Unit {
  id: number;
  name: string;
  kind: string;
  regionCode: string;
  regionName: string;
  parentId: number | null;
  parentName: string | null;
  childCount: number;
  accountCount: number;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function createUnit(who: string, payload: Record<string, unknown>) {
  return as(t.app, session[who]!, { method: 'POST', url: '/api/v1/units', payload });
}

function createBoard(who: string, payload: Record<string, unknown>) {
  return as(t.app, session[who]!, { method: 'POST', url: '/api/v1/boards', payload });
}

async function getUnits(who: string, query: string): Promise<Page<Unit>> {
  const res = await as(t.app, session[who]!, { method: 'GET', url: `/api/v1/units?${query}` });
  expect(res.statusCode, query).toBe(200);
  return res.json() as Page<Unit>;
}

/** Every page of a unit list, following nextCursor. */
async function allPages(who: string, query: string): Promise<Unit[]> {
  const items: Unit[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Unit> = await getUnits(who, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    expect(items.length).toBeLessThan(5000);
  } while (cursor !== null);
  return items;
}

/** Every unit the caller can reach by browsing: the top of its forest, then children, level by level. */
async function browseAll(who: string): Promise<Unit[]> {
  const found: Unit[] = [];
  let level = await allPages(who, 'limit=200');
  while (level.length > 0) {
    found.push(...level);
    const next: Unit[] = [];
    for (const u of level) if (u.childCount > 0) next.push(...(await allPages(who, `parent=${u.id}&limit=200`)));
    level = next;
  }
  return found;
}

async function unitsNamed(name: string): Promise<number> {
  return (await t.db.selectFrom('units').select('id').where('name', '=', name).execute()).length;
}

describe('creating units', () => {
  it('platform admin creates a root unit and a child under it, each audited', async () => {
    const root = await createUnit('admin', { name: '测试省委', kind: 'party_committee', regionCode: '360000' });
    expect(root.statusCode).toBe(201);
    expect(root.json()).toMatchObject({ name: '测试省委', kind: 'party_committee', regionCode: '360000', regionName: '江西省', parentId: null, parentName: null, childCount: 0, accountCount: 0 });
    const rootId = root.json().id as number;

    const child = await createUnit('admin', { name: ' 测试市委 ', kind: 'party_committee', regionCode: '360100', parentId: rootId });
    expect(child.statusCode).toBe(201);
    expect(child.json()).toMatchObject({ name: '测试市委', regionCode: '360100', regionName: '南昌市', parentId: rootId, parentName: '测试省委' });
    const childId = child.json().id as number;

    const rows = await t.db.selectFrom('units').select(['id', 'parent_id', sql<string>`path::text`.as('path')]).where('id', 'in', [String(rootId), String(childId)]).orderBy('id').execute();
    expect(rows).toEqual([
      { id: String(rootId), parent_id: null, path: String(rootId) },
      { id: String(childId), parent_id: String(rootId), path: `${rootId}.${childId}` },
    ]);

    const audits = (await auditEntries(t.db, 'unit.create')).filter((a) => [String(rootId), String(childId)].includes(a.target_id!));
    const adminId = await accountIdOf(t.db, 'admin');
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.actor_id === adminId && a.target_type === 'unit')).toBe(true);
    expect(audits.find((a) => a.target_id === String(childId))!.details).toEqual({ name: '测试市委', kind: 'party_committee', regionCode: '360100', parentId: String(rootId) });

    const reread = await as(t.app, session.admin!, { method: 'GET', url: `/api/v1/units/${rootId}` });
    expect(reread.json().childCount).toBe(1);
  });

  it('unit admin creates a child unit inside its own subtree, down to a township', async () => {
    const res = await createUnit('unitadmin', { name: '东湖区退役军人事务局', kind: 'department', regionCode: '360102', parentId: unit['dh-gov'] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ parentId: unit['dh-gov'], parentName: '东湖区人民政府', regionName: '东湖区' });
    const street = await createUnit('unitadmin', { name: '滕王阁街道办事处', kind: 'street_office', regionCode: '360102002', parentId: unit['dh-gov'] });
    expect(street.statusCode).toBe(201);
    expect(street.json().regionName).toBe('滕王阁街道');

    const [audit] = await auditEntries(t.db, 'unit.create');
    expect(audit).toMatchObject({ actor_id: await accountIdOf(t.db, 'unitadmin'), target_id: String(street.json().id) });
    expect((await as(t.app, session.unitadmin!, { method: 'GET', url: `/api/v1/units/${res.json().id}` })).statusCode).toBe(200);
  });

  it('unit admin gets 422 unit_not_found under a parent outside its subtree or at the root, and nothing is created', async () => {
    const unitsBefore = await countRows(t.db, 'units');
    const auditBefore = await countRows(t.db, 'audit_log');
    for (const parentId of [unit['nc-gov'], unit['jx-pc'], unit['ha-pc'], undefined]) {
      const res = await createUnit('unitadmin', { name: '越权单位', kind: 'department', regionCode: '360102', ...(parentId ? { parentId } : {}) });
      expect(res.statusCode, String(parentId)).toBe(422);
      expect(res.json()).toMatchObject({ code: 'unit_not_found', field: 'parentId' });
    }
    expect(await countRows(t.db, 'units')).toBe(unitsBefore);
    expect(await countRows(t.db, 'audit_log')).toBe(auditBefore);
    expect(await unitsNamed('越权单位')).toBe(0);
  });

  it('answers 422 region_outside_parent when the region is not inside the parent’s region, and creates nothing', async () => {
    const unitsBefore = await countRows(t.db, 'units');
    const cases = [
      { parentId: unit['dh-pc'], regionCode: '360103' }, // 西湖区, a sibling of 东湖区
      { parentId: unit['dh-pc'], regionCode: '410000' }, // 河南省
      { parentId: unit['dh-pc'], regionCode: '360100' }, // 南昌市, the parent's own parent region
      { parentId: unit['dh-dyjd'], regionCode: '360102004' }, // another township of 东湖区
    ];
    for (const c of cases) {
      const res = await createUnit('admin', { name: '跨区单位', kind: 'department', ...c });
      expect(res.statusCode, c.regionCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'region_outside_parent', field: 'regionCode', title: '单位所在地区须在上级单位所在地区之内' });
    }
    expect(await countRows(t.db, 'units')).toBe(unitsBefore);
  });

  it('returns 409 unit_name_taken for a name already used under the same parent, and allows it under another', async () => {
    const unitsBefore = await countRows(t.db, 'units');
    for (const name of ['东湖区民政局', '  东湖区民政局 ']) {
      const res = await createUnit('admin', { name, kind: 'department', regionCode: '360102', parentId: unit['dh-gov'] });
      expect(res.statusCode, name).toBe(409);
      expect(res.json()).toMatchObject({ code: 'unit_name_taken', field: 'name' });
    }
    expect(await countRows(t.db, 'units')).toBe(unitsBefore);
    const elsewhere = await createUnit('admin', { name: '东湖区民政局', kind: 'department', regionCode: '360102', parentId: unit['dh-gov-office'] });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('returns 409 for a second root unit of the same name', async () => {
    const res = await createUnit('admin', { name: '中共江西省委', kind: 'party_committee', regionCode: '360000' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('unit_name_taken');
    expect(await unitsNamed('中共江西省委')).toBe(1);
  });

  it('answers 422 region_not_found for a well-formed code no region has', async () => {
    for (const regionCode of ['999999', '360102999']) {
      const res = await createUnit('admin', { name: '无地区单位', kind: 'department', regionCode, parentId: unit['dh-gov'] });
      expect(res.statusCode, regionCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'region_not_found', field: 'regionCode' });
    }
    expect(await unitsNamed('无地区单位')).toBe(0);
  });

  it('answers 400 naming each malformed field', async () => {
    const res = await createUnit('admin', { name: '', kind: 'ministry_of_magic', regionCode: '36', parentId: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'name', 'parentId', 'regionCode']);
  });

  it('refuses staff without unit.create: 403, nothing created', async () => {
    const unitsBefore = await countRows(t.db, 'units');
    for (const who of ['handler', 'coordinator']) {
      const res = await createUnit(who, { name: '无权单位', kind: 'department', regionCode: '360102', parentId: unit['dh-mzj'] });
      expect(res.statusCode, who).toBe(403);
    }
    expect(await countRows(t.db, 'units')).toBe(unitsBefore);
  });
});

describe('seeing units', () => {
  it('shows the handler of 东湖区民政局 only its own unit subtree', async () => {
    const top = await getUnits('handler', '');
    expect(top.items.map((u) => u.name)).toEqual(['东湖区民政局']);
    const seen = await browseAll('handler');
    const expected = await t.db.selectFrom('units').select('id').where(sql<boolean>`path <@ (SELECT path FROM units WHERE key = 'dh-mzj')`).execute();
    expect(seen.map((u) => String(u.id)).sort()).toEqual(expected.map((r) => r.id).sort());
    expect((await getUnits('handler', `q=${encodeURIComponent('南昌')}`)).items).toEqual([]);
    expect((await getUnits('handler', `q=${encodeURIComponent('民政')}`)).items.map((u) => u.name)).toEqual(['东湖区民政局']);
  });

  it('shows the coordinator of 江西 every unit in 江西’s region subtree and none of 河南’s', async () => {
    const top = await getUnits('coordinator', '');
    expect(top.items.map((u) => u.name)).toContain('中共江西省委');
    const seen = await browseAll('coordinator');
    const expected = await t.db
      .selectFrom('units')
      .innerJoin('regions', 'regions.code', 'units.region_code')
      .select('units.id')
      .where(sql<boolean>`regions.path <@ (SELECT path FROM regions WHERE code = '360000')`)
      .execute();
    expect(seen.map((u) => String(u.id)).sort()).toEqual(expected.map((r) => r.id).sort());
    const names = seen.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['中共江西省委', '南昌市民政局', '大院街道办事处', '中共南丰县委']));
    expect(names.some((n) => n.includes('河南') || n.includes('郑州'))).toBe(false);
    expect((await getUnits('coordinator', `q=${encodeURIComponent('河南')}`)).items).toEqual([]);
    expect((await getUnits('coordinator', `q=${encodeURIComponent('郑州')}`)).items).toEqual([]);
  });

  it('shows a unit admin its own unit as the top of its forest', async () => {
    const top = await getUnits('unitadmin', '');
    expect(top.items.map((u) => u.name)).toEqual(['中共东湖区委']);
    expect(top.items[0]).toMatchObject({ parentId: unit['nc-pc'], parentName: '中共南昌市委', regionCode: '360102', regionName: '东湖区' });
  });

  it('answers 404 for a unit outside the caller’s scope, exactly as for a unit that does not exist', async () => {
    const cases: [string, number][] = [
      ['handler', unit['dh-pc']!],
      ['handler', unit['nc-pc']!],
      ['unitadmin', unit['nc-gov']!],
      ['coordinator', unit['ha-pc']!],
      ['coordinator', unit['platform']!],
      ['admin', 999_999_999],
    ];
    for (const [who, id] of cases) {
      const res = await as(t.app, session[who]!, { method: 'GET', url: `/api/v1/units/${id}` });
      expect(res.statusCode, `${who} ${id}`).toBe(404);
      expect(res.json()).toMatchObject({ code: 'not_found', title: '找不到该资源' });
    }
    const own = await as(t.app, session.handler!, { method: 'GET', url: `/api/v1/units/${unit['dh-mzj']}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: unit['dh-mzj'], name: '东湖区民政局', parentName: '东湖区人民政府', accountCount: 1 });
  });

  it('pages the children of a unit with nextCursor, in id order, without duplicates', async () => {
    const items = await allPages('admin', `parent=${unit['jx-gov']}&limit=4`);
    const ids = items.map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const expected = await t.db.selectFrom('units').select('id').where('parent_id', '=', String(unit['jx-gov'])).orderBy('id').execute();
    expect(expected.length).toBeGreaterThan(8);
    expect(ids.map(String)).toEqual(expected.map((r) => r.id));
    expect(items.every((u) => u.parentId === unit['jx-gov'])).toBe(true);
  });

  it('pages a search across the whole tree for the platform admin', async () => {
    const items = await allPages('admin', `q=${encodeURIComponent('人民政府')}&limit=7`);
    const expected = await t.db.selectFrom('units').select('id').where('name', 'like', '%人民政府%').execute();
    expect(items.map((u) => String(u.id)).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(new Set(items.map((u) => u.id)).size).toBe(items.length);
  });

  it('gives the platform admin every root unit at the top', async () => {
    const items = await allPages('admin', 'limit=10');
    const roots = await t.db.selectFrom('units').select('id').where('parent_id', 'is', null).execute();
    expect(items.map((u) => String(u.id)).sort()).toEqual(roots.map((r) => r.id).sort());
    expect(items.map((u) => u.name)).toEqual(expect.arrayContaining(['民声平台运营中心', '中共江西省委', '中共河南省委', '工业和信息化部']));
  });
});

interface Board {
  id: number;
  kind: string;
  title: string;
  name: string;
  regionCode: string | null;
  regionName: string | null;
  level: string;
  unit: { id: number; name: string } | null;
}

async function boardsOf(query: string): Promise<Board[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/boards?${query}` });
  expect(res.statusCode, query).toBe(200);
  return (res.json() as { items: Board[] }).items;
}

describe('creating boards', () => {
  it('platform admin creates a leader board; its name joins region and title (江西省 + 副省长 → 江西省副省长), audited', async () => {
    const res = await createBoard('admin', { kind: 'leader', title: '副省长', regionCode: '360000' });
    expect(res.statusCode).toBe(201);
    const board = res.json() as Board;
    expect(board).toMatchObject({ kind: 'leader', title: '副省长', name: '江西省副省长', regionCode: '360000', regionName: '江西省', level: 'province', unit: null });
    expect((await boardsOf('region=360000')).map((b) => b.name)).toEqual(['江西省委书记', '江西省长', '江西省副省长']);
    const fetched = await t.app.inject({ method: 'GET', url: `/api/v1/boards/${board.id}` });
    expect(fetched.json()).toEqual(board);

    const [audit] = await auditEntries(t.db, 'board.create');
    expect(audit).toMatchObject({ actor_id: await accountIdOf(t.db, 'admin'), target_type: 'board', target_id: String(board.id) });
    expect(audit!.details).toEqual({ kind: 'leader', title: '副省长', name: '江西省副省长', regionCode: '360000', unitId: null });
  });

  it('shares the level word when the title starts with it (江西省 + 省委副书记 → 江西省委副书记)', async () => {
    const res = await createBoard('admin', { kind: 'leader', title: '省委副书记', regionCode: '360000' });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('江西省委副书记');
  });

  it('creates a county leader board handled by a unit, and keeps an explicit name', async () => {
    const res = await createBoard('admin', { kind: 'leader', title: '副区长', regionCode: '360102', unitId: unit['dh-gov-office'] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '东湖区副区长', level: 'county', regionName: '东湖区', unit: { id: unit['dh-gov-office'], name: '东湖区人民政府办公室' } });
    const named = await createBoard('admin', { kind: 'leader', title: '区委常务副书记', regionCode: '360102', name: '东湖区委常务副书记（主持工作）' });
    expect(named.statusCode).toBe(201);
    expect(named.json().name).toBe('东湖区委常务副书记（主持工作）');
  });

  it('platform admin creates a ministry board, listed with the ministries', async () => {
    const res = await createBoard('admin', { kind: 'ministry', title: '商务部' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'ministry', title: '商务部', name: '商务部', regionCode: null, regionName: null, level: 'national', unit: null });
    expect((await boardsOf('kind=ministry')).map((b) => b.name)).toContain('商务部');
    const [audit] = await auditEntries(t.db, 'board.create');
    expect(audit!.target_id).toBe(String(res.json().id));
  });

  it('returns 409 board_taken for a position the region already has, or a ministry that exists, and creates nothing', async () => {
    const boardsBefore = await countRows(t.db, 'boards');
    for (const payload of [
      { kind: 'leader', title: '省长', regionCode: '360000' },
      { kind: 'leader', title: '区委书记', regionCode: '360102' },
      { kind: 'ministry', title: '水利部' },
      { kind: 'ministry', title: ' 水利部 ' },
    ]) {
      const res = await createBoard('admin', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(409);
      expect(res.json()).toMatchObject({ code: 'board_taken', field: 'title' });
    }
    expect(await countRows(t.db, 'boards')).toBe(boardsBefore);
  });

  it('refuses a leader board without a region (400), outside province/city/county level (400), for an unknown region (422), with an unknown unit (422), and a ministry board with a region (400)', async () => {
    const boardsBefore = await countRows(t.db, 'boards');
    const missing = await createBoard('admin', { kind: 'leader', title: '副主任' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'validation_failed', field: 'regionCode' });
    for (const regionCode of ['000000', '360102006']) {
      const res = await createBoard('admin', { kind: 'leader', title: '副主任', regionCode });
      expect(res.statusCode, regionCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'regionCode', errors: [{ field: 'regionCode', code: 'level' }] });
    }
    const unknown = await createBoard('admin', { kind: 'leader', title: '副主任', regionCode: '999999' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'region_not_found', field: 'regionCode' });
    const ministryWithRegion = await createBoard('admin', { kind: 'ministry', title: '国家测试局', regionCode: '360000' });
    expect(ministryWithRegion.statusCode).toBe(400);
    expect(ministryWithRegion.json()).toMatchObject({ code: 'validation_failed', field: 'regionCode' });
    const noUnit = await createBoard('admin', { kind: 'leader', title: '副主任', regionCode: '360000', unitId: 999_999_999 });
    expect(noUnit.statusCode).toBe(422);
    expect(noUnit.json()).toMatchObject({ code: 'unit_not_found', field: 'unitId' });
    expect(await countRows(t.db, 'boards')).toBe(boardsBefore);
  });

  it('refuses everyone but the platform admin: 403, nothing created', async () => {
    const boardsBefore = await countRows(t.db, 'boards');
    for (const who of ['unitadmin', 'coordinator', 'handler']) {
      const res = await createBoard(who, { kind: 'leader', title: '副区长助理', regionCode: '360102' });
      expect(res.statusCode, who).toBe(403);
    }
    expect(await countRows(t.db, 'boards')).toBe(boardsBefore);
  });
});

describe('the audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE: it is append-only, enforced by the database', async () => {
    const before = await t.db.selectFrom('audit_log').select(['id', 'action']).orderBy('id').execute();
    expect(before.length).toBeGreaterThan(0);
    await expect(sql`UPDATE audit_log SET action = 'tampered'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = ${before[0]!.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await t.db.selectFrom('audit_log').select(['id', 'action']).orderBy('id').execute()).toEqual(before);
  });

  it('is readable by the platform admin, newest first, filtered by action', async () => {
    const res = await as(t.app, session.admin!, { method: 'GET', url: '/api/v1/audit-log?action=unit.create&limit=2' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(2);
    expect(body.items.every((e: { action: string }) => e.action === 'unit.create')).toBe(true);
    expect(body.items[0].id).toBeGreaterThan(body.items[1].id);
    expect(body.nextCursor).toBe(String(body.items[1].id));
  });
});
