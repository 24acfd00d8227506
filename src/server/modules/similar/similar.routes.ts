import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { TITLE_MAX } from '../../../shared/messages.js';
import type { Database } from '../../db/database.js';
import { primaryReads, type ReadRouter } from '../../db/read-routing.js';
import { IdString, problems, RegionCode, Text } from '../../http/schemas.js';
import { Summary } from '../messages/messages.schemas.js';
import { findSimilarMessages, listClusters, markDuplicate, suggestPublicMessages, SUGGEST_LIMIT } from './similar.service.js';

const Params = Type.Object({ id: IdString() });
const Similarity = Type.Number({ minimum: 0, maximum: 1, description: 'similarity of the jieba terms (docs/decisions/0014), 1 = the same terms' });
// status as a plain string here: the literal unions of Summary do not survive the spread in TypeBox's inference.
const SimilarList = Type.Object({ items: Type.Array(Type.Object({ ...Summary, status: Type.String(), publicStatus: Type.Union([Type.String(), Type.Null()]), similarity: Similarity })) });
/** The draft as the write page has it: the title and the start of the body (a URL carries no more). */
const SUGGEST_BODY_MAX = 500;

const Cluster = Type.Object({
  size: Type.Integer(),
  firstAt: Type.String({ format: 'date-time' }),
  lastAt: Type.String({ format: 'date-time' }),
  spanHours: Type.Number(),
  area: Type.Object({ code: Type.String(), name: Type.String() }, { description: 'the city (or province) the cluster lies in' }),
  regions: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  messageIds: Type.Array(Type.Integer()),
  sampleTitles: Type.Array(Type.String()),
});

export function similarRoutes(db: Database, reads: ReadRouter = primaryReads(db)): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/messages/:id/similar', {
      schema: {
        tags: ['messages'],
        summary: '相似留言：同城近半年最相似的公开留言（协调员）',
        params: Params,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 10 })) }),
        response: { 200: SimilarList, ...problems(400, 401, 403, 404) },
      },
    }, async (req) => findSimilarMessages(db, req.actor, req.params.id, { limit: req.query.limit ?? 10 }));

    app.get('/messages/similar-public', {
      schema: {
        tags: ['messages'],
        summary: `写留言前的相似已办理公开留言（至多${SUGGEST_LIMIT}条，已脱敏，按地址限流）`,
        querystring: Type.Object({
          region: RegionCode,
          title: Text({ maxLength: TITLE_MAX }),
          body: Type.Optional(Text({ maxLength: SUGGEST_BODY_MAX })),
        }),
        response: { 200: SimilarList, ...problems(400, 422, 429) },
      },
    }, async (req) => reads.publicRead(req.actor, (rdb) => suggestPublicMessages(rdb, db, { region: req.query.region, title: req.query.title, body: req.query.body ?? '', clientIp: req.ip })));

    app.get('/screening/clusters', {
      schema: {
        tags: ['messages'],
        summary: '线索聚类：待受理留言中同一事项的聚集（协调员）',
        response: {
          200: Type.Object({ considered: Type.Integer({ description: 'unscreened messages looked at' }), truncated: Type.Boolean({ description: 'true: more unscreened messages than were looked at' }), items: Type.Array(Cluster) }),
          ...problems(401, 403),
        },
      },
    }, async (req) => listClusters(db, req.actor));

    app.post('/messages/:id/duplicate-of', {
      schema: {
        tags: ['messages'],
        summary: '标为重复留言（不予受理，原因 duplicate，指向更早的公开留言）',
        params: Params,
        body: Type.Object({ originalId: IdString({ description: 'the earlier public message' }), note: Type.Optional(Text({ maxLength: 500 })) }, { additionalProperties: false }),
        response: { 200: Type.Ref('MessageDetail'), ...problems(400, 401, 403, 404, 409) },
      },
    }, async (req) => markDuplicate(db, req.actor, req.params.id, req.body));
  };
}
