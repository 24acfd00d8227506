import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { DEFAULT_STAT_THRESHOLDS, INTERNAL_DIMS, INTERVALS, RANKING_METRICS, STAT_DIMS, type StatDim, type StatThresholds } from '../../../shared/stats.js';
import type { Database } from '../../db/database.js';
import type { ReadRouter } from '../../db/read-routing.js';
import { Day as DayType, problems, Text } from '../../http/schemas.js';
import { DomainError } from '../../http/errors.js';
import { authorize, isGlobal } from '../access/access.policy.js';
import type { Actor } from '../access/actor.js';
import { freshen, overdueUnits, regionInfo, statsBoards, statsHotTopics, statsRankings, statsSummary, statsTimeseries } from './stats.service.js';
import type { Filters } from './stats.source.js';
import { windowOf } from './stats.windows.js';

const tags = ['statistics'];
const Nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);
const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const RegionCode = Type.String({ pattern: '^[0-9]{6}$', description: '地区代码（GB/T 2260；000000 为全国）' });
const Day = DayType({ description: 'YYYY-MM-DD（北京时间，含当天）' });
const Value = Text({ minLength: 1, maxLength: 40 });

const WindowQuery = {
  region: Type.Optional(RegionCode),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  view: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('internal')], { description: 'internal：内部口径（需统计权限，限本地区）' })),
};
const FilterQuery = Object.fromEntries(STAT_DIMS.map((dim) => [dim, Type.Optional(Value)])) as Record<StatDim, ReturnType<typeof Type.Optional<typeof Value>>>;

const Figures = Type.Object({
  received: Type.Integer(), total: Type.Integer(), rejected: Type.Integer(), withdrawn: Type.Integer(),
  replied: Type.Integer(), replyRate: Nullable(Type.Number()), finalReplied: Type.Integer(), closed: Type.Integer(), closedRate: Nullable(Type.Number()),
  onTime: Type.Integer(), late: Type.Integer(), onTimeRate: Nullable(Type.Number()), avgReplyWorkdays: Nullable(Type.Number()),
  rated: Type.Integer(), ratingRate: Nullable(Type.Number()), good: Type.Integer(), basic: Type.Integer(), bad: Type.Integer(),
  satisfactionRate: Nullable(Type.Number()), followUps: Type.Integer(), reopened: Type.Integer(), overdue: Type.Integer(),
}, { $id: 'StatFigures' });
const FiguresRef = Type.Ref('StatFigures');
const RegionRef = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });
const Heat = Type.Object({ heat: Type.Number(), satisfaction: Type.Number(), activity: Type.Number(), effort: Type.Number() });

const GrowthReason = Nullable(literals(['new', 'small_base', 'no_data']));
const Summary = Type.Object({
  region: RegionRef, from: Type.String(), to: Type.String(), view: Type.String(),
  figures: FiguresRef, previousYear: FiguresRef, previousPeriod: FiguresRef,
  growth: Type.Object({ receivedYoY: Nullable(Type.Number()), receivedMoM: Nullable(Type.Number()), repliedYoY: Nullable(Type.Number()), repliedMoM: Nullable(Type.Number()) }, { description: '增长率；基数不足（growthMinBase）时为 null，原因见 growthReasons' }),
  growthReasons: Type.Object({ receivedYoY: GrowthReason, receivedMoM: GrowthReason, repliedYoY: GrowthReason, repliedMoM: GrowthReason }, { description: 'new：上期为0（新增）；small_base：上期基数不足；no_data：两期均无' }),
  growthMinBase: Type.Integer({ description: '计算增长率所需的最小基数（件）' }),
  levels: Type.Array(Type.Object({ level: Type.String(), received: Type.Integer(), share: Nullable(Type.Number()), replied: Type.Integer(), repliedShare: Nullable(Type.Number()), replyRate: Nullable(Type.Number()) })),
  cut: Nullable(Type.Object({ dim: Type.String(), rows: Type.Array(Type.Object({ value: Type.String(), label: Type.String(), figures: FiguresRef })) })),
});
const Ranking = Type.Object({
  region: RegionRef, peers: Type.String(), from: Type.String(), to: Type.String(), metric: Type.String(), order: Type.String(),
  items: Type.Array(Type.Object({ rank: Type.Integer(), region: RegionRef, figures: FiguresRef, heat: Heat })),
  insufficient: Type.Array(Type.Object({ region: RegionRef, figures: FiguresRef }), { description: '样本不足：留言量少于 minReceived 的地区，不参与排名与总热度' }),
  minReceived: Type.Integer({ description: '参与排名的最少留言量（件）' }),
  zeroReply: Type.Array(RegionRef),
});
const Timeseries = Type.Object({
  region: RegionRef, interval: Type.String(), from: Type.String(), to: Type.String(),
  points: Type.Array(Type.Object({ period: Type.String(), from: Type.String(), to: Type.String(), partial: Type.Boolean({ description: '该期尚未结束（含今天），数据仍在变化' }), figures: FiguresRef })),
});
const Term = Type.Object({ term: Type.String(), count: Type.Integer(), share: Nullable(Type.Number()), previous: Type.Integer(), growth: Nullable(Type.Number()), growthReason: GrowthReason });
const HotTopics = Type.Object({
  region: RegionRef, from: Type.String(), to: Type.String(), received: Type.Integer(), terms: Type.Array(Term), rising: Type.Array(Term),
  fields: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Type.Integer(), share: Nullable(Type.Number()), previous: Type.Integer(), growth: Nullable(Type.Number()), growthReason: GrowthReason })),
  growthMinBase: Type.Integer(),
});
const Boards = Type.Object({
  region: RegionRef, from: Type.String(), to: Type.String(),
  items: Type.Array(Type.Object({ board: Type.Object({ id: Type.Integer(), name: Type.String(), title: Type.String(), kind: Type.String(), regionCode: Nullable(Type.String()) }), figures: FiguresRef })),
});
const OverdueUnits = Type.Object({
  region: RegionRef,
  asOf: Type.String({ format: 'date-time' }),
  items: Type.Array(Type.Object({ unit: Type.Object({ id: Type.Integer(), name: Type.String(), regionCode: Type.String() }), open: Type.Integer(), overdue: Type.Integer() })),
});

/**
 * Published figures are public. The internal view (on-time, overdue, reopened; cuts by
 * unit and handling class) needs the statistics permission and a region inside the own
 * region subtree (everywhere for platform admins).
 */
async function checkAccess(db: Database, actor: Actor | null, view: 'public' | 'internal', regionCode: string, dims: StatDim[]): Promise<void> {
  const internalDim = dims.find((d) => INTERNAL_DIMS.includes(d));
  if (view === 'public' && !internalDim) return;
  authorize(actor, 'stats.read_internal');
  if (isGlobal(actor)) return;
  if (!actor.regionPath) throw new DomainError('forbidden');
  const region = await regionInfo(db, regionCode);
  if (!(`${region.path}.`.startsWith(`${actor.regionPath}.`))) throw new DomainError('forbidden', { field: 'region' });
}

function filtersOf(query: Partial<Record<StatDim, string>>): Filters {
  const filters: Filters = {};
  for (const dim of STAT_DIMS) if (query[dim] !== undefined) filters[dim] = query[dim];
  return filters;
}

/**
 * `reads`: statistics read the replica when there is one, for everyone (db/read-routing.ts): a figure
 * a few milliseconds old is still the figure. The changes not yet counted are folded on the primary
 * first (freshen), and the replica is read once it has replayed that fold, so a figure stays exact.
 */
export function statsRoutes(reads: ReadRouter, thresholds: StatThresholds = DEFAULT_STAT_THRESHOLDS): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(Figures);

    app.get('/stats/summary', {
      schema: {
        tags,
        summary: '统计概览：留言量、回复率、满意率等，含同比环比、层级占比与可选维度切分',
        querystring: Type.Object({ ...WindowQuery, cut: Type.Optional(literals(STAT_DIMS)), ...FilterQuery }),
        response: { 200: Summary, ...problems(400, 401, 403, 422) },
      },
    }, async (req) => {
      const { region = '000000', view = 'public', cut } = req.query;
      const filters = filtersOf(req.query);
      const window = windowOf(req.query.from, req.query.to);
      return reads.statisticsRead(async (db) => {
        await checkAccess(db, req.actor, view, region, [...(Object.keys(filters) as StatDim[]), ...(cut ? [cut] : [])]);
        return statsSummary(db, { region, ...window, view, filters, thresholds, ...(cut ? { cut } : {}) });
      }, freshen);
    });

    app.get('/stats/rankings', {
      schema: {
        tags,
        summary: '排行：下级地区按总热度、回复率、满意率、留言量等排名，含零回复地区',
        querystring: Type.Object({
          ...WindowQuery,
          peers: Type.Optional(literals(['province', 'city', 'county'])),
          metric: Type.Optional(literals(RANKING_METRICS)),
          order: Type.Optional(literals(['desc', 'asc'])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
          ...FilterQuery,
        }),
        response: { 200: Ranking, ...problems(400, 401, 403, 422) },
      },
    }, async (req) => {
      const { region = '000000', view = 'public', peers, metric = 'heat', order = 'desc', limit = 50 } = req.query;
      const filters = filtersOf(req.query);
      const window = windowOf(req.query.from, req.query.to);
      return reads.statisticsRead(async (db) => {
        await checkAccess(db, req.actor, view, region, Object.keys(filters) as StatDim[]);
        return statsRankings(db, { region, ...window, view, filters, thresholds, metric: metric as never, order: order as 'desc' | 'asc', limit, ...(peers ? { peers: peers as 'province' } : {}) });
      }, freshen);
    });

    app.get('/stats/timeseries', {
      schema: {
        tags,
        summary: '趋势：按日、周、月、季、半年、年的各项数据',
        querystring: Type.Object({ ...WindowQuery, interval: Type.Optional(literals(INTERVALS)), ...FilterQuery }),
        response: { 200: Timeseries, ...problems(400, 401, 403, 422) },
      },
    }, async (req) => {
      const { region = '000000', view = 'public', interval = 'month' } = req.query;
      const filters = filtersOf(req.query);
      const window = windowOf(req.query.from, req.query.to);
      return reads.statisticsRead(async (db) => {
        await checkAccess(db, req.actor, view, region, Object.keys(filters) as StatDim[]);
        return statsTimeseries(db, { region, ...window, view, filters, interval: interval as 'month' });
      }, freshen);
    });

    app.get('/stats/hot-topics', {
      schema: {
        tags,
        summary: '热点：标题高频词与上升最快的词（较上一同长区间），以及领域分布',
        querystring: Type.Object({ ...WindowQuery, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }),
        response: { 200: HotTopics, ...problems(400, 401, 403, 422) },
      },
    }, async (req) => {
      const { region = '000000', view = 'public', limit = 20 } = req.query;
      const window = windowOf(req.query.from, req.query.to);
      return reads.statisticsRead(async (db) => {
        await checkAccess(db, req.actor, view, region, []);
        return statsHotTopics(db, { region, ...window, view, limit, thresholds });
      }, freshen);
    });

    app.get('/stats/boards', {
      schema: {
        tags,
        summary: '领导留言板清单：本地区各职务（全国为各部委）的留言量、回复量与回复率',
        querystring: Type.Object(WindowQuery),
        response: { 200: Boards, ...problems(400, 401, 403, 422) },
      },
    }, async (req) => {
      const { region = '000000', view = 'public' } = req.query;
      const window = windowOf(req.query.from, req.query.to);
      return reads.statisticsRead(async (db) => {
        await checkAccess(db, req.actor, view, region, []);
        return statsBoards(db, { region, ...window, view });
      }, freshen);
    });

    app.get('/stats/overdue-units', {
      schema: {
        tags,
        summary: '超期最多的单位（当前在办任务，内部）',
        querystring: Type.Object({ region: Type.Optional(RegionCode), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }),
        response: { 200: OverdueUnits, ...problems(400, 401, 403, 422) },
      },
    }, async (req) => {
      const { region = '000000', limit = 20 } = req.query;
      return reads.statisticsRead(async (db) => {
        await checkAccess(db, req.actor, 'internal', region, []);
        return overdueUnits(db, { region, limit });
      });
    });
  };
}
