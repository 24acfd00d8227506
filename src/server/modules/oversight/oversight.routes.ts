import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/database.js';
import { negotiateLocale } from '../../http/locale.js';
import { problems } from '../../http/schemas.js';
import {
  AssessmentQuery, AssessmentSchema, BulletinQuery, BulletinRowSchema, BulletinSchema, ClearanceItemsQuery, ClearanceItemsSchema,
  ClearanceQuery, ClearanceSchema, UrgeGroupBody, UrgeGroupSchema,
} from './oversight.schemas.js';
import { assessmentFile, bulletinFile, getAssessment, getBulletin, getClearance, listClearanceItems, urgeClearanceGroup } from './oversight.service.js';

const tags = ['oversight'];
const FILE_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

/** Oversight reads the primary: a coordinator urges and reads the list again at once. */
export function oversightRoutes(db: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(ClearanceSchema);
    app.addSchema(BulletinRowSchema);

    app.get('/oversight/clearance', {
      schema: { tags, summary: '清零：本地区未回复的在办留言（按单位、按时长）及清零行动进度', querystring: ClearanceQuery, response: { 200: Type.Ref('Clearance'), ...problems(400, 401, 403, 422) } },
    }, async (req) => getClearance(db, req.actor, req.query));

    app.get('/oversight/clearance/items', {
      schema: { tags, summary: '清零：某单位或某时长分组的未回复留言（最早的在前）', querystring: ClearanceItemsQuery, response: { 200: ClearanceItemsSchema, ...problems(400, 401, 403, 422) } },
    }, async (req) => listClearanceItems(db, req.actor, { ...req.query, limit: req.query.limit ?? 50 }));

    app.post('/oversight/clearance/urge', {
      schema: { tags, summary: '一键催办：某单位或某时长分组的全部未回复留言（逐条催办，逐条返回结果）', body: UrgeGroupBody, response: { 200: UrgeGroupSchema, ...problems(400, 401, 403, 422) } },
    }, async (req) => urgeClearanceGroup(db, req.actor, req.body, negotiateLocale(req.headers['accept-language'])));

    app.get('/oversight/bulletin', {
      schema: { tags, summary: '季度通报：各单位办理情况得分与排名（仅限已结束的季度）', querystring: BulletinQuery, response: { 200: BulletinSchema, ...problems(400, 401, 403, 422) } },
    }, async (req) => getBulletin(db, req.actor, req.query));

    for (const format of ['xlsx', 'pdf'] as const) {
      app.get(`/oversight/bulletin/${format}`, {
        schema: {
          tags,
          summary: format === 'xlsx' ? '下载季度通报（Excel 工作簿）' : '下载季度通报（PDF）',
          querystring: BulletinQuery,
          produces: [FILE_TYPES[format]],
          response: { 200: Type.Unknown({ description: FILE_TYPES[format] }), ...problems(400, 401, 403, 422) },
        },
      }, async (req, reply) => {
        const { bytes, filename } = await bulletinFile(db, req.actor, req.query, format);
        return reply
          .type(FILE_TYPES[format])
          .header('content-disposition', `attachment; filename="bulletin.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
          .header('cache-control', 'private, no-store')
          .send(bytes);
      });
    }

    app.get('/oversight/assessment', {
      schema: { tags, summary: '年度考核数据：各单位全年及各季度得分', querystring: AssessmentQuery, response: { 200: AssessmentSchema, ...problems(400, 401, 403, 422) } },
    }, async (req) => getAssessment(db, req.actor, req.query));

    app.get('/oversight/assessment/xlsx', {
      schema: {
        tags, summary: '下载年度考核数据（Excel 工作簿）', querystring: AssessmentQuery,
        produces: [FILE_TYPES.xlsx], response: { 200: Type.Unknown({ description: FILE_TYPES.xlsx }), ...problems(400, 401, 403, 422) },
      },
    }, async (req, reply) => {
      const { bytes, filename } = await assessmentFile(db, req.actor, req.query);
      return reply
        .type(FILE_TYPES.xlsx)
        .header('content-disposition', `attachment; filename="assessment.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    });
  };
}
