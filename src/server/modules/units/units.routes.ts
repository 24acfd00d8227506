import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BOARD_KINDS, UNIT_KINDS } from '../../../shared/domain.js';
import type { Database } from '../../db/database.js';
import { primaryReads, type ReadRouter } from '../../db/read-routing.js';
import { CursorQuery, IdInteger, IdParams, IdString, page, problems, RegionCode, Text } from '../../http/schemas.js';
import { createBoard, createUnit, getBoard, getUnit, listBoards, listUnits } from './units.service.js';

const BoardKind = Type.Union(BOARD_KINDS.map((k) => Type.Literal(k)));

export const UnitSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    kind: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    parentName: Type.Union([Type.String(), Type.Null()]),
    childCount: Type.Integer(),
    accountCount: Type.Integer(),
  },
  { $id: 'Unit' },
);

export const BoardSchema = Type.Object(
  {
    id: Type.Integer(),
    kind: BoardKind,
    title: Type.String(),
    name: Type.String(),
    regionCode: Type.Union([Type.String(), Type.Null()]),
    regionName: Type.Union([Type.String(), Type.Null()]),
    level: Type.Union([Type.Literal('national'), Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]),
    unit: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  },
  { $id: 'Board' },
);

/** `reads`: the boards, public, read the replica for visitors without a session (db/read-routing.ts); units are staff's. */
export function unitRoutes(db: Database, reads: ReadRouter = primaryReads(db)): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/units', {
      schema: {
        tags: ['units'],
        summary: '单位列表（权限范围内；无 parent 时为可见的顶层单位）',
        querystring: Type.Object({
          parent: Type.Optional(IdString()),
          q: Type.Optional(Text({ minLength: 1, maxLength: 50 })),
          passDownFrom: Type.Optional(IdString({ description: '只列出该交办任务可转交的下级单位（链式交办）' })),
          ...CursorQuery,
        }),
        response: { 200: page(Type.Ref('Unit')), ...problems(400, 401, 403, 404) },
      },
    }, async (req) => listUnits(db, req.actor, { parentId: req.query.parent ?? null, q: req.query.q ?? null, passDownFrom: req.query.passDownFrom ?? null, cursor: req.query.cursor ?? null, limit: req.query.limit ?? 50 }));

    app.get('/units/:id', {
      schema: { tags: ['units'], summary: '单位详情', params: IdParams, response: { 200: Type.Ref('Unit'), ...problems(400, 401, 403, 404) } },
    }, async (req) => getUnit(db, req.actor, req.params.id));

    app.post('/units', {
      schema: {
        tags: ['units'],
        summary: '新建单位',
        body: Type.Object(
          { name: Text({ minLength: 1, maxLength: 100 }), kind: Type.Union(UNIT_KINDS.map((k) => Type.Literal(k))), regionCode: RegionCode, parentId: Type.Optional(IdInteger()) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Unit'), ...problems(400, 401, 403, 409, 422) },
      },
    }, async (req, reply) => reply.status(201).send(await createUnit(db, req.actor, req.body, req.ip)));

    app.get('/boards', {
      schema: {
        tags: ['boards'],
        summary: '留言板：某地区的领导，或部委（kind=ministry）',
        querystring: Type.Object({ region: Type.Optional(RegionCode), kind: Type.Optional(BoardKind) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Board')) }), ...problems(400, 404) },
      },
    }, async (req, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return { items: await reads.publicRead(req.actor, (rdb) => listBoards(rdb, req.query)) };
    });

    app.get('/boards/:id', {
      schema: { tags: ['boards'], summary: '留言板详情', params: IdParams, response: { 200: Type.Ref('Board'), ...problems(400, 404) } },
    }, async (req) => reads.publicRead(req.actor, (rdb) => getBoard(rdb, req.params.id)));

    app.post('/boards', {
      schema: {
        tags: ['boards'],
        summary: '新建领导职务或部委留言板',
        body: Type.Object(
          {
            kind: BoardKind,
            title: Text({ minLength: 1, maxLength: 50 }),
            regionCode: Type.Optional(RegionCode),
            unitId: Type.Optional(IdInteger()),
            name: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Board'), ...problems(400, 401, 403, 409, 422) },
      },
    }, async (req, reply) => reply.status(201).send(await createBoard(db, req.actor, req.body, req.ip)));
  };
}
