/** 领域: the platform's fields, read by everyone, edited by platform admins. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/database.js';
import { primaryReads, type ReadRouter } from '../../db/read-routing.js';
import { problems, Text } from '../../http/schemas.js';
import { createField, listFields, updateField } from './fields.service.js';

export const FieldSchema = Type.Object(
  { code: Type.String(), nameZh: Type.String(), nameTw: Type.String(), nameEn: Type.String(), sort: Type.Integer(), active: Type.Boolean() },
  { $id: 'Field' },
);

const Name = Text({ minLength: 1, maxLength: 20 });

export function fieldRoutes(db: Database, reads: ReadRouter = primaryReads(db)): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/fields', {
      schema: { tags: ['fields'], summary: '领域列表', querystring: Type.Object({ all: Type.Optional(Type.Boolean({ description: 'include inactive fields (platform admins)' })) }), response: { 200: Type.Object({ items: Type.Array(Type.Ref('Field')) }), ...problems(400, 401, 403) } },
    }, async (req) => ({ items: await reads.publicRead(req.actor, (rdb) => listFields(rdb, req.actor, req.query.all === true)) }));

    app.post('/fields', {
      schema: {
        tags: ['fields'],
        summary: '新增领域',
        body: Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }), nameZh: Name, nameTw: Name, nameEn: Text({ minLength: 1, maxLength: 40 }), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })) }, { additionalProperties: false }),
        response: { 201: Type.Ref('Field'), ...problems(400, 401, 403, 409) },
      },
    }, async (req, reply) => reply.status(201).send(await createField(db, req.actor, req.body, req.ip)));

    app.patch('/fields/:code', {
      schema: {
        tags: ['fields'],
        summary: '修改领域',
        params: Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }) }),
        body: Type.Object({ nameZh: Type.Optional(Name), nameTw: Type.Optional(Name), nameEn: Type.Optional(Text({ minLength: 1, maxLength: 40 })), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: Type.Ref('Field'), ...problems(400, 401, 403, 404) },
      },
    }, async (req) => updateField(db, req.actor, req.params.code, req.body, req.ip));
  };
}
