import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AUDIT_ACTION_TERM } from '../../../shared/audit.js';
import { LOCALES } from '../../../shared/domain.js';
import type { Database } from '../../db/database.js';
import { negotiateLocale } from '../../http/locale.js';
import { CursorQuery, Day, IdString, problems, Text } from '../../http/schemas.js';
import { AUDIT_EXPORT_CAP, AUDIT_TOTAL_CAP, exportAuditLog, listAuditActions, listAuditLog } from './audit.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['audit'];

const Localized = Type.Object({ 'zh-CN': Type.String(), 'zh-TW': Type.String(), en: Type.String() });

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([
    Type.Object({
      id: Type.Integer(),
      displayName: Type.String({ description: '姓名（工作人员）或昵称（网民），为当前名称' }),
      login: Type.Union([Type.String(), Type.Null()], { description: '工作人员登录名；网民为 null' }),
      kind: Type.Union([Type.Literal('citizen'), Type.Literal('staff')]),
      unit: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()], { description: '操作人当前所属单位' }),
    }),
    Type.Null(),
  ], { description: 'null：系统或未登录者（如登录失败）' }),
  action: Type.String({ description: '操作代码，文字见 GET /audit-log/actions' }),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  targetName: Type.Union([Type.String(), Type.Null()], { description: '对象的文字：留言编号和标题、账号姓名（登录名）· 单位、单位名称等' }),
  details: Type.Record(Type.String(), Type.Unknown(), { description: '变更时含 changes: { 字段: { from, to } }' }),
  names: Type.Record(Type.String(), Type.String(), { description: '详情中提到的对象的名称，键为 类型:编号（如 unit:17、region:360100），取当前名称' }),
  ip: Type.Union([Type.String(), Type.Null()]),
});

const FilterQuery = {
  actorId: Type.Optional(IdString({ description: '操作人账号 id' })),
  actor: Type.Optional(Text({ minLength: 1, maxLength: 50, description: '操作人：工作人员姓名或登录名的一部分，或网民的完整手机号' })),
  unitId: Type.Optional(IdString({ description: '操作人所在单位（含下级单位）' })),
  action: Type.Optional(Type.String({ pattern: `^${AUDIT_ACTION_TERM}(,${AUDIT_ACTION_TERM}){0,19}$`, maxLength: 600, description: '操作代码或类别，逗号分隔，如 account.disable,auth.*' })),
  targetType: Type.Optional(Type.String({ pattern: '^[a-z][a-z_]{0,29}$', description: '对象类型：account、unit、board、message …' })),
  targetId: Type.Optional(Text({ minLength: 1, maxLength: 100, description: '对象编号（须同时给出 targetType）' })),
  messageNumber: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}$', description: '留言编号，如 2026-12-07-000024' })),
  account: Type.Optional(Text({ minLength: 1, maxLength: 64, description: '对象账号的登录名或手机号' })),
  dateFrom: Type.Optional(Day({ description: '起始日（含，北京时间）' })),
  dateTo: Type.Optional(Day({ description: '截止日（含，北京时间）' })),
};

export function auditRoutes(db: Database): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/audit-log', {
      schema: {
        tags,
        summary: '审计日志（只增不改；平台管理员看全部，单位管理员看本单位及下级单位的人员所做、或关于其账号、单位、留言板的记录）',
        querystring: Type.Object({ ...FilterQuery, ...CursorQuery }),
        response: {
          200: Type.Object({
            items: Type.Array(AuditEntrySchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            total: Type.Integer({ description: `符合条件的条数，最多数到 ${AUDIT_TOTAL_CAP}` }),
            totalCapped: Type.Boolean({ description: `true：多于 ${AUDIT_TOTAL_CAP} 条` }),
          }),
          ...problems(400, 401, 403, 422),
        },
      },
    }, async (req) => listAuditLog(db, req.actor, { ...req.query, limit: req.query.limit ?? 50 }));

    app.get('/audit-log/export', {
      schema: {
        tags,
        summary: `导出审计日志（Excel；筛选条件同列表；最多 ${AUDIT_EXPORT_CAP} 条，最新的在前）`,
        querystring: Type.Object({ ...FilterQuery, lang: Type.Optional(Type.Union(LOCALES.map((l) => Type.Literal(l)), { description: '文件的语言；默认按 Accept-Language' })) }),
        produces: [XLSX],
        response: { 200: Type.Unknown({ description: XLSX }), ...problems(400, 401, 403, 422) },
      },
    }, async (req, reply) => {
      const { lang, ...filters } = req.query;
      const { bytes, filename } = await exportAuditLog(db, req.actor, filters, lang ?? negotiateLocale(req.headers['accept-language']));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    });

    app.get('/audit-log/actions', {
      schema: {
        tags,
        summary: '审计操作代码及其文字（简体、繁體、English）',
        response: {
          200: Type.Object({
            actions: Type.Array(Type.Object({ code: Type.String(), kind: Type.String(), label: Localized, target: Localized })),
            kinds: Type.Array(Type.Object({ code: Type.String(), label: Localized })),
            targetTypes: Type.Array(Type.Object({ code: Type.String(), label: Localized })),
          }),
          ...problems(401, 403),
        },
      },
    }, async (req) => listAuditActions(req.actor));
  };
}
