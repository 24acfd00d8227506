import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/database.js';
import { CursorQuery, page, problems, Text } from '../../http/schemas.js';
import { authorize } from '../access/access.policy.js';
import { listAudit } from './audit.repository.js';

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.Object({ id: Type.Integer(), displayName: Type.String() }), Type.Null()]),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  ip: Type.Union([Type.String(), Type.Null()]),
});

export function auditRoutes(db: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/audit-log', {
      schema: {
        tags: ['audit'],
        summary: '审计日志（只增不改）',
        querystring: Type.Object({ action: Type.Optional(Text({ maxLength: 50 })), ...CursorQuery }),
        response: { 200: page(AuditEntrySchema), ...problems(400, 401, 403) },
      },
    }, async (req) => {
      authorize(req.actor, 'audit.read');
      const limit = req.query.limit ?? 50;
      const rows = await listAudit(db, { cursor: req.query.cursor ?? null, limit, action: req.query.action ?? null });
      const items = rows.slice(0, limit).map((r) => ({
        id: Number(r.id),
        at: new Date(r.at).toISOString(),
        actor: r.actor_id === null ? null : { id: Number(r.actor_id), displayName: r.actor_name ?? '' },
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        details: r.details as Record<string, unknown>,
        ip: r.ip,
      }));
      return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
    });
  };
}
