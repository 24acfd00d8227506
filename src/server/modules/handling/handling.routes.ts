import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LETTER_KINDS } from '../../../shared/letters.js';
import type { Database } from '../../db/database.js';
import { IdString, problems, Text } from '../../http/schemas.js';
import { assignMessage, passDownAssignment, reopenMessage, returnAssignment, signAssignment } from './handling.assign.js';
import { handlingCounts, inboxCounts, listExtensions, listHandling, listInbox, listReviews } from './handling.queries.js';
import {
  AssignBody,
  AttentionBody,
  CallbackBody,
  CloseBody,
  ContactBody,
  DecisionBody,
  ExtensionBody,
  HandlingClassSchema,
  HandlingViewSchema,
  InboxTabSchema,
  PassDownBody,
  PolicyBody,
  ReasonBody,
  ReopenBody,
  ReplySubmitBody,
  ReviewModeBody,
  SuperviseBody,
  TextBody,
  UrgeBody,
} from './handling.schemas.js';
import { closeWithExplanation, instructOnMessage, recordCallback, setLeaderAttention, superviseMessage, urgeMessage } from './handling.supervise.js';
import { addInternalNote, contribute, decideExtension, recordContact, requestExtension, reviewReply, submitReply } from './handling.work.js';
import { letterContent, letterPdf } from './letters.service.js';
import { deletePolicy, getReviewMode, listPolicies, savePolicy, setReviewMode } from './policies.service.js';

const Params = Type.Object({ id: IdString() });
const Detail = Type.Ref('MessageDetail');
const Page = (ref: string) => Type.Object({ items: Type.Array(Type.Ref(ref)), nextCursor: Type.Union([Type.String(), Type.Null()]) });
const Paging = { cursor: Type.Optional(IdString({ description: 'nextCursor of the previous page' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) };
const ReviewMode = Type.Object({ unitId: Type.Integer(), unitName: Type.String(), mode: Type.String() });
const tags = ['handling'];

export function handlingRoutes(db: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    // ── the coordinator: assign, reopen, close, supervise ─────────────────
    app.post('/messages/:id/assignments', {
      schema: { tags, summary: '交办：主办单位、协办单位与办理类别（协调员）', params: Params, body: AssignBody, response: { 201: Detail, ...problems(400, 401, 403, 404, 409, 422) } },
    }, async (req, reply) => reply.status(201).send(await assignMessage(db, req.actor, req.params.id, req.body)));

    app.post('/messages/:id/reopen', {
      schema: { tags, summary: '重办（不满意后，最多两次；时限重新起算）', params: Params, body: ReopenBody, response: { 200: Detail, ...problems(400, 401, 403, 404, 409, 422) } },
    }, async (req) => reopenMessage(db, req.actor, req.params.id, req.body));

    app.post('/messages/:id/close', {
      schema: { tags, summary: '说明办结（不满意后由协调员关闭并说明）', params: Params, body: CloseBody, response: { 200: Detail, ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => closeWithExplanation(db, req.actor, req.params.id, req.body));

    app.post('/messages/:id/callbacks', {
      schema: { tags, summary: '回访记录', params: Params, body: CallbackBody, response: { 201: Detail, ...problems(400, 401, 403, 404, 409) } },
    }, async (req, reply) => reply.status(201).send(await recordCallback(db, req.actor, req.params.id, req.body)));

    app.post('/messages/:id/urges', {
      schema: { tags, summary: '催办（通知在办单位）', params: Params, body: UrgeBody, response: { 201: Detail, ...problems(400, 401, 403, 404, 409) } },
    }, async (req, reply) => reply.status(201).send(await urgeMessage(db, req.actor, req.params.id, req.body)));

    app.post('/messages/:id/supervision', {
      schema: { tags, summary: '督办（列入督办并出具督办函）', params: Params, body: SuperviseBody, response: { 201: Detail, ...problems(400, 401, 403, 404, 409) } },
    }, async (req, reply) => reply.status(201).send(await superviseMessage(db, req.actor, req.params.id, req.body)));

    app.post('/messages/:id/leader-attention', {
      schema: { tags, summary: '呈领导阅示（列入或移出领导关注清单）', params: Params, body: AttentionBody, response: { 200: Detail, ...problems(400, 401, 403, 404) } },
    }, async (req) => setLeaderAttention(db, req.actor, req.params.id, req.body));

    app.post('/messages/:id/instructions', {
      schema: { tags, summary: '领导批示', params: Params, body: TextBody, response: { 201: Detail, ...problems(400, 401, 403, 404) } },
    }, async (req, reply) => reply.status(201).send(await instructOnMessage(db, req.actor, req.params.id, req.body)));

    app.post('/messages/:id/notes', {
      schema: { tags, summary: '内部备注（公众不可见）', params: Params, body: TextBody, response: { 201: Detail, ...problems(400, 401, 403, 404) } },
    }, async (req, reply) => reply.status(201).send(await addInternalNote(db, req.actor, req.params.id, req.body)));

    app.post('/messages/:id/replies', {
      schema: { tags, summary: '回复（阶段性或最终；主办单位签收后；需审核时待审核）', params: Params, body: ReplySubmitBody, response: { 201: Type.Ref('ReplyRecord'), ...problems(400, 401, 403, 404, 409) } },
    }, async (req, reply) => reply.status(201).send(await submitReply(db, req.actor, req.params.id, req.body)));

    // ── the unit: sign, return, pass down, contact, contribute, extend ────
    app.post('/assignments/:id/sign', {
      schema: { tags, summary: '签收', params: Params, response: { 200: Detail, ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => signAssignment(db, req.actor, req.params.id));

    app.post('/assignments/:id/return', {
      schema: { tags, summary: '退回（交回交办方，须说明理由）', params: Params, body: ReasonBody, response: { 200: Detail, ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => returnAssignment(db, req.actor, req.params.id, req.body));

    app.post('/assignments/:id/pass-down', {
      schema: { tags, summary: '链式交办：转交下级单位（主办及协办）', params: Params, body: PassDownBody, response: { 200: Detail, ...problems(400, 401, 403, 404, 409, 422) } },
    }, async (req) => passDownAssignment(db, req.actor, req.params.id, req.body));

    app.post('/assignments/:id/contacts', {
      schema: { tags, summary: '记录联系网民', params: Params, body: ContactBody, response: { 201: Detail, ...problems(400, 401, 403, 404, 409) } },
    }, async (req, reply) => reply.status(201).send(await recordContact(db, req.actor, req.params.id, req.body)));

    app.post('/assignments/:id/contributions', {
      schema: { tags, summary: '协办单位提交办理意见', params: Params, body: TextBody, response: { 201: Detail, ...problems(400, 401, 403, 404, 409) } },
    }, async (req, reply) => reply.status(201).send(await contribute(db, req.actor, req.params.id, req.body)));

    app.post('/assignments/:id/extension-requests', {
      schema: { tags, summary: '申请延期（工作日；不超过政策上限）', params: Params, body: ExtensionBody, response: { 201: Type.Ref('Extension'), ...problems(400, 401, 403, 404, 409, 422) } },
    }, async (req, reply) => reply.status(201).send(await requestExtension(db, req.actor, req.params.id, req.body)));

    app.post('/extension-requests/:id/decision', {
      schema: { tags, summary: '审批延期申请（协调员）', params: Params, body: DecisionBody, response: { 200: Type.Ref('Extension'), ...problems(400, 401, 403, 404, 409, 422) } },
    }, async (req) => decideExtension(db, req.actor, req.params.id, req.body));

    app.get('/extension-requests', {
      schema: { tags, summary: '延期申请列表（协调员，默认待审批）', querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused')])), ...Paging }), response: { 200: Page('Extension'), ...problems(400, 401, 403) } },
    }, async (req) => listExtensions(db, req.actor, { ...req.query, limit: req.query.limit ?? 20 }));

    app.post('/replies/:id/review', {
      schema: { tags, summary: '审核回复：通过即发布，或退回修改', params: Params, body: DecisionBody, response: { 200: Type.Ref('ReplyRecord'), ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => reviewReply(db, req.actor, req.params.id, req.body));

    app.get('/reviews', {
      schema: { tags, summary: '待我审核的回复', querystring: Type.Object(Paging), response: { 200: Page('ReplyRecord'), ...problems(400, 401, 403) } },
    }, async (req) => listReviews(db, req.actor, { ...req.query, limit: req.query.limit ?? 20 }));

    // ── lists ──────────────────────────────────────────────────────────────
    app.get('/inbox', {
      schema: {
        tags,
        summary: '单位待办：待签收、办理中、即将超期、已超期、已退回、已办结；在办各栏默认按最近的期限排在前面，可按编号或标题、办理类别筛选，附筛选后的总数',
        querystring: Type.Object({
          tab: Type.Optional(InboxTabSchema),
          unit: Type.Optional(IdString()),
          sort: Type.Optional(Type.Union([Type.Literal('urgency'), Type.Literal('newest')], { description: 'urgency：期限最近的在前（在办各栏默认）；newest：最新交办的在前（已退回、已办结默认）' })),
          q: Type.Optional(Text({ minLength: 1, maxLength: 50, description: '留言编号（完整）或标题中的文字' })),
          handlingClass: Type.Optional(HandlingClassSchema),
          cursor: Type.Optional(Text({ minLength: 1, maxLength: 200, description: 'nextCursor of the previous page' })),
          limit: Paging.limit,
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('InboxItem')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            total: Type.Integer({ description: '符合条件的条数，最多数到 10000' }),
            sort: Type.Union([Type.Literal('urgency'), Type.Literal('newest')]),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    }, async (req) => listInbox(db, req.actor, { ...req.query, tab: req.query.tab ?? 'to_sign', limit: req.query.limit ?? 20 }));

    app.get('/inbox/counts', {
      schema: {
        tags,
        summary: '单位待办各栏数量',
        querystring: Type.Object({ unit: Type.Optional(IdString()) }),
        response: { 200: Type.Object({ to_sign: Type.Integer(), in_progress: Type.Integer(), due_soon: Type.Integer(), overdue: Type.Integer(), returned: Type.Integer(), done: Type.Integer() }), ...problems(400, 401, 403, 404) },
      },
    }, async (req) => inboxCounts(db, req.actor, req.query));

    app.get('/handling', {
      schema: { tags, summary: '督办与领导清单：在办、待交办、日清零、超期、督办、不满意、高位办、领导关注、留言板', querystring: Type.Object({ view: HandlingViewSchema, board: Type.Optional(IdString()), ...Paging }), response: { 200: Page('HandlingListItem'), ...problems(400, 401, 403) } },
    }, async (req) => listHandling(db, req.actor, { ...req.query, limit: req.query.limit ?? 20 }));

    app.get('/handling/counts', {
      schema: {
        tags,
        summary: '督办清单各栏数量（协调员）',
        response: { 200: Type.Object({ unassigned: Type.Integer(), today: Type.Integer(), overdue: Type.Integer(), supervised: Type.Integer(), dissatisfied: Type.Integer(), open: Type.Integer() }), ...problems(401, 403) },
      },
    }, async (req) => handlingCounts(db, req.actor));

    // ── letters ────────────────────────────────────────────────────────────
    const LetterParams = Type.Object({ id: IdString(), kind: Type.Union(LETTER_KINDS.map((k) => Type.Literal(k))) });
    app.get('/messages/:id/letters/:kind', {
      schema: { tags, summary: '交办函 / 督办函内容', params: LetterParams, response: { 200: Type.Ref('LetterContent'), ...problems(400, 401, 403, 404) } },
    }, async (req) => letterContent(db, req.actor, req.params.id, req.params.kind));

    app.get('/messages/:id/letters/:kind/pdf', {
      schema: { tags, summary: '交办函 / 督办函 PDF', params: LetterParams, produces: ['application/pdf'], response: { 200: Type.Unknown({ description: 'application/pdf' }), ...problems(400, 401, 403, 404) } },
    }, async (req, reply) => {
      const { pdf, filename } = await letterPdf(db, req.actor, req.params.id, req.params.kind);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="letter.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    });

    // ── policies and review settings ──────────────────────────────────────
    app.get('/deadline-policies', {
      schema: { tags, summary: '办理时限政策（按地区与办理类别，工作日）', response: { 200: Type.Array(Type.Ref('DeadlinePolicy')), ...problems(401, 403) } },
    }, async (req) => listPolicies(db, req.actor));

    const PolicyParams = Type.Object({ region: Type.String({ pattern: '^[0-9]{6}([0-9]{3})?$' }), handlingClass: HandlingClassSchema });
    app.put('/deadline-policies/:region/:handlingClass', {
      schema: { tags, summary: '设置某地区某办理类别的时限（平台管理员）', params: PolicyParams, body: PolicyBody, response: { 200: Type.Ref('DeadlinePolicy'), ...problems(400, 401, 403, 404) } },
    }, async (req) => savePolicy(db, req.actor, req.params.region, req.params.handlingClass, req.body, { ip: req.ip }));

    app.delete('/deadline-policies/:region/:handlingClass', {
      schema: { tags, summary: '删除地区时限（恢复上级地区的时限）', params: PolicyParams, response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } },
    }, async (req, reply) => {
      await deletePolicy(db, req.actor, req.params.region, req.params.handlingClass, { ip: req.ip });
      return reply.status(204).send(null);
    });

    app.get('/units/:id/reply-review', {
      schema: { tags, summary: '单位回复审核设置', params: Params, response: { 200: ReviewMode, ...problems(400, 401, 403, 404) } },
    }, async (req) => getReviewMode(db, req.actor, req.params.id));

    app.put('/units/:id/reply-review', {
      schema: { tags, summary: '设置单位回复是否需审核（单位管理员）', params: Params, body: ReviewModeBody, response: { 200: ReviewMode, ...problems(400, 401, 403, 404) } },
    }, async (req) => setReviewMode(db, req.actor, req.params.id, req.body.mode, { ip: req.ip }));
  };
}
