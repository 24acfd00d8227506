import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/database.js';
import { primaryReads, type ReadRouter } from '../../db/read-routing.js';
import { IdParams, page, problems } from '../../http/schemas.js';
import {
  ListQuery,
  QuestionnaireBody,
  QuestionnaireDetailSchema,
  QuestionnairePatchBody,
  QuestionnaireResultsSchema,
  QuestionnaireSummarySchema,
  ResponseBody,
  ResponseReceiptSchema,
  ResultsQuery,
} from './questionnaires.schemas.js';
import {
  createQuestionnaire,
  getQuestionnaire,
  listQuestionnaires,
  publishQuestionnaire,
  questionnaireResults,
  responsesXlsx,
  submitResponse,
  updateQuestionnaire,
} from './questionnaires.service.js';

const tags = ['questionnaires'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$' })) });

/**
 * `reads`: the published listing and a questionnaire read the replica for visitors without a session
 * (db/read-routing.ts). Results stay on the primary: anyone may answer without an account, and must
 * find their answer counted at once.
 */
export function questionnaireRoutes(db: Database, reads: ReadRouter = primaryReads(db)): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(QuestionnaireSummarySchema);
    app.addSchema(QuestionnaireDetailSchema);
    app.addSchema(QuestionnaireResultsSchema);

    app.post('/questionnaires', {
      schema: {
        tags,
        summary: '创建问卷（草稿；主办单位须在本人管理范围内）',
        body: QuestionnaireBody,
        response: { 201: Type.Ref('QuestionnaireDetail'), ...problems(400, 401, 403, 422) },
      },
    }, async (req, reply) => reply.status(201).send(await createQuestionnaire(db, req.actor, req.body)));

    app.patch('/questionnaires/:id', {
      schema: {
        tags,
        summary: '修改问卷（收到答卷前可任意修改；之后只能追加：标题说明、推迟截止、末尾追加选填题、追加选项）',
        params: IdParams,
        body: QuestionnairePatchBody,
        response: { 200: Type.Ref('QuestionnaireDetail'), ...problems(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => updateQuestionnaire(db, req.actor, req.params.id, req.body));

    app.post('/questionnaires/:id/publish', {
      schema: { tags, summary: '发布问卷', params: IdParams, response: { 200: Type.Ref('QuestionnaireDetail'), ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => publishQuestionnaire(db, req.actor, req.params.id));

    app.get('/questionnaires', {
      schema: {
        tags,
        summary: '问卷列表（已发布；scope=manage：本人管理的全部问卷，含草稿）',
        querystring: ListQuery,
        response: { 200: page(Type.Ref('QuestionnaireSummary')), ...problems(400, 401, 403) },
      },
    }, async (req) => reads.publicRead(req.actor, (rdb) => listQuestionnaires(rdb, req.actor, { ...req.query, limit: req.query.limit ?? 20 })));

    app.get('/questionnaires/:id', {
      schema: { tags, summary: '问卷及其题目（已发布的公开；草稿仅主办方可见）', params: IdParams, response: { 200: Type.Ref('QuestionnaireDetail'), ...problems(400, 404) } },
    }, async (req) => reads.publicRead(req.actor, (rdb) => getQuestionnaire(rdb, req.actor, req.params.id)));

    app.post('/questionnaires/:id/responses', {
      schema: {
        tags,
        summary: '提交答卷（登录网民每人一份，或任何人限频）；Idempotency-Key 保证重试不重复',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: ResponseBody,
        response: { 201: ResponseReceiptSchema, ...problems(400, 401, 403, 404, 409, 422, 429) },
      },
    }, async (req, reply) => {
      const receipt = await submitResponse(db, req.actor, req.params.id, req.body, { ip: req.ip, idempotencyKey: req.headers['idempotency-key'] ?? null });
      if (receipt.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ questionnaireId: receipt.questionnaireId, submittedAt: receipt.submittedAt });
    });

    app.get('/questionnaires/:id/results', {
      schema: {
        tags,
        summary: '问卷结果（实时统计；crossBy=region 按省份交叉分析）',
        params: IdParams,
        querystring: ResultsQuery,
        response: { 200: Type.Ref('QuestionnaireResults'), ...problems(400, 401, 403, 404) },
      },
    }, async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return questionnaireResults(db, req.actor, req.params.id, req.query);
    });

    app.get('/questionnaires/:id/responses.xlsx', {
      schema: {
        tags,
        summary: '导出答卷（Excel；每份答卷一行，每题一列，文字答案已脱敏）',
        params: IdParams,
        produces: [XLSX],
        response: { 200: Type.Unknown({ description: XLSX }), ...problems(400, 401, 403, 404) },
      },
    }, async (req, reply) => {
      const { bytes, filename } = await responsesXlsx(db, req.actor, req.params.id);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="responses.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    });
  };
}
