import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CAMPAIGN_STATUSES } from '../../../shared/campaigns.js';
import type { ReadRouter } from '../../db/read-routing.js';
import { problems, Day as DayType } from '../../http/schemas.js';
import { getCampaignFigures } from './campaign-figures.js';

const tags = ['statistics', 'campaigns'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Day = DayType({ description: 'YYYY-MM-DD（北京时间，含当天）' });
const count = { entries: Type.Integer(), adopted: Type.Integer() };

const CampaignFiguresSchema = Type.Object(
  {
    region: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    totals: Type.Object({ campaigns: Type.Integer(), ...count, adoptionRate: Nullable(Type.Number()), supports: Type.Integer(), responses: Type.Integer() }),
    byDay: Type.Array(Type.Object({ day: Type.String({ format: 'date' }), ...count })),
    byProvince: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), ...count })),
    campaigns: Type.Array(
      Type.Object({
        id: Type.Integer(),
        title: Type.String(),
        organiser: Type.Object({ id: Type.Integer(), name: Type.String() }),
        status: Type.Union(CAMPAIGN_STATUSES.map((s) => Type.Literal(s))),
        phase: Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('ended')]),
        startsAt: Type.String({ format: 'date-time' }),
        endsAt: Type.String({ format: 'date-time' }),
        ...count,
        adoptionRate: Nullable(Type.Number()),
        supports: Type.Integer(),
        responses: Type.Integer(),
      }),
    ),
  },
  { $id: 'CampaignFigures' },
);

/** GET /stats/campaigns: public, like the published statistics (docs/api.md "Campaigns"). */
/** `reads`: published figures, read from the replica when there is one (db/read-routing.ts). */
export function campaignFigureRoutes(reads: ReadRouter): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(CampaignFiguresSchema);

    app.get('/stats/campaigns', {
      schema: {
        tags,
        summary: '征集与问卷统计：区间内的征集活动、投稿、采纳、采纳率、点赞、问卷答卷，按日、省份与活动（公开）',
        querystring: Type.Object({
          from: Type.Optional(Day),
          to: Type.Optional(Day),
          region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: '地区代码（GB/T 2260；000000 为全国）：只计该地区及下级的投稿与答卷' })),
        }),
        response: { 200: Type.Ref('CampaignFigures'), ...problems(400, 422) },
      },
    }, async (req) => reads.statisticsRead((db) => getCampaignFigures(db, req.query)));
  };
}
