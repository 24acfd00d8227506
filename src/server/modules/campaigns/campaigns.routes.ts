import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../db/database.js';
import { primaryReads, type ReadRouter } from '../../db/read-routing.js';
import { IdParams, page, problems } from '../../http/schemas.js';
import { MessageCreated } from '../messages/messages.schemas.js';
import { createCampaignStreams, type CampaignStreamOptions } from './campaign-stream.js';
import { adoptEntry, exportEntries, listAdoptedSuggestions, listEntries, submitEntry, supportEntry, unadoptEntry, unsupportEntry } from './campaign-entries.service.js';
import {
  AdoptedQuery,
  AdoptedSuggestionSchema,
  AdoptionBody,
  CampaignBody,
  CampaignDetailSchema,
  CampaignEntrySchema,
  CampaignPatchBody,
  CampaignStatsSchema,
  CampaignSummarySchema,
  EntriesQuery,
  EntryBody,
  ListQuery,
  ResultsBody,
} from './campaigns.schemas.js';
import { createCampaign, getCampaign, getCampaignStats, listCampaigns, publishCampaign, publishResults, updateCampaign } from './campaigns.service.js';

const tags = ['campaigns'];
const EntryParams = Type.Object({ id: IdParams.properties.id, entryId: IdParams.properties.id });
const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$' })) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `stream`: limits and timings of the live counter (tests shorten them). `reads`: the public listings
 * read the replica for visitors without a session (db/read-routing.ts).
 */
export function campaignRoutes(db: Database, options: { stream?: CampaignStreamOptions; reads?: ReadRouter } = {}): FastifyPluginAsyncTypebox {
  const reads = options.reads ?? primaryReads(db);
  return async (app) => {
    for (const schema of [CampaignSummarySchema, CampaignDetailSchema, CampaignEntrySchema, AdoptedSuggestionSchema, CampaignStatsSchema]) app.addSchema(schema);
    // The live counter's streams and this process's hub (campaign-stream.ts).
    const streams = createCampaignStreams(db, { log: app.log, ...options.stream });
    // Before the server waits for its connections to finish: an open stream never would.
    app.addHook('preClose', async () => streams.endAll());
    app.addHook('onClose', async () => streams.close());

    app.post('/campaigns', {
      schema: { tags, summary: '创建征集活动（草稿；campaign.manage，主办单位在本人管理范围内）', body: CampaignBody, response: { 201: Type.Ref('CampaignDetail'), ...problems(400, 401, 403, 422) } },
    }, async (req, reply) => reply.status(201).send(await createCampaign(db, req.actor, req.body)));

    app.get('/campaigns', {
      schema: { tags, summary: '征集活动列表（已发布，最新开始在前；manage=true：本人可管理的，含草稿）', querystring: ListQuery, response: { 200: page(Type.Ref('CampaignSummary')), ...problems(400, 401, 403) } },
    }, async (req) => reads.publicRead(req.actor, (rdb) => listCampaigns(rdb, req.actor, { ...req.query, limit: req.query.limit ?? 20 })));

    app.get('/campaigns/:id', {
      schema: { tags, summary: '征集活动详情（阶段按时钟计算，含投稿数、采纳数）', params: IdParams, response: { 200: Type.Ref('CampaignDetail'), ...problems(400, 404) } },
    }, async (req) => reads.publicRead(req.actor, (rdb) => getCampaign(rdb, req.actor, req.params.id)));

    app.get('/campaigns/:id/stream', {
      schema: {
        tags,
        summary: '投稿数的实时推送（text/event-stream；已发布的征集活动，任何人）',
        description:
          'Server-sent events: `event: count` with `data: {"entryCount": n, "adoptedCount": m}` at once and whenever the numbers change (read once a second per app process); a comment line every 25 s keeps proxies from closing the connection. 404 for a draft or unknown campaign; 503 with Retry-After when the process serves its limit of streams.',
        params: IdParams,
        response: { 200: { description: 'an event stream', content: { 'text/event-stream': { schema: Type.String() } } }, ...problems(400, 404, 503) },
      },
    }, async (req, reply) => {
      await streams.open(req, reply, req.params.id);
      return reply;
    });

    app.patch('/campaigns/:id', {
      schema: {
        tags,
        summary: '修改征集活动（发布后不能改开始时间、主办单位、留言板）',
        params: IdParams,
        body: CampaignPatchBody,
        response: { 200: Type.Ref('CampaignDetail'), ...problems(400, 401, 403, 404, 409, 422) },
      },
    }, async (req) => updateCampaign(db, req.actor, req.params.id, req.body));

    app.post('/campaigns/:id/publish', {
      schema: { tags, summary: '发布征集活动', params: IdParams, response: { 200: Type.Ref('CampaignDetail'), ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => publishCampaign(db, req.actor, req.params.id));

    app.post('/campaigns/:id/results', {
      schema: { tags, summary: '发布征集结果（活动结束后）', params: IdParams, body: ResultsBody, response: { 200: Type.Ref('CampaignDetail'), ...problems(400, 401, 403, 404, 409) } },
    }, async (req) => publishResults(db, req.actor, req.params.id, req.body));

    app.get('/campaigns/:id/stats', {
      schema: { tags, summary: '征集活动统计（投稿数、采纳数、采纳率，按日、省份、主题、类型）', params: IdParams, response: { 200: Type.Ref('CampaignStats'), ...problems(400, 404) } },
    }, async (req) => reads.publicRead(req.actor, (rdb) => getCampaignStats(rdb, req.actor, req.params.id)));

    app.post('/campaigns/:id/entries', {
      schema: {
        tags,
        summary: '参与征集：提交建议或问题线索（网民；作为留言受理）；Idempotency-Key 保证重试不重复',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: EntryBody,
        response: { 201: MessageCreated, ...problems(400, 401, 403, 404, 409, 422, 429) },
      },
    }, async (req, reply) => {
      const created = await submitEntry(db, req.actor, req.params.id, req.body, req.headers['idempotency-key'] ?? null);
      if (created.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ id: created.id, number: created.number, status: created.status as never });
    });

    app.get('/campaigns/:id/entries', {
      schema: {
        tags,
        summary: '征集投稿列表（公开投稿：已受理的公开留言；主办方：全部；个人信息已脱敏）',
        params: IdParams,
        querystring: EntriesQuery,
        response: { 200: page(Type.Ref('CampaignEntry')), ...problems(400, 403, 404) },
      },
    }, async (req) => reads.publicRead(req.actor, (rdb) => listEntries(rdb, req.actor, req.params.id, { ...req.query, limit: req.query.limit ?? 20 })));

    app.get('/campaigns/:id/entries.xlsx', {
      schema: { tags, summary: '导出投稿（Excel；个人信息已脱敏）', params: IdParams, produces: [XLSX], response: { 200: Type.Unknown({ description: XLSX }), ...problems(400, 401, 403, 404) } },
    }, async (req, reply) => {
      const { bytes, filename } = await exportEntries(db, req.actor, req.params.id);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="entries.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    });

    app.post('/campaigns/:id/entries/:entryId/support', {
      schema: { tags, summary: '点赞（网民，每个账号一次；再次点赞 409）', params: EntryParams, response: { 200: Type.Ref('CampaignEntry'), ...problems(400, 401, 403, 404, 409, 429) } },
    }, async (req) => supportEntry(db, req.actor, req.params.id, req.params.entryId));

    app.delete('/campaigns/:id/entries/:entryId/support', {
      schema: { tags, summary: '取消点赞（未点赞时不变）', params: EntryParams, response: { 200: Type.Ref('CampaignEntry'), ...problems(400, 401, 403, 404) } },
    }, async (req) => unsupportEntry(db, req.actor, req.params.id, req.params.entryId));

    app.post('/campaigns/:id/entries/:entryId/adoption', {
      schema: { tags, summary: '采纳投稿（主办方；附公开说明，可设奖项；首次采纳通知作者）', params: EntryParams, body: AdoptionBody, response: { 200: Type.Ref('CampaignEntry'), ...problems(400, 401, 403, 404, 409, 422) } },
    }, async (req) => adoptEntry(db, req.actor, req.params.id, req.params.entryId, req.body));

    app.delete('/campaigns/:id/entries/:entryId/adoption', {
      schema: { tags, summary: '撤销采纳（主办方）', params: EntryParams, response: { 200: Type.Ref('CampaignEntry'), ...problems(400, 401, 403, 404) } },
    }, async (req) => unadoptEntry(db, req.actor, req.params.id, req.params.entryId));

    app.get('/adopted-suggestions', {
      schema: { tags, summary: '已采纳的建议（公开；各征集活动，最新采纳在前）', querystring: AdoptedQuery, response: { 200: page(Type.Ref('AdoptedSuggestion')), ...problems(400) } },
    }, async (req) => reads.publicRead(req.actor, (rdb) => listAdoptedSuggestions(rdb, req.actor, { ...req.query, limit: req.query.limit ?? 20 })));
  };
}
