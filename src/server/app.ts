/**
 * Builds the HTTP application around a database; no listening here, so tests
 * drive it with app.inject and main.ts decides where it listens.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { BOARD_KINDS, REGION_LEVELS, UNIT_KINDS } from '../shared/domain.js';
import { STAFF_ROLES } from '../shared/permissions.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { createReadRouter } from './db/read-routing.js';
import { registerAuth } from './http/auth.js';
import { DomainError } from './http/errors.js';
import { registerMetrics } from './http/metrics.js';
import { frameworkErrorProblem, registerProblemHandlers, sendProblem, writeClientErrorProblem } from './http/problem.js';
import { AJV_OPTIONS, ProblemSchema } from './http/schemas.js';
import { OwnAccount, StaffAccount } from './modules/accounts/accounts.schemas.js';
import { accountRoutes } from './modules/accounts/accounts.routes.js';
import { createDevSmsTransport, type SmsPort } from './modules/accounts/sms.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { photoRoutes } from './modules/photos/photos.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { RegionSchema, regionRoutes } from './modules/regions/regions.routes.js';
import { BoardSchema, UnitSchema, unitRoutes } from './modules/units/units.routes.js';
import { FieldSchema, fieldRoutes } from './modules/fields/fields.routes.js';
import { messageRoutes } from './modules/messages/messages.routes.js';
import { similarRoutes } from './modules/similar/similar.routes.js';
import { MessageDetailSchema, MessageSummarySchema, RatingSchema, TimelineEntrySchema } from './modules/messages/messages.schemas.js';
import { handlingRoutes } from './modules/handling/handling.routes.js';
import { workbenchRoutes } from './modules/workbench/workbench.routes.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { reportRoutes } from './modules/reports/reports.routes.js';
import { questionnaireRoutes } from './modules/questionnaires/questionnaires.routes.js';
import { campaignRoutes } from './modules/campaigns/campaigns.routes.js';
import { campaignFigureRoutes } from './modules/campaigns/campaign-figures.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { oversightRoutes } from './modules/oversight/oversight.routes.js';
import { AssignmentSchema, ExtensionSchema, HandlingListItemSchema, HandlingSchema, InboxItemSchema, LetterContentSchema, PolicySchema, ReplyRecordSchema } from './modules/handling/handling.schemas.js';

export interface AppDeps {
  config: Config;
  db: Database;
  /** A read replica's pool for public reads and statistics (db/read-routing.ts); default: db, every read on the primary. */
  readDb?: Database;
  sms?: SmsPort;
  /** For the one LISTEN connection behind live notification badges; without it a badge updates only on reload. */
  databaseUrl?: string;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ajv: AJV_OPTIONS,
    // Faults found before a route runs leave as problem+json too (issue 13): the router's (414, bad URL) …
    frameworkErrors: frameworkErrorProblem,
    // … and the HTTP parser's (a URL or headers over Node's 16 KB maxHeaderSize → 431).
    clientErrorHandler: writeClientErrorProblem,
  }).withTypeProvider<TypeBoxTypeProvider>();
  const sms = deps.sms ?? createDevSmsTransport(app.log);

  registerProblemHandlers(app);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // Over plain HTTP (a LAN address, a demo) upgrading would break every asset; behind HTTPS it is wanted.
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });

  for (const schema of [ProblemSchema, OwnAccount, StaffAccount, RegionSchema, UnitSchema, BoardSchema, FieldSchema, MessageSummarySchema, TimelineEntrySchema, RatingSchema, AssignmentSchema, HandlingSchema, MessageDetailSchema, ReplyRecordSchema, ExtensionSchema, InboxItemSchema, HandlingListItemSchema, PolicySchema, LetterContentSchema]) app.addSchema(schema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Minsheng 民声 API', version: '1.0.0', description: '网民留言与政府回应平台的接口。错误一律为 RFC 9457 application/problem+json。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ms_sid' }, csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, db);
  registerMetrics(app, config.metricsToken);
  const reads = createReadRouter({ primary: db, replica: deps.readDb ?? null, log: app.log });

  // Readiness: this process can serve (its database answers). A proxy takes a process that answers 503 out of rotation.
  // The read replica is reported, not required: without it reads go to the primary (docs/replicas.md).
  const ReplicaHealth = Type.Object({
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')], { description: 'unavailable：公开读取暂由主库承担' }),
    lagBytes: Type.Union([Type.Integer(), Type.Null()], { description: '只读副本尚未重放的 WAL 字节数' }),
  });
  app.get('/api/health', {
    schema: { tags: ['operations'], summary: '就绪检查（含数据库）：数据库不可用时 503；配置了只读副本时报告其状态', response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok'), replica: Type.Optional(ReplicaHealth) }), 503: Type.Ref('Problem') } },
  }, async () => {
    try {
      await sql`SELECT 1`.execute(db);
    } catch {
      throw new DomainError('database_unavailable');
    }
    const replica = await reads.replicaState();
    return { status: 'ok' as const, database: 'ok' as const, ...(replica ? { replica } : {}) };
  });
  // Liveness: the process itself runs; stays 200 while the database is away, so a supervisor does not restart a healthy process.
  app.get('/api/health/live', {
    schema: { tags: ['operations'], summary: '存活检查（不访问数据库）', response: { 200: Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Integer() }) } },
  }, async () => ({ status: 'ok' as const, uptimeSeconds: Math.floor(process.uptime()) }));

  await app.register(
    async (api) => {
      api.get('/meta', {
        schema: { tags: ['meta'], summary: '枚举值', response: { 200: Type.Object({ unitKinds: Type.Array(Type.String()), boardKinds: Type.Array(Type.String()), roles: Type.Array(Type.String()), regionLevels: Type.Array(Type.String()) }) } },
      }, async () => ({ unitKinds: [...UNIT_KINDS], boardKinds: [...BOARD_KINDS], roles: [...STAFF_ROLES], regionLevels: [...REGION_LEVELS] }));
      await api.register(accountRoutes({ db, config, sms }));
      await api.register(regionRoutes(db, reads));
      await api.register(unitRoutes(db, reads));
      await api.register(auditRoutes(db));
      await api.register(fieldRoutes(db, reads));
      await api.register(messageRoutes(db, reads));
      await api.register(similarRoutes(db, reads));
      await api.register(handlingRoutes(db));
      await api.register(workbenchRoutes(db));
      await api.register(statsRoutes(reads, config.statThresholds));
      await api.register(reportRoutes(db, config.statThresholds, reads));
      await api.register(questionnaireRoutes(db, reads));
      await api.register(campaignRoutes(db, { reads }));
      await api.register(campaignFigureRoutes(reads));
      await api.register(calendarRoutes(db));
      await api.register(oversightRoutes(db));
      await api.register(photoRoutes(db));
      await api.register(notificationRoutes({ db, databaseUrl: deps.databaseUrl }));
    },
    { prefix: '/api/v1' },
  );

  const hasWeb = existsSync(path.join(config.webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      // Files are looked up per request, so a rebuilt web app is served without a restart.
      wildcard: true,
      index: 'index.html',
      // Vite names assets by content hash: they never change, so cache them for good.
      setHeaders: (res, filePath) => {
        res.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url;
    const pathname = url.split('?')[0] ?? url;
    // A missing file (/assets/old-hash.js) is a 404, not the app's HTML in its place.
    const looksLikeFile = /\.[a-z0-9]+$/i.test(pathname);
    if (url.startsWith('/api') || url === '/metrics' || !['GET', 'HEAD'].includes(request.method) || !hasWeb || looksLikeFile) {
      return sendProblem(request, reply, 'route_not_found');
    }
    // The single-page app owns every other path.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
