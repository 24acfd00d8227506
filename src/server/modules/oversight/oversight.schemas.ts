import { Type, type TSchema } from 'typebox';
import { AGE_BANDS, SCORE_PARTS } from '../../../shared/oversight.js';
import { CursorQuery, Day as DayType, Text } from '../../http/schemas.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const RegionCode = Type.String({ pattern: '^[0-9]{6}$', description: '地区代码（默认本人所在地区；000000 为全国）' });
const Day = DayType({ description: 'YYYY-MM-DD（北京时间，含当天）' });
// The literals of AGE_BANDS (src/shared/oversight.ts), spelled out so the static type is AgeBand.
export const AgeBand = Type.Union([Type.Literal('d0_7'), Type.Literal('d8_15'), Type.Literal('d16_30'), Type.Literal('d31_90'), Type.Literal('d90_plus')]);
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Quarter = Type.Integer({ minimum: 1, maximum: 4 });

const RegionRef = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });
const UnitRef = Type.Object({ id: Type.Integer(), name: Type.String(), regionCode: Type.String() });
const Bands = Type.Object(Object.fromEntries(AGE_BANDS.map((b) => [b, Type.Integer()])));

export const ClearanceQuery = Type.Object({
  regionCode: Type.Optional(RegionCode),
  from: Type.Optional({ ...Day, description: '清零行动开始日期（默认30天前）' }),
  to: Type.Optional({ ...Day, description: '清零行动结束日期（默认今天）' }),
});

export const ClearanceSchema = Type.Object({
  region: RegionRef,
  asOf: Type.String({ format: 'date-time' }),
  today: Type.String(),
  bandStarts: Type.Object(Object.fromEntries(AGE_BANDS.map((b) => [b, Nullable(Type.String())])), { description: '各时长分组最早的接收日期（按工作日计）' }),
  total: Type.Integer(),
  bands: Bands,
  groups: Type.Array(Type.Object({ unit: Nullable(UnitRef), bands: Bands, total: Type.Integer() }), { description: 'unit 为 null：已受理尚未交办' }),
  drive: Type.Object({
    from: Type.String(), to: Type.String(),
    openAtStart: Type.Integer({ description: '行动开始时未回复的在办留言' }),
    arrived: Type.Integer({ description: '行动期间新受理的留言' }),
    answered: Type.Integer({ description: '行动期间首次回复的留言' }),
    remaining: Type.Integer({ description: '仍未回复（openAtStart + arrived − answered）' }),
    days: Type.Array(Type.Object({ day: Type.String(), remaining: Type.Integer(), answered: Type.Integer(), arrived: Type.Integer() })),
  }),
}, { $id: 'Clearance' });

const Selector = {
  regionCode: Type.Optional(RegionCode),
  unitId: Type.Optional(Type.Integer({ minimum: 1, description: '主办单位' })),
  unassigned: Type.Optional(Type.Boolean({ description: 'true：尚未交办的留言' })),
  ageBand: Type.Optional(AgeBand),
};

export const ClearanceItemsQuery = Type.Object({
  ...Selector,
  cursor: CursorQuery.cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});

export const ClearanceItemsSchema = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.Integer(), number: Type.String(), title: Type.String(), status: Type.String(),
    board: Type.Object({ id: Type.Integer(), name: Type.String() }),
    unit: Nullable(UnitRef),
    receivedAt: Type.String({ format: 'date-time' }),
    ageWorkdays: Type.Integer(), ageBand: AgeBand, supervised: Type.Boolean(),
  })),
  nextCursor: Nullable(Type.String()),
});

export const UrgeGroupBody = Type.Object({
  ...Selector,
  body: Type.Optional(Text({ maxLength: 500, description: '催办说明（可选）' })),
});

export const UrgeGroupSchema = Type.Object({
  matched: Type.Integer(), urged: Type.Integer(), failed: Type.Integer(),
  more: Type.Boolean({ description: 'true：超过单次上限，其余留言请再次催办' }),
  items: Type.Array(Type.Object({
    messageId: Type.Integer(), number: Type.String(), ok: Type.Boolean(),
    error: Nullable(Type.Object({ type: Type.String(), title: Type.String() })),
  })),
});

export const BulletinQuery = Type.Object({ regionCode: Type.Optional(RegionCode), year: Year, quarter: Quarter });
export const AssessmentQuery = Type.Object({ regionCode: Type.Optional(RegionCode), year: Year });

const rowFields = {
  unit: UnitRef,
  received: Type.Integer(), replied: Type.Integer(), onTime: Type.Integer(), late: Type.Integer(), rated: Type.Integer(),
  satisfied: Type.Integer(), reopened: Type.Integer(), signDue: Type.Integer(), signedOnTime: Type.Integer(),
  onTimeSignRate: Nullable(Type.Number()), onTimeRate: Nullable(Type.Number()), replyRate: Nullable(Type.Number()),
  satisfactionRate: Nullable(Type.Number()), reopenRate: Nullable(Type.Number()),
  score: Nullable(Type.Number({ description: '综合得分（0–100）' })),
  rank: Nullable(Type.Integer({ description: 'null：样本不足，不参与排名' })),
};
const Weights = Type.Object(Object.fromEntries(SCORE_PARTS.map((p) => [p, Type.Number()])));
export const BulletinRowSchema = Type.Object(rowFields, { $id: 'BulletinRow' });

export const BulletinSchema = Type.Object({
  region: RegionRef, year: Type.Integer(), quarter: Type.Integer(), from: Type.String(), to: Type.String(),
  generatedAt: Type.String({ format: 'date-time' }),
  minVolume: Type.Integer({ description: '参与排名的最少留言量（件）' }),
  weights: Weights,
  ranked: Type.Array(Type.Ref('BulletinRow')),
  unranked: Type.Array(Type.Ref('BulletinRow')),
  best: Nullable(Type.Ref('BulletinRow')),
  worst: Nullable(Type.Ref('BulletinRow')),
});

export const AssessmentSchema = Type.Object({
  region: RegionRef, year: Type.Integer(), from: Type.String(), to: Type.String(), partial: Type.Boolean(),
  generatedAt: Type.String({ format: 'date-time' }),
  minVolume: Type.Integer(), weights: Weights,
  items: Type.Array(Type.Object({ ...rowFields, quarters: Type.Array(Nullable(Type.Number()), { minItems: 4, maxItems: 4 }) })),
});
