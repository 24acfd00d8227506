/**
 * The units that handle synthetic messages. The demo data has units in a
 * handful of regions only; a benchmark of the unit inbox needs work spread
 * over the whole country. So every province, city and county without any
 * unit gets the standard set a real one has: 党委 → 党委办公室 (which runs the
 * region's leader boards), 人民政府 → its departments, nested under the
 * 党委 of the region above. Regions that already have units (the demo ones)
 * keep theirs and get nothing new. Pure: the database part is in synthetic.ts.
 */
import type { FieldCode } from './templates.js';
import type { RegionNode, RegionTree } from './places.js';

export interface UnitRef {
  id: string;
  name: string;
}

/** A unit as loaded from the database (or made up by a test). */
export interface UnitRow {
  id: string;
  key: string | null;
  name: string;
  kind: string;
  regionCode: string;
}

/** A unit to create; `parent` is a key of this plan or the id of an existing unit. */
export interface PlannedUnit {
  key: string;
  name: string;
  kind: 'party_committee' | 'party_office' | 'government' | 'department';
  regionCode: string;
  parent: { key: string } | { id: string } | null;
  /** The unit that runs the region's leader boards. */
  boardUnit: boolean;
}

/** Departments of a government and the fields they answer for; province names first, then city and county names. */
const DEPARTMENTS: readonly (readonly [string, string, readonly FieldCode[]])[] = [
  ['住房和城乡建设厅', '住房和城乡建设局', ['urban']],
  ['人力资源和社会保障厅', '人力资源和社会保障局', ['employment']],
  ['教育厅', '教育局', ['education']],
  ['交通运输厅', '交通运输局', ['transport']],
  ['农业农村厅', '农业农村局', ['rural']],
  ['卫生健康委员会', '卫生健康委员会', ['health']],
  ['生态环境厅', '生态环境局', ['environment']],
  ['民政厅', '民政局', ['government']],
  ['公安厅', '公安局', ['security']],
  ['文化和旅游厅', '文化和旅游局', ['tourism', 'culture']],
  ['财政厅', '财政局', ['finance']],
  ['市场监督管理局', '市场监督管理局', ['enterprise']],
];

/** Which field a unit of the demo data (or any real name) answers for, by its name. */
const FIELD_BY_NAME: readonly (readonly [RegExp, FieldCode])[] = [
  [/住房|城乡建设|城市管理|城管/, 'urban'],
  [/人力资源|社会保障|人社/, 'employment'],
  [/教育/, 'education'],
  [/交通/, 'transport'],
  [/农业农村/, 'rural'],
  [/卫生|医疗保障|医保/, 'health'],
  [/生态|环境/, 'environment'],
  [/民政/, 'government'],
  [/公安|应急/, 'security'],
  [/文化|旅游/, 'tourism'],
  [/财政|金融|税务/, 'finance'],
  [/市场监督|工业/, 'enterprise'],
];

export const SYNTHETIC_UNIT_KEY_PREFIX = 'syn:';

const HANDLING_LEVELS = new Set(['province', 'city', 'county']);

/**
 * The units to create for every province, city and county that has none,
 * parents before children. `existing` are the units already there.
 */
export function planUnits(tree: RegionTree, existing: readonly UnitRow[]): PlannedUnit[] {
  const withUnits = new Set(existing.map((u) => u.regionCode));
  // The 党委 of each region: an existing one or the one planned here.
  const committee = new Map<string, { key: string } | { id: string }>();
  for (const u of existing) if (u.kind === 'party_committee' && !committee.has(u.regionCode)) committee.set(u.regionCode, { id: u.id });
  const plan: PlannedUnit[] = [];
  const visit = (region: RegionNode) => {
    if (HANDLING_LEVELS.has(region.level) && !withUnits.has(region.code)) {
      let parent: { key: string } | { id: string } | null = null;
      for (let up = region.parent; up && !parent; up = up.parent) parent = committee.get(up.code) ?? null;
      const key = (role: string) => `${SYNTHETIC_UNIT_KEY_PREFIX}${region.code}:${role}`;
      const province = region.level === 'province';
      plan.push({ key: key('pc'), name: `中共${region.name}委员会`, kind: 'party_committee', regionCode: region.code, parent, boardUnit: false });
      committee.set(region.code, { key: key('pc') });
      plan.push({ key: key('office'), name: `${region.name}委${province ? '办公厅' : '办公室'}`, kind: 'party_office', regionCode: region.code, parent: { key: key('pc') }, boardUnit: true });
      plan.push({ key: key('gov'), name: `${region.name}人民政府`, kind: 'government', regionCode: region.code, parent: { key: key('pc') }, boardUnit: false });
      DEPARTMENTS.forEach(([provinceName, localName], i) => {
        plan.push({ key: key(`d${i}`), name: `${region.name}${province ? provinceName : localName}`, kind: 'department', regionCode: region.code, parent: { key: key('gov') }, boardUnit: false });
      });
    }
    for (const child of region.children) if (HANDLING_LEVELS.has(child.level)) visit(child);
  };
  for (const province of tree.provinces) visit(province);
  return plan;
}

export function fieldOfUnitName(name: string): FieldCode | null {
  return FIELD_BY_NAME.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

/** The units of one region that take part in handling. */
export interface RegionUnits {
  /** Runs the region's leader boards and routes work (the board's unit when there is one). */
  office: UnitRef;
  /** Working departments (and, in a township, its street office). */
  departments: readonly UnitRef[];
  byField: ReadonlyMap<FieldCode, UnitRef>;
}

const OFFICE_KINDS = ['party_office', 'government_office', 'party_committee', 'government'];

/** Who handles what, per region: built from the units table and the boards' units. */
export class UnitDirectory {
  private readonly byRegion = new Map<string, RegionUnits>();

  /** `boardUnits`: region code → the unit of its leader boards, where set. */
  constructor(units: readonly UnitRow[], boardUnits: ReadonlyMap<string, string>) {
    const grouped = new Map<string, UnitRow[]>();
    for (const u of units) {
      const list = grouped.get(u.regionCode) ?? [];
      list.push(u);
      grouped.set(u.regionCode, list);
    }
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const [code, list] of grouped) {
      list.sort((a, b) => Number(a.id) - Number(b.id));
      const boardUnit = boardUnits.get(code);
      const officeRow = (boardUnit ? byId.get(boardUnit) : undefined) ?? OFFICE_KINDS.map((k) => list.find((u) => u.kind === k)).find(Boolean) ?? list[0]!;
      const departments = list.filter((u) => ['department', 'sub_department', 'street_office'].includes(u.kind) && u.id !== officeRow.id).map((u) => ({ id: u.id, name: u.name }));
      const byField = new Map<FieldCode, UnitRef>();
      for (const d of departments) {
        const field = fieldOfUnitName(d.name);
        if (field && !byField.has(field)) byField.set(field, d);
        if (field === 'tourism' && !byField.has('culture')) byField.set('culture', d);
      }
      this.byRegion.set(code, { office: { id: officeRow.id, name: officeRow.name }, departments, byField });
    }
  }

  at(regionCode: string): RegionUnits | undefined {
    return this.byRegion.get(regionCode);
  }

  /** The department for a field, or the office when the region has none. */
  forField(regionCode: string, field: FieldCode): UnitRef | undefined {
    const r = this.byRegion.get(regionCode);
    return r ? (r.byField.get(field) ?? r.office) : undefined;
  }

  get size(): number {
    return this.byRegion.size;
  }
}
