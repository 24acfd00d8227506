import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/database.js';
import { primaryReads, type ReadRouter } from '../../db/read-routing.js';
import { IdString, OpaqueCursor, problems } from '../../http/schemas.js';
import { addFollowUp, rateMessage, screenMessage, withdrawMessage } from './message-actions.service.js';
import { countPublicMessages, createMessage, getMessage, listMyMessages, listPublicMessages, listScreeningQueue } from './messages.service.js';
import { FollowUpBody, ListQuery, MessageCreated, NewMessageBody, RatingBody, ScreeningBody } from './messages.schemas.js';

const Params = Type.Object({ id: IdString() });
const Page = (ref: string) => Type.Object({ items: Type.Array(Type.Ref(ref)), nextCursor: Type.Union([Type.String(), Type.Null()]) });
const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$' })) });

/** `reads`: the public board, search, counts and a message's page read the replica for visitors without a session (db/read-routing.ts). */
export function messageRoutes(db: Database, reads: ReadRouter = primaryReads(db)): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/messages', {
      schema: {
        tags: ['messages'],
        summary: '写留言（网民）；Idempotency-Key 保证重试不重复',
        headers: IdempotencyHeaders,
        body: NewMessageBody,
        response: { 201: MessageCreated, ...problems(400, 401, 403, 409, 422, 429) },
      },
    }, async (req, reply) => {
      const created = await createMessage(db, req.actor, req.body, req.headers['idempotency-key'] ?? null);
      if (created.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ id: created.id, number: created.number, status: created.status as never });
    });

    app.get('/messages', {
      schema: { tags: ['messages'], summary: '公开留言列表与搜索（个人信息已脱敏）', querystring: ListQuery, response: { 200: Page('MessageSummary'), ...problems(400, 404) } },
    }, async (req) => reads.publicRead(req.actor, (rdb) => listPublicMessages(rdb, { ...req.query, limit: req.query.limit ?? 20 })));

    app.get('/messages/counts', {
      schema: {
        tags: ['messages'],
        summary: '公开留言各状态数量',
        querystring: Type.Pick(ListQuery, ['region', 'board', 'field', 'type']),
        response: { 200: Type.Object({ all: Type.Integer(), pending: Type.Integer(), handling: Type.Integer(), done: Type.Integer(), capped: Type.Boolean({ description: 'true: at least one count reached the cap and is a lower bound' }) }), ...problems(400, 404) },
      },
    }, async (req) => reads.publicRead(req.actor, (rdb) => countPublicMessages(rdb, req.query)));

    app.get('/messages/:id', {
      schema: { tags: ['messages'], summary: '留言详情', params: Params, response: { 200: Type.Ref('MessageDetail'), ...problems(400, 404) } },
    }, async (req) => reads.publicRead(req.actor, (rdb) => getMessage(rdb, req.actor, req.params.id)));

    app.get('/me/messages', {
      schema: { tags: ['messages'], summary: '我的留言', querystring: Type.Object({ cursor: Type.Optional(OpaqueCursor), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }), response: { 200: Page('MessageSummary'), ...problems(400, 401) } },
    }, async (req) => listMyMessages(db, req.actor, { cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.get('/screening', {
      schema: { tags: ['messages'], summary: '待受理审核的留言（协调员）', querystring: Type.Object({ cursor: Type.Optional(OpaqueCursor), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }), response: { 200: Page('MessageDetail'), ...problems(400, 401, 403) } },
    }, async (req) => listScreeningQueue(db, req.actor, { cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.post('/messages/:id/screening', {
      schema: { tags: ['messages'], summary: '受理或不予受理', params: Params, body: ScreeningBody, response: { 200: Type.Ref('MessageDetail'), ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => screenMessage(db, req.actor, req.params.id, req.body));

    app.post('/messages/:id/withdrawal', {
      schema: { tags: ['messages'], summary: '撤回留言（受理前）', params: Params, response: { 200: Type.Ref('MessageDetail'), ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => withdrawMessage(db, req.actor, req.params.id));

    app.post('/messages/:id/follow-ups', {
      schema: { tags: ['messages'], summary: '追问', params: Params, body: FollowUpBody, response: { 201: Type.Ref('TimelineEntry'), ...problems(400, 401, 403, 404, 409, 429) } },
    }, async (req, reply) => reply.status(201).send(await addFollowUp(db, req.actor, req.params.id, req.body)));

    app.post('/messages/:id/rating', {
      schema: { tags: ['messages'], summary: '评价（最终回复后；7天内可修改一次）', params: Params, body: RatingBody, response: { 200: Type.Ref('MessageDetail'), ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => rateMessage(db, req.actor, req.params.id, req.body));
  };
}
