import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/database.js';
import { primaryReads, type ReadRouter } from '../../db/read-routing.js';
import { problems, RegionCode } from '../../http/schemas.js';
import { getRegion, listRegions } from './regions.service.js';

export const RegionSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county'), Type.Literal('township'), Type.Literal('national')]),
    parentCode: Type.Union([Type.String(), Type.Null()]),
    hasChildren: Type.Boolean(),
  },
  { $id: 'Region' },
);

export function regionRoutes(db: Database, reads: ReadRouter = primaryReads(db)): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/regions', {
      schema: {
        tags: ['regions'],
        summary: '下级地区（无 parent 时为省级）',
        querystring: Type.Object({ parent: Type.Optional(RegionCode) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Region')) }), ...problems(400, 404) },
      },
    }, async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { items: await reads.publicRead(req.actor, (rdb) => listRegions(rdb, req.query.parent)) };
    });

    app.get('/regions/:code', {
      schema: {
        tags: ['regions'],
        summary: '地区及其上级',
        params: Type.Object({ code: RegionCode }),
        response: { 200: Type.Intersect([Type.Ref('Region'), Type.Object({ ancestors: Type.Array(Type.Ref('Region')) })]), ...problems(400, 404) },
      },
    }, async (req) => reads.publicRead(req.actor, (rdb) => getRegion(rdb, req.params.code)));
  };
}
