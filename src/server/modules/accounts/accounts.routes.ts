import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { clearSessionCookie, setSessionCookie } from '../../http/auth.js';
import { CursorQuery, IdString, page, problems, Text } from '../../http/schemas.js';
import { requireActor } from '../access/access.policy.js';
import type { AccountDeps } from './accounts.service.js';
import * as accounts from './accounts.service.js';
import { ImportBody, LoginBody, NewStaffBody, ProfileBody, RegisterBody, SessionAnswer, SmsCodeBody } from './accounts.schemas.js';

export function accountRoutes(deps: AccountDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const meta = (req: { ip: string; headers: Record<string, unknown> }) => ({ ip: req.ip, userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null });

    app.post('/auth/sms-codes', {
      schema: { tags: ['auth'], summary: '发送注册短信验证码', body: SmsCodeBody, response: { 202: Type.Object({ expiresInSeconds: Type.Integer(), retryAfterSeconds: Type.Integer() }), ...problems(400, 409, 429) } },
    }, async (req, reply) => reply.status(202).send(await accounts.sendSmsCode(deps, req.body, meta(req))));

    app.post('/auth/register', {
      schema: { tags: ['auth'], summary: '手机号注册（网民）', body: RegisterBody, response: { 201: SessionAnswer, ...problems(400, 409, 422, 429) } },
    }, async (req, reply) => {
      const { session, account } = await accounts.registerCitizen(deps, req.body, meta(req));
      setSessionCookie(reply, deps.config, session.token, session.expiresAt);
      return reply.status(201).send({ account, csrfToken: session.csrfToken });
    });

    app.post('/auth/login', {
      schema: { tags: ['auth'], summary: '登录（手机号或工作人员登录名）', body: LoginBody, response: { 200: SessionAnswer, ...problems(400, 401, 403, 423, 429) } },
    }, async (req, reply) => {
      const { session, account } = await accounts.login(deps, req.body, meta(req));
      setSessionCookie(reply, deps.config, session.token, session.expiresAt);
      return { account, csrfToken: session.csrfToken };
    });

    app.post('/auth/logout', {
      schema: { tags: ['auth'], summary: '退出登录', response: { 204: Type.Null(), ...problems(403) } },
    }, async (req, reply) => {
      await accounts.logout(deps.db, req.actor);
      clearSessionCookie(reply, deps.config);
      return reply.status(204).send(null);
    });

    app.get('/auth/me', {
      schema: { tags: ['auth'], summary: '当前账号', response: { 200: SessionAnswer, ...problems(401) } },
    }, async (req) => {
      requireActor(req.actor);
      return { account: await accounts.presentOwnAccount(deps.db, req.actor.accountId), csrfToken: req.actor.csrfToken };
    });

    app.patch('/me', {
      schema: { tags: ['auth'], summary: '修改昵称或电子邮箱（电子邮箱仅限工作人员）', body: ProfileBody, response: { 200: Type.Object({ account: Type.Ref('OwnAccount') }), ...problems(400, 401, 403) } },
    }, async (req) => ({ account: await accounts.updateProfile(deps.db, req.actor, req.body) }));

    app.get('/accounts', {
      schema: {
        tags: ['accounts'],
        summary: '工作人员账号列表（管理范围内）',
        querystring: Type.Object({ unit: Type.Optional(IdString()), q: Type.Optional(Text({ maxLength: 50 })), ...CursorQuery }),
        response: { 200: page(Type.Ref('StaffAccount')), ...problems(400, 401, 403) },
      },
    }, async (req) => accounts.listAccounts(deps.db, req.actor, { unitId: req.query.unit ?? null, q: req.query.q ?? null, cursor: req.query.cursor ?? null, limit: req.query.limit ?? 50 }));

    app.post('/accounts', {
      schema: { tags: ['accounts'], summary: '新建工作人员账号', body: NewStaffBody, response: { 201: Type.Ref('StaffAccount'), ...problems(400, 401, 403, 409, 422) } },
    }, async (req, reply) => reply.status(201).send(await accounts.createStaffAccount(deps.db, req.actor, req.body, req.ip)));

    app.post('/accounts/import', {
      bodyLimit: 4 * 1024 * 1024,
      schema: { tags: ['accounts'], summary: '批量导入工作人员账号（CSV，全部成功或全部不导入）', body: ImportBody, response: { 201: Type.Object({ created: Type.Integer() }), ...problems(400, 401, 403, 422) } },
    }, async (req, reply) => reply.status(201).send(await accounts.importStaffAccounts(deps.db, req.actor, req.body, req.ip)));
  };
}
