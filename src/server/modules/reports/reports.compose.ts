/**
 * A report's content from the statistics answers: pure, so the wording can be
 * tested without a database. The sentences follow the platform's published
 * reports ("2020年上半年，……网民……留言33.1万件，同比增长近53%；……回复……27.1万件，……
 * 整体网民满意度达90%"; 海南: "省级留言量为664件，占总留言量的60%").
 */
import {
  BOARD_LEVEL_LABELS,
  formatCount,
  formatGrowth,
  formatRate,
  isoWeek,
  type NotableCase,
  type ReportBoardRow,
  type ReportContent,
  type ReportKind,
  type ReportLevelRow,
  type ReportRankingRow,
  type ReportTrendPoint,
  type ReportUnrankedRow,
} from '../../../shared/reports.js';
import { DEFAULT_STAT_THRESHOLDS, growthOf, type GrowthReason, type StatThresholds, type StatBoards, type StatFigures, type StatHotTopics, type StatOverdueUnits, type StatRanking, type StatSummary, type StatTimeseries } from '../../../shared/stats.js';

export interface ComposeInput {
  kind: ReportKind;
  period: { from: string; to: string; label: string; asOf: string };
  comparison: { from: string; to: string; label: string };
  summary: StatSummary;
  /** The comparison window's figures (last week; the same half a year before). */
  previous: StatFigures;
  hot: StatHotTopics;
  trend: StatTimeseries;
  rankings: StatRanking | null;
  boards: StatBoards | null;
  notableCases: NotableCase[] | null;
  overdue: StatOverdueUnits | null;
  generatedAt: string;
  /** The minimum 留言量 for a rank and baseline for growth; the documented defaults without. */
  thresholds?: StatThresholds;
}

/** How many rows each list keeps. */
export const REPORT_LIMITS = { fields: 10, terms: 10, boards: 5, rankings: 100, topHeat: 10 } as const;

const monthDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function title(kind: ReportKind, regionName: string, period: { from: string; label: string }): string {
  if (kind === 'half_year') return `${period.label}${regionName}网上群众工作数据报告`;
  const week = isoWeek(period.from);
  return `${regionName}民声周报（${week.year}年第${week.week}周）`;
}

/**
 * "，同比增长53%"; "，去年同期无回复" when there was nothing before; "" when the baseline is too small
 * to compare with (docs/metrics.md "Small numbers": no 增长401700%).
 */
function growthClause(word: '同比' | '环比', g: number | null, reason: GrowthReason | null, noun: '留言' | '回复'): string {
  if (reason === 'new') return `，${word === '同比' ? '去年同期' : '上周'}无${noun}`;
  const text = formatGrowth(g);
  return text === null ? '' : `，${word}${text}`;
}

type Growths = { received: number | null; replied: number | null };
type Reasons = { received: GrowthReason | null; replied: GrowthReason | null };

function headline(input: ComposeInput, f: StatFigures, g: Growths, r: Reasons): string {
  const { kind, period, summary } = input;
  const name = summary.region.name;
  const national = summary.region.level === 'national';
  const partial = period.asOf < period.to ? `（截至${monthDay(period.asOf)}）` : '';
  if (f.received === 0) {
    const when = kind === 'half_year' ? `${period.label}${partial}` : `本周（${monthDay(period.from)}—${monthDay(period.asOf)}）`;
    return `${when}，${name}暂无网民留言。`;
  }
  const compare: '同比' | '环比' = kind === 'half_year' ? '同比' : '环比';
  const satisfaction = f.rated > 0 ? `${national ? '整体' : ''}网民满意度${formatRate(f.satisfactionRate)}` : '暂无网民评价';
  if (kind === 'half_year') {
    const who = national ? '全国网民' : `${name}网民`;
    const replier = national ? '各地各级干部共回复网民诉求' : '各级干部回复';
    return (
      `${period.label}${partial}，${who}通过民声平台留言${formatCount(f.received)}件${growthClause(compare, g.received, r.received, '留言')}；` +
      `${replier}${formatCount(f.replied)}件${growthClause(compare, g.replied, r.replied, '回复')}，回复率${formatRate(f.replyRate)}；` +
      `办结${formatCount(f.closed)}件，办结率${formatRate(f.closedRate)}；${satisfaction}。`
    );
  }
  return (
    `本周（${monthDay(period.from)}—${monthDay(period.asOf)}），${name}网民留言${formatCount(f.received)}件${growthClause(compare, g.received, r.received, '留言')}；` +
    `回复${formatCount(f.replied)}件${growthClause(compare, g.replied, r.replied, '回复')}，回复率${formatRate(f.replyRate)}；` +
    `办结${formatCount(f.closed)}件；${satisfaction}。`
  );
}

function levelRows(summary: StatSummary): ReportLevelRow[] {
  return summary.levels.map((l) => ({ ...l, label: BOARD_LEVEL_LABELS[l.level] }));
}

function levelSentence(levels: ReportLevelRow[]): string | null {
  const parts = levels.filter((l) => l.received > 0).map((l) => `${l.label}留言${formatCount(l.received)}件，占${formatRate(l.share)}`);
  if (parts.length < 2) return null;
  return `从留言层级看，${parts.join('；')}。`;
}

const PEER_SCOPE: Record<string, string> = { national: '全国', province: '全省', city: '全市' };

function unrankedRows(rankings: StatRanking): ReportUnrankedRow[] {
  return (rankings.insufficient ?? []).map((item) => ({
    region: item.region,
    received: item.figures.received,
    replied: item.figures.replied,
    replyRate: item.figures.replyRate,
    satisfactionRate: item.figures.satisfactionRate,
  }));
}

function rankingRows(rankings: StatRanking): ReportRankingRow[] {
  return rankings.items.slice(0, REPORT_LIMITS.rankings).map((item) => ({
    rank: item.rank,
    region: item.region,
    heat: Math.round(item.heat.heat * 10) / 10,
    received: item.figures.received,
    replied: item.figures.replied,
    replyRate: item.figures.replyRate,
    satisfactionRate: item.figures.satisfactionRate,
  }));
}

function heatSentence(level: string, rows: ReportRankingRow[]): string | null {
  const top = rows.filter((r) => r.received > 0).slice(0, REPORT_LIMITS.topHeat);
  if (top.length < 2) return null;
  return `根据各地网民满意度、互动活跃度、办理力度三方面的情况进行综合分析，${top.map((r) => r.region.name).join('、')}网上群众工作总热度位列${PEER_SCOPE[level] ?? ''}前${top.length}名。`;
}

function topicSentence(input: ComposeInput): string | null {
  const fields = input.hot.fields.filter((f) => f.count > 0).slice(0, 3);
  const terms = input.hot.terms.slice(0, 5);
  const parts: string[] = [];
  if (fields.length > 0) parts.push(`网民留言较集中的领域是${fields.map((f) => `${f.name}（${formatCount(f.count)}件，占${formatRate(f.share)}）`).join('、')}`);
  if (terms.length > 0) parts.push(`${input.kind === 'weekly' ? '反映较多的问题' : '网民关注的热点'}涉及${terms.map((t) => `“${t.term}”`).join('')}等`);
  return parts.length > 0 ? `${parts.join('；')}。` : null;
}

function boardRow(item: StatBoards['items'][number]): ReportBoardRow {
  const f = item.figures;
  return { name: item.board.name, received: f.received, replied: f.replied, replyRate: f.replyRate, satisfactionRate: f.satisfactionRate };
}

/** Leader boards with messages: the highest reply rates, and the lowest of the rest. */
export function boardLists(boards: StatBoards): { top: ReportBoardRow[]; bottom: ReportBoardRow[] } {
  const rows = boards.items.filter((b) => b.figures.received > 0).map(boardRow);
  const rate = (r: ReportBoardRow) => r.replyRate ?? 0;
  const best = [...rows].sort((a, b) => rate(b) - rate(a) || b.replied - a.replied || a.name.localeCompare(b.name, 'zh-CN'));
  const top = best.slice(0, REPORT_LIMITS.boards);
  const rest = best.slice(top.length);
  const bottom = rest.sort((a, b) => rate(a) - rate(b) || b.received - a.received || a.name.localeCompare(b.name, 'zh-CN')).slice(0, REPORT_LIMITS.boards);
  return { top, bottom };
}

function trendLabel(period: string): string {
  if (/^\d{4}-\d{2}$/.test(period)) return `${Number(period.slice(5, 7))}月`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return monthDay(period);
  return period;
}

function trendPoints(trend: StatTimeseries): ReportTrendPoint[] {
  return trend.points.map((p) => ({
    period: p.period,
    label: trendLabel(p.period),
    received: p.figures.received,
    replied: p.figures.replied,
    replyRate: p.figures.replyRate,
    satisfactionRate: p.figures.satisfactionRate,
    partial: p.partial,
  }));
}

export function composeReport(input: ComposeInput): ReportContent {
  const { kind, period, summary } = input;
  const figures = summary.figures;
  const thresholds = input.thresholds ?? DEFAULT_STAT_THRESHOLDS;
  const received = growthOf(figures.received, input.previous.received, thresholds.growthMinBase);
  const replied = growthOf(figures.replied, input.previous.replied, thresholds.growthMinBase);
  const g = { received: received.rate, replied: replied.rate };
  const reasons = { received: received.reason, replied: replied.reason };
  const levels = levelRows(summary);
  const rankings = input.rankings ? { peers: input.rankings.peers, items: rankingRows(input.rankings), insufficient: unrankedRows(input.rankings) } : null;
  const paragraphs: string[] = [];
  const levelText = levelSentence(levels);
  if (levelText) paragraphs.push(levelText);
  if (rankings) {
    const heat = heatSentence(summary.region.level, rankings.items);
    if (heat) paragraphs.push(heat);
  }
  if (rankings && rankings.insufficient.length > 0) {
    const few = rankings.insufficient;
    paragraphs.push(
      `${few.slice(0, 5).map((r) => r.region.name).join('、')}${few.length > 5 ? `等${few.length}个地区` : ''}留言不足${thresholds.minReceived}件，样本不足，未参与排名。`,
    );
  }
  const zeroReply = input.rankings?.zeroReply ?? [];
  if (zeroReply.length > 0) paragraphs.push(`${zeroReply.map((r) => r.name).join('、')}${zeroReply.length > 1 ? `等${zeroReply.length}个地区` : ''}有网民留言但尚无回复。`);
  const topics = topicSentence(input);
  if (topics) paragraphs.push(topics);
  if (input.notableCases && input.notableCases.length > 0) {
    paragraphs.push(`本周办结并获网民满意评价的典型案例${input.notableCases.length}件，见“典型案例”。`);
  }
  const overdueUnits = input.overdue ? input.overdue.items.filter((u) => u.overdue > 0) : null;
  if (overdueUnits && overdueUnits.length > 0) {
    paragraphs.push(`截至报告生成时，${overdueUnits.length}个单位有超期未办结留言，其中${overdueUnits[0]!.unit.name}最多（${overdueUnits[0]!.overdue}件）。`);
  }
  return {
    kind,
    title: title(kind, summary.region.name, period),
    region: summary.region,
    period: { from: period.from, to: period.to, label: period.label, asOf: period.asOf, complete: period.asOf >= period.to },
    comparison: input.comparison,
    headline: headline(input, figures, g, reasons),
    paragraphs,
    figures,
    previous: input.previous,
    growth: g,
    growthReasons: reasons,
    thresholds: { minReceived: thresholds.minReceived, growthMinBase: thresholds.growthMinBase },
    levels,
    fields: input.hot.fields
      .slice(0, REPORT_LIMITS.fields)
      .map((f) => ({ code: f.code, name: f.name, count: f.count, share: f.share, growth: f.growth, growthReason: f.growthReason ?? null })),
    terms: input.hot.terms.slice(0, REPORT_LIMITS.terms),
    trend: trendPoints(input.trend),
    rankings,
    zeroReply,
    boards: input.boards ? boardLists(input.boards) : null,
    notableCases: input.notableCases,
    overdueUnits: overdueUnits,
    generatedAt: input.generatedAt,
  };
}
