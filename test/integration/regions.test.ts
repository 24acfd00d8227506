/**
 * The public GB/T 2260 region tree and the boards hanging on it: what a
 * citizen browses before writing to a leader or a ministry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

interface Region {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  hasChildren: boolean;
}

async function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
}

async function children(parent: string): Promise<Region[]> {
  const res = await get(`/regions?parent=${parent}`);
  expect(res.statusCode, parent).toBe(200);
  return (res.json() as { items: Region[] }).items;
}

describe('browsing regions', () => {
  it('lists the 31 provinces without a parent, cacheable', async () => {
    const res = await get('/regions');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const items = (res.json() as { items: Region[] }).items;
    expect(items).toHaveLength(31);
    expect(items.every((r) => r.level === 'province' && r.parentCode === null && r.hasChildren && /^\d{2}0000$/.test(r.code))).toBe(true);
    expect(items[0]).toEqual({ code: '110000', name: '北京市', level: 'province', parentCode: null, hasChildren: true });
    expect(items.map((r) => r.name)).toEqual(expect.arrayContaining(['江西省', '河南省', '内蒙古自治区', '新疆维吾尔自治区', '重庆市']));
  });

  it('lists 南昌市 among the cities of 江西省', async () => {
    const items = await children('360000');
    expect(items.find((r) => r.code === '360100')).toEqual({ code: '360100', name: '南昌市', level: 'city', parentCode: '360000', hasChildren: true });
    expect(items.every((r) => r.level === 'city' && r.parentCode === '360000')).toBe(true);
    expect(items).toHaveLength(11);
  });

  it('lists 东湖区 (360102) among the counties of 南昌市, in official order', async () => {
    const items = await children('360100');
    expect(items.map((r) => r.code)).toEqual(['360102', '360103', '360104', '360111', '360112', '360113', '360121', '360123', '360124']);
    expect(items[0]).toEqual({ code: '360102', name: '东湖区', level: 'county', parentCode: '360100', hasChildren: true });
  });

  it('lists the districts of 北京市 directly under it, skipping the 市辖区 placeholder', async () => {
    const items = await children('110000');
    expect(items).toHaveLength(16);
    expect(items.every((r) => r.level === 'county' && r.parentCode === '110000')).toBe(true);
    expect(items.map((r) => r.name)).toEqual(expect.arrayContaining(['东城区', '西城区', '海淀区', '延庆区']));
    expect(items.some((r) => r.name === '市辖区')).toBe(false);
    expect((await get('/regions/110100')).statusCode).toBe(404);
  });

  it('lists the districts and counties of 重庆市 directly under it, skipping both 市辖区 and 县', async () => {
    const items = await children('500000');
    expect(items.every((r) => r.level === 'county')).toBe(true);
    expect(items.map((r) => r.name)).toEqual(expect.arrayContaining(['北碚区', '城口县']));
  });

  it('lists the townships of a county, which have no children of their own', async () => {
    const items = await children('360102');
    expect(items.map((r) => r.name)).toEqual(expect.arrayContaining(['大院街道', '百花洲街道', '扬子洲镇']));
    expect(items.every((r) => r.level === 'township' && /^360102\d{3}$/.test(r.code) && r.hasChildren === false)).toBe(true);
    expect(await children('360102006')).toEqual([]);
  });

  it('gives a region with its ancestors from the province down', async () => {
    const res = await get('/regions/360102006');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      code: '360102006',
      name: '大院街道',
      level: 'township',
      parentCode: '360102',
      hasChildren: false,
      ancestors: [
        { code: '360000', name: '江西省', level: 'province', parentCode: null, hasChildren: true },
        { code: '360100', name: '南昌市', level: 'city', parentCode: '360000', hasChildren: true },
        { code: '360102', name: '东湖区', level: 'county', parentCode: '360100', hasChildren: true },
      ],
    });
    expect((await get('/regions/110108')).json().ancestors.map((r: Region) => r.name)).toEqual(['北京市']);
    expect((await get('/regions/360000')).json().ancestors).toEqual([]);
  });

  it('answers 404 problem+json for a well-formed code no region has, and for the national root', async () => {
    for (const code of ['999999', '360102999', '000000']) {
      const res = await get(`/regions/${code}`);
      expect(res.statusCode, code).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 404, code: 'not_found', title: '找不到该资源' });
    }
    const children404 = await get('/regions?parent=999999');
    expect(children404.statusCode).toBe(404);
    expect(children404.json()).toMatchObject({ code: 'region_not_found', field: 'parent' });
  });

  it('answers 400 naming the field for a malformed code', async () => {
    for (const code of ['36010', '3601020', 'abcdef', '3601020061']) {
      const res = await get(`/regions/${code}`);
      expect(res.statusCode, code).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'code', errors: [{ field: 'code', code: 'pattern' }] });
    }
    const query = await get('/regions?parent=jiangxi');
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({ field: 'parent' });
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

async function boards(query: string): Promise<Board[]> {
  const res = await get(`/boards?${query}`);
  expect(res.statusCode, query).toBe(200);
  return (res.json() as { items: Board[] }).items;
}

describe('boards of a region', () => {
  it('gives 江西省 its 省委书记 and 省长 boards, handled by 江西省委民声通道工作室', async () => {
    const items = await boards('region=360000');
    expect(items.map((b) => [b.title, b.name])).toEqual([
      ['省委书记', '江西省委书记'],
      ['省长', '江西省长'],
    ]);
    expect(items.every((b) => b.kind === 'leader' && b.level === 'province' && b.regionCode === '360000' && b.regionName === '江西省')).toBe(true);
    expect(items.every((b) => b.unit?.name === '江西省委民声通道工作室')).toBe(true);
  });

  it('gives a city and a county their own two boards (南昌市委书记/南昌市长, 东湖区委书记/东湖区长)', async () => {
    expect((await boards('region=360100')).map((b) => b.name)).toEqual(['南昌市委书记', '南昌市长']);
    const county = await boards('region=360102');
    expect(county.map((b) => b.name)).toEqual(['东湖区委书记', '东湖区长']);
    expect(county.every((b) => b.level === 'county')).toBe(true);
  });

  it('names the boards of autonomous regions, municipalities, prefectures and county-level cities by their own titles', async () => {
    expect((await boards('region=150000')).map((b) => b.name)).toEqual(['内蒙古自治区党委书记', '内蒙古自治区主席']);
    expect((await boards('region=110000')).map((b) => b.name)).toEqual(['北京市委书记', '北京市长']);
    expect((await boards('region=232700')).map((b) => b.name)).toEqual(['大兴安岭地委书记', '大兴安岭地区行署专员']);
    expect((await boards('region=410181')).map((b) => b.name)).toEqual(['巩义市委书记', '巩义市长']);
  });

  it('gives a township no boards', async () => {
    expect(await boards('region=360102006')).toEqual([]);
  });

  it('answers 404 for an unknown region and 400 when neither region nor kind=ministry is given', async () => {
    const unknown = await get('/boards?region=999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('region_not_found');
    const none = await get('/boards');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'validation_failed', field: 'region' });
  });

  it('gives one board by id, and 404 for an id no board has', async () => {
    const [first] = await boards('region=360102');
    const res = await get(`/boards/${first!.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(first);
    expect((await get('/boards/999999999')).statusCode).toBe(404);
  });
});

describe('ministries', () => {
  it('lists the ministries in State Council order, national and without region', async () => {
    const items = await boards('kind=ministry');
    const names = items.map((b) => b.name);
    for (const name of ['工业和信息化部', '国家税务总局', '水利部', '人力资源和社会保障部', '中国证券监督管理委员会', '国家档案局', '国家机关事务管理局', '应急管理部']) {
      expect(names).toContain(name);
    }
    expect(names.indexOf('工业和信息化部')).toBeLessThan(names.indexOf('国家税务总局'));
    expect(names.indexOf('国家机关事务管理局')).toBeLessThan(names.indexOf('国家档案局'));
    for (const b of items) {
      expect(b).toMatchObject({ kind: 'ministry', regionCode: null, regionName: null, level: 'national' });
      expect(b.title).toBe(b.name);
      expect(b.unit?.name).toBe(b.name);
    }
  });
});
