/**
 * Report content made up from plausible statistics, for the renderers' tests
 * and for looking at a rendered page without a database.
 */
import type { ReportContent, ReportKind } from '../../../shared/reports.js';
import { emptyMeasures, figuresOf, type GrowthReason, type HeatParts, type Measures, type StatFigures, type StatRegionRef } from '../../../shared/stats.js';
import { composeReport, type ComposeInput } from './reports.compose.js';

export function sampleFigures(received: number, replied: number, extra: Partial<Measures> = {}): StatFigures {
  const m = emptyMeasures();
  Object.assign(m, {
    total: received + 12,
    rejected: 10,
    withdrawn: 2,
    received,
    replied,
    final_replied: Math.round(replied * 0.9),
    on_time: Math.round(replied * 0.8),
    late: Math.round(replied * 0.1),
    closed: Math.round(replied * 0.85),
    reply_workdays: replied * 4,
    rated: Math.round(replied * 0.5),
    g_very_satisfied: Math.round(replied * 0.3),
    g_satisfied: Math.round(replied * 0.1),
    g_basic: Math.round(replied * 0.05),
    g_dissatisfied: Math.round(replied * 0.03),
    g_very_dissatisfied: Math.round(replied * 0.02),
    follow_ups: Math.round(received * 0.1),
    reopened: 3,
    overdue: 7,
    ...extra,
  });
  return figuresOf(m);
}

const heat = (h: number): HeatParts => ({ heat: h, satisfaction: 0.9, activity: 0.5, effort: 0.8 });

const PROVINCES: Array<[string, string, number, number]> = [
  ['510000', '四川省', 36_512, 33_004],
  ['410000', '河南省', 35_600, 31_900],
  ['340000', '安徽省', 28_100, 26_300],
  ['610000', '陕西省', 20_450, 18_800],
  ['110000', '北京市', 15_210, 13_700],
  ['420000', '湖北省', 14_870, 12_990],
  ['140000', '山西省', 12_030, 11_020],
  ['620000', '甘肃省', 11_900, 10_880],
  ['370000', '山东省', 10_400, 8_950],
  ['440000', '广东省', 9_870, 8_100],
  ['360000', '江西省', 3_980, 3_325],
  ['460000', '海南省', 1_102, 739],
  ['630000', '青海省', 640, 0],
];

/** Content of a national half-year report (2026 H1) or a 江西 weekly digest, as composeReport writes it. */
export function sampleReport(kind: ReportKind = 'half_year'): ReportContent {
  return composeReport(sampleInput(kind));
}

/** What composeReport is given for sampleReport: statistics answers made up. */
export function sampleInput(kind: ReportKind = 'half_year'): ComposeInput {
  const national: StatRegionRef = kind === 'half_year' ? { code: '000000', name: '全国', level: 'national' } : { code: '360000', name: '江西省', level: 'province' };
  const period =
    kind === 'half_year'
      ? { from: '2026-01-01', to: '2026-06-30', label: '2026年上半年', asOf: '2026-06-30' }
      : { from: '2026-11-16', to: '2026-11-22', label: '2026年第47周（11月16日—11月22日）', asOf: '2026-11-22' };
  const comparison =
    kind === 'half_year' ? { from: '2025-01-01', to: '2025-06-30', label: '2025年上半年' } : { from: '2026-11-09', to: '2026-11-15', label: '2026年第46周（11月9日—11月15日）' };
  const figures = kind === 'half_year' ? sampleFigures(331_000, 271_000) : sampleFigures(126, 98);
  const previous = kind === 'half_year' ? sampleFigures(216_300, 161_300) : sampleFigures(112, 90);
  const input: ComposeInput = {
    kind,
    period,
    comparison,
    summary: {
      region: national,
      from: period.from,
      to: period.asOf,
      view: kind === 'half_year' ? 'public' : 'internal',
      figures,
      previousYear: previous,
      previousPeriod: previous,
      growth: { receivedYoY: null, receivedMoM: null, repliedYoY: null, repliedMoM: null },
      growthReasons: { receivedYoY: null, receivedMoM: null, repliedYoY: null, repliedMoM: null },
      growthMinBase: 30,
      levels: [
        { level: 'national', received: Math.round(figures.received * 0.05), share: 0.05, replied: Math.round(figures.replied * 0.05), repliedShare: 0.05, replyRate: 0.82 },
        { level: 'province', received: Math.round(figures.received * 0.55), share: 0.55, replied: Math.round(figures.replied * 0.5), repliedShare: 0.5, replyRate: 0.8 },
        { level: 'city', received: Math.round(figures.received * 0.3), share: 0.3, replied: Math.round(figures.replied * 0.3), repliedShare: 0.3, replyRate: 0.86 },
        { level: 'county', received: Math.round(figures.received * 0.1), share: 0.1, replied: Math.round(figures.replied * 0.15), repliedShare: 0.15, replyRate: 0.9 },
      ],
      cut: null,
    },
    previous,
    hot: {
      region: national,
      from: period.from,
      to: period.asOf,
      received: figures.received,
      terms: [
        ['疫情防控', 82_000],
        ['复工复产', 40_100],
        ['劳资纠纷', 21_000],
        ['脱贫攻坚', 20_300],
        ['物业管理', 15_800],
        ['停车难', 9_100],
        ['学位', 8_800],
        ['电梯加装', 6_400],
      ].map(([term, count]) => ({ term: term as string, count: count as number, share: (count as number) / figures.received, previous: Math.round((count as number) * 0.7), growth: 0.43, growthReason: null })),
      rising: [],
      fields: [
        ['urban', '城乡建设', 0.21],
        ['labor', '劳动和社会保障', 0.14],
        ['health', '卫生健康', 0.12],
        ['transport', '交通运输', 0.1],
        ['education', '教育', 0.09],
      ]
        .map(([code, name, share]) => ({ code: code as string, name: name as string, count: Math.round(figures.received * (share as number)), share: share as number, previous: 1000, growth: 0.2 as number | null, growthReason: null as GrowthReason | null }))
        .concat([
          // A field new in the period, and one whose baseline is too small for a percentage.
          { code: 'tourism', name: '文化旅游', count: 4018, share: 4018 / figures.received, previous: 1, growth: null, growthReason: 'small_base' },
          { code: 'sports', name: '体育', count: 40, share: 40 / figures.received, previous: 0, growth: null, growthReason: 'new' },
        ]),
      growthMinBase: 30,
    },
    trend: {
      region: national,
      interval: kind === 'half_year' ? 'month' : 'day',
      from: period.from,
      to: period.asOf,
      points:
        kind === 'half_year'
          ? [1, 2, 3, 4, 5, 6].map((m) => ({ period: `2026-0${m}`, from: `2026-0${m}-01`, to: `2026-0${m}-28`, partial: false, figures: sampleFigures(40_000 + m * 5_000, 32_000 + m * 4_500) }))
          : [16, 17, 18, 19, 20, 21, 22].map((d) => ({ period: `2026-11-${d}`, from: `2026-11-${d}`, to: `2026-11-${d}`, partial: false, figures: sampleFigures(10 + d, 8 + d) })),
    },
    rankings:
      kind === 'half_year'
        ? {
            region: national,
            peers: 'province',
            from: period.from,
            to: period.asOf,
            metric: 'heat',
            order: 'desc',
            items: PROVINCES.map(([code, name, received, replied], i) => ({
              rank: i + 1,
              region: { code, name, level: 'province' },
              figures: sampleFigures(received, replied),
              heat: heat(95 - i * 4.3),
            })),
            insufficient: [
              { region: { code: '540000', name: '西藏自治区', level: 'province' }, figures: sampleFigures(4, 4) },
              { region: { code: '710000', name: '台湾省', level: 'province' }, figures: sampleFigures(3, 0) },
            ],
            minReceived: 30,
            zeroReply: [{ code: '630000', name: '青海省', level: 'province' }],
          }
        : null,
    boards:
      kind === 'half_year'
        ? {
            region: national,
            from: period.from,
            to: period.asOf,
            items: [
              ['工业和信息化部', 5200, 5100],
              ['水利部', 800, 790],
              ['国家税务总局', 3100, 2800],
              ['教育部', 9800, 7200],
              ['交通运输部', 2100, 1300],
              ['国家医疗保障局', 4100, 2900],
              ['自然资源部', 1500, 600],
              ['国家档案局', 90, 90],
            ].map(([name, received, replied], i) => ({
              board: { id: i + 1, name: name as string, title: name as string, kind: 'ministry' as const, regionCode: null },
              figures: sampleFigures(received as number, replied as number),
            })),
          }
        : null,
    notableCases:
      kind === 'weekly'
        ? [
            { id: 101, number: '2026-11-16-000101', title: '东湖区大院街道老年人用餐难，建议建设幸福食堂', unit: '东湖区民政局', board: '江西省委书记', closedAt: '2026-11-18T06:00:00.000Z', grade: 'very_satisfied' },
            { id: 102, number: '2026-11-17-000230', title: '小区路灯长期损坏无人维修，联系电话138****5678', unit: '南昌市城市管理局', board: '南昌市长', closedAt: '2026-11-20T09:30:00.000Z', grade: 'satisfied' },
          ]
        : null,
    overdue:
      kind === 'weekly'
        ? {
            region: national,
            asOf: '2026-11-23T00:00:00.000Z',
            items: [
              { unit: { id: 9, name: '南昌市住房和城乡建设局', regionCode: '360100' }, open: 14, overdue: 5 },
              { unit: { id: 10, name: '东湖区民政局', regionCode: '360102' }, open: 6, overdue: 2 },
              { unit: { id: 11, name: '抚州市委网信办', regionCode: '361000' }, open: 3, overdue: 1 },
            ],
          }
        : null,
    generatedAt: kind === 'half_year' ? '2026-07-01T06:00:00.000Z' : '2026-11-23T06:00:00.000Z',
  };
  return input;
}
