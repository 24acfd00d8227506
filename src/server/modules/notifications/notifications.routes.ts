import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/database.js';
import { IdParams, page, problems } from '../../http/schemas.js';
import { createNotificationHub, createUnreadStreams } from './notifications.stream.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead, unreadCount } from './notifications.service.js';

const Localized = Type.Object({ 'zh-CN': Type.String(), 'zh-TW': Type.String(), en: Type.String() });

const NotificationSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'assigned, urged, deadline_amber, reply_published …' }),
  messageId: Type.Union([Type.Integer(), Type.Null()]),
  title: Localized,
  body: Type.Union([Localized, Type.Null()]),
  link: Type.Union([Type.String({ description: 'a path of the web app' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const ListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'true: unread only' })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export interface NotificationRouteDeps {
  db: Database;
  /** The LISTEN connection's database; without it the stream sends the first count only, no live updates. */
  databaseUrl?: string | null;
  /** Default 25 s. */
  heartbeatMs?: number;
}

export function notificationRoutes(deps: NotificationRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { db } = deps;
    const hub = createNotificationHub({ databaseUrl: deps.databaseUrl, log: app.log });
    const streams = createUnreadStreams(db, hub, { heartbeatMs: deps.heartbeatMs });
    // Before the server waits for its connections to finish: an open stream never would.
    app.addHook('preClose', async () => streams.endAll());
    app.addHook('onClose', async () => {
      streams.endAll();
      await hub.close();
    });

    app.get('/notifications', {
      schema: { tags: ['notifications'], summary: '我的通知（新的在前）', querystring: ListQuery, response: { 200: page(NotificationSchema), ...problems(400, 401) } },
    }, async (req) => listNotifications(db, req.actor, { ...req.query, limit: req.query.limit ?? 20 }));

    app.get('/notifications/unread-count', {
      schema: { tags: ['notifications'], summary: '未读通知数', response: { 200: Type.Object({ count: Type.Integer() }), ...problems(401) } },
    }, async (req) => unreadCount(db, req.actor));

    app.post('/notifications/:id/read', {
      schema: { tags: ['notifications'], summary: '标记一条通知为已读', params: IdParams, response: { 200: NotificationSchema, ...problems(400, 401, 403, 404) } },
    }, async (req) => markNotificationRead(db, req.actor, req.params.id));

    app.post('/notifications/read-all', {
      schema: { tags: ['notifications'], summary: '全部标记为已读', response: { 200: Type.Object({ updated: Type.Integer() }), ...problems(401, 403) } },
    }, async (req) => markAllNotificationsRead(db, req.actor));

    app.get('/notifications/stream', {
      schema: {
        tags: ['notifications'],
        summary: '未读数的实时推送（text/event-stream）',
        description: 'Server-sent events: `event: unread` with `data: {"count": n}` at once and after every change; a comment line every 25 s keeps proxies from closing the connection.',
        response: { 200: { description: 'an event stream', content: { 'text/event-stream': { schema: Type.String() } } }, ...problems(401) },
      },
    }, async (req, reply) => {
      streams.open(req, reply);
      return reply;
    });
  };
}
