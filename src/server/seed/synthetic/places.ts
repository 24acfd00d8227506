/**
 * Where synthetic messages come from and whom they are written to: the
 * region tree as loaded (provinces → cities → counties → townships, with the
 * municipalities' districts and the directly administered counties right
 * under their province), and the boards of each region.
 */
import { PROVINCE_WEIGHTS } from './templates.js';
import { WeightedPicker, type Rng } from './prng.js';

export type Level = 'national' | 'province' | 'city' | 'county' | 'township';

export interface RegionNode {
  code: string;
  name: string;
  level: Level;
  parent: RegionNode | null;
  children: RegionNode[];
}

export interface RegionRow {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
}

export class RegionTree {
  readonly byCode = new Map<string, RegionNode>();
  readonly provinces: RegionNode[] = [];

  /** Rows in any order; children end up sorted by code so picks are deterministic. */
  constructor(rows: readonly RegionRow[]) {
    for (const r of rows) this.byCode.set(r.code, { code: r.code, name: r.name, level: r.level as Level, parent: null, children: [] });
    for (const r of rows) {
      const node = this.byCode.get(r.code)!;
      const parent = r.parent_code ? this.byCode.get(r.parent_code) : undefined;
      if (parent) {
        node.parent = parent;
        parent.children.push(node);
      }
    }
    for (const node of this.byCode.values()) {
      node.children.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      if (node.level === 'province') this.provinces.push(node);
    }
    this.provinces.sort((a, b) => (a.code < b.code ? -1 : 1));
  }

  cities(): RegionNode[] {
    return [...this.byCode.values()].filter((r) => r.level === 'city');
  }
}

/** The ancestor (or the region itself) at a level; null when the tree skips that level there. */
export function ancestorAt(region: RegionNode, level: Level): RegionNode | null {
  for (let r: RegionNode | null = region; r; r = r.parent) if (r.level === level) return r;
  return null;
}

export interface Location {
  /** The message's region_code: a county, sometimes a township (or a city without counties). */
  region: RegionNode;
  province: RegionNode;
  city: RegionNode | null;
  county: RegionNode | null;
  /** A township of the county for the text, whether or not it is the message's region. */
  town: RegionNode | null;
}

export class LocationPicker {
  private readonly provinces: WeightedPicker<RegionNode>;
  private readonly top = new Map<string, RegionNode[]>();

  /** @throws when the tree has no province with subdivisions. */
  constructor(tree: RegionTree) {
    const weighted: [RegionNode, number][] = [];
    for (const p of tree.provinces) {
      const children = p.children.filter((c) => c.level === 'city' || c.level === 'county');
      if (children.length === 0) continue;
      this.top.set(p.code, children);
      weighted.push([p, PROVINCE_WEIGHTS[p.code.slice(0, 2)] ?? 1]);
    }
    this.provinces = new WeightedPicker(weighted);
  }

  /** A province by its published weight, then a city (or direct county) and a county uniformly. */
  pick(rng: Rng, townshipShare = 0.25): Location {
    const province = this.provinces.pick(rng);
    const child = rng.pick(this.top.get(province.code)!);
    let city: RegionNode | null = null;
    let county: RegionNode | null = null;
    if (child.level === 'city') {
      city = child;
      const counties = child.children.filter((c) => c.level === 'county');
      if (counties.length > 0) county = rng.pick(counties);
    } else {
      county = child;
    }
    const townParent = county ?? city!;
    const towns = townParent.children;
    const town = towns.length > 0 ? rng.pick(towns) : null;
    let region: RegionNode;
    if (county) region = town && rng.chance(townshipShare) ? town : county;
    else region = town ?? city!;
    return { region, province, city, county, town };
  }
}

export interface BoardRef {
  id: string;
  kind: 'leader' | 'ministry';
  name: string;
  title: string;
  regionCode: string | null;
  unitId: string | null;
  unitName: string | null;
}

/** Board shares by level, as the platform reports them (省级 ~60%, 市级 ~30%, 县级 ~10%). */
export const LEVEL_SHARES = { province: 0.6, city: 0.3, county: 0.1 } as const;
export const MINISTRY_SHARE = 0.03;

export class BoardIndex {
  private readonly byRegion = new Map<string, BoardRef[]>();
  readonly ministries: BoardRef[] = [];

  constructor(boards: readonly BoardRef[]) {
    for (const b of boards) {
      if (b.kind === 'ministry') this.ministries.push(b);
      else if (b.regionCode) {
        const list = this.byRegion.get(b.regionCode) ?? [];
        list.push(b);
        this.byRegion.set(b.regionCode, list);
      }
    }
  }

  leaderBoards(regionCode: string): readonly BoardRef[] {
    return this.byRegion.get(regionCode) ?? [];
  }

  /**
   * A leader board of the message's own province, city or county, or now and
   * then a ministry. A level the tree skips (a municipality has no city) falls
   * back to the level above.
   * @throws when the location has no leader board at all.
   */
  pick(rng: Rng, location: Location): BoardRef {
    if (this.ministries.length > 0 && rng.chance(MINISTRY_SHARE)) return rng.pick(this.ministries);
    const u = rng.next();
    const order: (RegionNode | null)[] =
      u < LEVEL_SHARES.province ? [location.province] : u < LEVEL_SHARES.province + LEVEL_SHARES.city ? [location.city, location.province] : [location.county, location.city, location.province];
    for (const region of order) {
      if (!region) continue;
      const boards = this.byRegion.get(region.code);
      if (boards && boards.length > 0) {
        // The party secretary's board draws a little more than the government head's.
        return boards.length > 1 && rng.chance(0.45) ? boards[1]! : boards[0]!;
      }
    }
    throw new Error(`no leader board for region ${location.region.code}`);
  }
}
