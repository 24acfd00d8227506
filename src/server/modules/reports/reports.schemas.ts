import { Type, type TSchema } from 'typebox';
import { PERIOD_PATTERN, REPORT_KINDS } from '../../../shared/reports.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Rate = Nullable(Type.Number());

export const ReportKindSchema = Type.Union(REPORT_KINDS.map((k) => Type.Literal(k)));
export const ReportRegionCode = Type.String({ pattern: '^[0-9]{6}$', description: '地区代码（GB/T 2260；000000 为全国）' });
export const PeriodName = Type.String({
  pattern: PERIOD_PATTERN,
  description: '周报：该周任一天 YYYY-MM-DD（周一至周日）；半年报告：YYYY-H1 或 YYYY-H2。省略时为上一个完整的周或半年',
});

const RegionRef = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });

const Figures = Type.Object({
  received: Type.Integer(),
  total: Type.Integer(),
  rejected: Type.Integer(),
  withdrawn: Type.Integer(),
  replied: Type.Integer(),
  replyRate: Rate,
  finalReplied: Type.Integer(),
  closed: Type.Integer(),
  closedRate: Rate,
  onTime: Type.Integer(),
  late: Type.Integer(),
  onTimeRate: Rate,
  avgReplyWorkdays: Rate,
  rated: Type.Integer(),
  ratingRate: Rate,
  good: Type.Integer(),
  basic: Type.Integer(),
  bad: Type.Integer(),
  satisfactionRate: Rate,
  followUps: Type.Integer(),
  reopened: Type.Integer(),
  overdue: Type.Integer(),
});

const GrowthReason = Type.Optional(Nullable(Type.Union([Type.Literal('new'), Type.Literal('small_base'), Type.Literal('no_data')])));
const Term = Type.Object({ term: Type.String(), count: Type.Integer(), share: Rate, previous: Type.Integer(), growth: Rate, growthReason: GrowthReason });
const BoardRow = Type.Object({ name: Type.String(), received: Type.Integer(), replied: Type.Integer(), replyRate: Rate, satisfactionRate: Rate });

export const ReportContentSchema = Type.Object({
  kind: ReportKindSchema,
  title: Type.String(),
  region: RegionRef,
  period: Type.Object({ from: Type.String(), to: Type.String(), label: Type.String(), asOf: Type.String(), complete: Type.Boolean() }),
  comparison: Type.Object({ from: Type.String(), to: Type.String(), label: Type.String() }),
  headline: Type.String(),
  paragraphs: Type.Array(Type.String()),
  figures: Figures,
  previous: Figures,
  growth: Type.Object({ received: Rate, replied: Rate }),
  growthReasons: Type.Optional(Type.Object({ received: GrowthReason, replied: GrowthReason }, { description: 'growth 为 null 的原因：new 上期为0（新增），small_base 上期基数不足' })),
  thresholds: Type.Optional(Type.Object({ minReceived: Type.Integer(), growthMinBase: Type.Integer() }, { description: '生成时的排名最少留言量与增长率最小基数' })),
  levels: Type.Array(
    Type.Object({ level: Type.String(), label: Type.String(), received: Type.Integer(), share: Rate, replied: Type.Integer(), repliedShare: Rate, replyRate: Rate }),
  ),
  fields: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Type.Integer(), share: Rate, growth: Rate, growthReason: GrowthReason })),
  terms: Type.Array(Term),
  trend: Type.Array(Type.Object({ period: Type.String(), label: Type.String(), received: Type.Integer(), replied: Type.Integer(), replyRate: Rate, satisfactionRate: Rate, partial: Type.Optional(Type.Boolean()) })),
  rankings: Nullable(
    Type.Object({
      peers: Type.String(),
      items: Type.Array(
        Type.Object({ rank: Type.Integer(), region: RegionRef, heat: Type.Number(), received: Type.Integer(), replied: Type.Integer(), replyRate: Rate, satisfactionRate: Rate }),
      ),
      insufficient: Type.Optional(
        Type.Array(Type.Object({ region: RegionRef, received: Type.Integer(), replied: Type.Integer(), replyRate: Rate, satisfactionRate: Rate }), {
          description: '样本不足（留言量少于 thresholds.minReceived），不参与排名',
        }),
      ),
    }),
  ),
  zeroReply: Type.Array(RegionRef),
  boards: Nullable(Type.Object({ top: Type.Array(BoardRow), bottom: Type.Array(BoardRow) })),
  notableCases: Nullable(
    Type.Array(
      Type.Object({ id: Type.Integer(), number: Type.String(), title: Type.String(), unit: Nullable(Type.String()), board: Type.String(), closedAt: Type.String(), grade: Type.String() }),
    ),
  ),
  overdueUnits: Nullable(
    Type.Array(Type.Object({ unit: Type.Object({ id: Type.Integer(), name: Type.String(), regionCode: Type.String() }), open: Type.Integer(), overdue: Type.Integer() })),
  ),
  generatedAt: Type.String({ format: 'date-time' }),
});

const summaryProperties = {
  id: Type.Integer(),
  kind: ReportKindSchema,
  title: Type.String(),
  region: RegionRef,
  period: Type.Object({ from: Type.String(), to: Type.String(), label: Type.String() }),
  complete: Type.Boolean({ description: 'false: made before the period ended (figures up to content.period.asOf)' }),
  version: Type.Integer({ description: 'counts regenerations; the id stays' }),
  generatedAt: Type.String({ format: 'date-time' }),
  generatedBy: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() }, { description: 'null: made by the schedule' })),
};

export const ReportSummarySchema = Type.Object(summaryProperties, { $id: 'ReportSummary' });
export const ReportDetailSchema = Type.Object({ ...summaryProperties, content: ReportContentSchema }, { $id: 'ReportDetail' });

export const GenerateBody = Type.Object(
  { kind: ReportKindSchema, region: ReportRegionCode, period: Type.Optional(PeriodName) },
  { additionalProperties: false },
);

export const ListQuery = Type.Object({
  kind: Type.Optional(ReportKindSchema),
  region: Type.Optional(ReportRegionCode),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}\\.[0-9]{1,18}$', description: 'nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const SubscriptionSchema = Type.Object(
  { kind: ReportKindSchema, region: RegionRef, createdAt: Type.String({ format: 'date-time' }) },
  { $id: 'ReportSubscription' },
);

export const SubscriptionBody = Type.Object({ kind: ReportKindSchema, region: ReportRegionCode }, { additionalProperties: false });
