import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DEFAULT_STAT_THRESHOLDS, type StatThresholds } from '../../../shared/stats.js';
import type { Database } from '../../db/database.js';
import { primaryReads, type ReadRouter } from '../../db/read-routing.js';
import { IdParams, page, problems } from '../../http/schemas.js';
import { GenerateBody, ListQuery, ReportDetailSchema, ReportSummarySchema, SubscriptionBody, SubscriptionSchema } from './reports.schemas.js';
import { generateReport, getReport, listReports, listSubscriptions, reportFile, subscribe, unsubscribe } from './reports.service.js';

const tags = ['reports'];

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/**
 * `reads`: published reports read the replica for visitors without a session (db/read-routing.ts);
 * staff read the primary, where the report they just generated already is.
 */
export function reportRoutes(db: Database, thresholds: StatThresholds = DEFAULT_STAT_THRESHOLDS, reads: ReadRouter = primaryReads(db)): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addSchema(ReportSummarySchema);
    app.addSchema(ReportDetailSchema);
    app.addSchema(SubscriptionSchema);

    app.post('/reports', {
      schema: {
        tags,
        summary: '生成数据报告（周报或半年报告；同一期间再次生成即替换，版本号加一）',
        body: GenerateBody,
        response: { 201: Type.Ref('ReportDetail'), ...problems(400, 401, 403, 422) },
      },
    }, async (req, reply) => reply.status(201).send(await generateReport(db, req.actor, req.body, new Date(), thresholds)));

    app.get('/reports', {
      schema: {
        tags,
        summary: '数据报告列表（最新期间在前；半年报告公开，周报限有统计权限的工作人员本地区）',
        querystring: ListQuery,
        response: { 200: page(Type.Ref('ReportSummary')), ...problems(400) },
      },
    }, async (req) => reads.publicRead(req.actor, (rdb) => listReports(rdb, req.actor, { ...req.query, limit: req.query.limit ?? 20 })));

    app.get('/reports/:id', {
      schema: { tags, summary: '数据报告内容（生成时的数据快照）', params: IdParams, response: { 200: Type.Ref('ReportDetail'), ...problems(400, 404) } },
    }, async (req) => reads.publicRead(req.actor, (rdb) => getReport(rdb, req.actor, req.params.id)));

    for (const format of ['xlsx', 'pdf'] as const) {
      app.get(`/reports/:id/${format}`, {
        schema: {
          tags,
          summary: format === 'xlsx' ? '下载数据报告（Excel 工作簿）' : '下载数据报告（PDF）',
          params: IdParams,
          produces: [FILE_TYPES[format]],
          response: { 200: Type.Unknown({ description: FILE_TYPES[format] }), ...problems(400, 404) },
        },
      }, async (req, reply) => {
        const { bytes, filename } = await reads.publicRead(req.actor, (rdb) => reportFile(rdb, req.actor, req.params.id, format));
        return reply
          .type(FILE_TYPES[format])
          .header('content-disposition', `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
          .header('cache-control', 'private, no-store')
          .send(bytes);
      });
    }

    app.get('/report-subscriptions', {
      schema: { tags, summary: '我订阅的数据报告', response: { 200: Type.Object({ items: Type.Array(Type.Ref('ReportSubscription')) }), ...problems(401, 403) } },
    }, async (req) => listSubscriptions(db, req.actor));

    app.post('/report-subscriptions', {
      schema: {
        tags,
        summary: '订阅数据报告（生成后发送电子邮件；需先设置电子邮箱）',
        body: SubscriptionBody,
        response: { 200: Type.Ref('ReportSubscription'), 201: Type.Ref('ReportSubscription'), ...problems(400, 401, 403, 422) },
      },
    }, async (req, reply) => {
      const { subscription, created } = await subscribe(db, req.actor, req.body);
      return reply.status(created ? 201 : 200).send(subscription);
    });

    app.delete('/report-subscriptions', {
      schema: { tags, summary: '退订数据报告', querystring: SubscriptionBody, response: { 204: Type.Null(), ...problems(400, 401, 403) } },
    }, async (req, reply) => {
      await unsubscribe(db, req.actor, req.query);
      return reply.status(204).send(null);
    });
  };
}
