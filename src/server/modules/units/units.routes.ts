import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BOARD_KINDS, UNIT_KINDS } from '../../../shared/domain.js';
import type { Database } from '../../db/database.js';
import { primaryReads, type ReadRouter } from '../../db/read-routing.js';
import { CursorQuery, IdInteger, IdParams, IdString, page, problems, RegionCode, Text } from '../../http/schemas.js';
import { createBoard, createUnit, getBoard, getUnit, listBoards, listUnits } from './units.service.js';
import { reactivateUnit, retireUnit, updateUnit } from './units.lifecycle.service.js';
import { MERGE_NOTE_MAX, mergeUnit } from './units.merge.service.js';
import { reopenBoard, retireBoard, updateBoard } from './boards.lifecycle.service.js';

const BoardKind = Type.Union(BOARD_KINDS.map((k) => Type.Literal(k)));
const ReplyReview = Type.Union([Type.Literal('none'), Type.Literal('unit_admin'), Type.Literal('coordinator')]);
/**
 * An id or null, as one `type: ['integer', 'null']`: as an anyOf of the two, the validator's type
 * coercion would read 0 (or false) as null and move a unit to the top instead of refusing it.
 */
const IdOrNull = (description: string) => Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description });

const UnitUpdateBody = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    shortName: Type.Optional(Type.Union([Text({ maxLength: 50 }), Type.Null()])),
    contact: Type.Optional(Type.Union([Text({ maxLength: 200 }), Type.Null()])),
    regionCode: Type.Optional(RegionCode),
    replyReview: Type.Optional(ReplyReview),
    parentId: Type.Optional(IdOrNull('another parent: the unit moves with its subtree; null: to the top (platform admins)')),
  },
  { additionalProperties: false, minProperties: 1 },
);

const BoardUpdateBody = Type.Object(
  {
    title: Type.Optional(Text({ minLength: 1, maxLength: 50 })),
    name: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    unitId: Type.Optional(IdOrNull('the unit that handles the board\'s messages; null: none')),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const UnitSchema = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    shortName: Type.Union([Type.String(), Type.Null()]),
    kind: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    parentName: Type.Union([Type.String(), Type.Null()]),
    childCount: Type.Integer(),
    accountCount: Type.Integer(),
    contact: Type.Union([Type.String(), Type.Null()]),
    replyReview: ReplyReview,
    status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
    retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    mergedInto: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()], { description: '机构改革: the unit this one was merged into (it is then retired)' }),
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
    status: Type.Union([Type.Literal('open'), Type.Literal('retired')], { description: 'retired: closed for new messages; its page and messages stay public' }),
    retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
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
          status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('retired')], { description: 'only active or only retired units (retired: a flat list)' })),
          passDownFrom: Type.Optional(IdString({ description: '只列出该交办任务可转交的下级单位（链式交办）' })),
          ...CursorQuery,
        }),
        response: { 200: page(Type.Ref('Unit')), ...problems(400, 401, 403, 404) },
      },
    }, async (req) => listUnits(db, req.actor, { parentId: req.query.parent ?? null, q: req.query.q ?? null, status: req.query.status ?? null, passDownFrom: req.query.passDownFrom ?? null, cursor: req.query.cursor ?? null, limit: req.query.limit ?? 50 }));

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

    app.patch('/units/:id', {
      schema: {
        tags: ['units'],
        summary: '修改单位（名称、简称、上级单位（连同下级整体移动）、地区、联系方式、回复审核方式）',
        params: IdParams,
        body: UnitUpdateBody,
        response: { 200: Type.Ref('Unit'), ...problems(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => updateUnit(db, req.actor, req.params.id, req.body, req.ip));

    app.post('/units/:id/retire', {
      schema: {
        tags: ['units'],
        summary: '撤销单位（不再承接新工作；仍有未办结交办、在用账号、开放留言板或在用下级单位时拒绝，并列出）',
        params: IdParams,
        response: { 200: Type.Ref('Unit'), ...problems(401, 403, 404, 409) },
      },
    }, async (req) => retireUnit(db, req.actor, req.params.id, req.ip));

    app.post('/units/:id/reactivate', {
      schema: { tags: ['units'], summary: '恢复已撤销的单位', params: IdParams, response: { 200: Type.Ref('Unit'), ...problems(401, 403, 404, 409, 422) } },
    }, async (req) => reactivateUnit(db, req.actor, req.params.id, req.ip));

    app.post('/units/:id/merge', {
      schema: {
        tags: ['units'],
        summary: '合并单位（机构改革）：未办结交办、账号、留言板和下级单位移交给存续单位，本单位撤销；dryRun 只检查并统计将移交的内容',
        params: IdParams,
        body: Type.Object(
          {
            intoUnitId: IdInteger({ description: 'the surviving unit' }),
            note: Type.Optional(Text({ maxLength: MERGE_NOTE_MAX, description: 'why (internal; shown to staff on each affected message)' })),
            dryRun: Type.Optional(Type.Boolean({ description: 'check and count what would move; change nothing' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            unit: Type.Ref('Unit'),
            into: Type.Ref('Unit'),
            moved: Type.Object({ openAssignments: Type.Integer(), messages: Type.Integer(), accounts: Type.Integer(), boards: Type.Integer(), children: Type.Integer() }),
            dryRun: Type.Boolean(),
          }),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    }, async (req) => mergeUnit(db, req.actor, req.params.id, req.body, req.ip));

    app.get('/boards', {
      schema: {
        tags: ['boards'],
        summary: '留言板：某地区的领导，或部委（kind=ministry）',
        querystring: Type.Object({
          region: Type.Optional(RegionCode),
          kind: Type.Optional(BoardKind),
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('retired'), Type.Literal('all')], { description: 'open (default): boards taking messages; retired: closed boards (history); all' })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Board')) }), ...problems(400, 404) },
      },
    }, async (req, reply) => {
      // The public lists (no status asked) may be a minute old; the console asks with a status and sees its changes at once.
      reply.header('cache-control', req.query.status === undefined ? 'public, max-age=60' : 'no-store');
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

    app.patch('/boards/:id', {
      schema: {
        tags: ['boards'],
        summary: '修改留言板（职务/名称、全称、承办单位）',
        params: IdParams,
        body: BoardUpdateBody,
        response: { 200: Type.Ref('Board'), ...problems(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => updateBoard(db, req.actor, req.params.id, req.body, req.ip));

    app.post('/boards/:id/retire', {
      schema: { tags: ['boards'], summary: '关闭留言板（不再接受新留言，历史留言仍公开）', params: IdParams, response: { 200: Type.Ref('Board'), ...problems(401, 403, 404, 409) } },
    }, async (req) => retireBoard(db, req.actor, req.params.id, req.ip));

    app.post('/boards/:id/reopen', {
      schema: { tags: ['boards'], summary: '重新开放已关闭的留言板', params: IdParams, response: { 200: Type.Ref('Board'), ...problems(401, 403, 404, 409, 422) } },
    }, async (req) => reopenBoard(db, req.actor, req.params.id, req.ip));
  };
}
