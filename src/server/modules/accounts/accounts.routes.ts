import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { clearSessionCookie, setSessionCookie } from '../../http/auth.js';
import { CursorQuery, IdParams, IdString, problems, Text } from '../../http/schemas.js';
import { requireActor } from '../access/access.policy.js';
import type { AccountDeps } from './accounts.service.js';
import * as accounts from './accounts.service.js';
import * as lifecycle from './accounts.lifecycle.service.js';
import * as privacy from './accounts.privacy.service.js';
import {
  AccountDetail,
  ChangeMobileBody,
  CloseAccountBody,
  ChangePasswordBody,
  ImportBody,
  LoginBody,
  MobileCodesBody,
  NewStaffBody,
  PasswordResetBody,
  ProfileBody,
  RecoverMobileBody,
  RecoveryCodeBody,
  RegisterBody,
  Role,
  SessionAnswer,
  SmsCodeBody,
  SmsLoginBody,
  StaffResetBody,
  StaffStatus,
  StaffUpdateBody,
  Mobile,
} from './accounts.schemas.js';

export function accountRoutes(deps: AccountDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const CodeSent = Type.Object({ expiresInSeconds: Type.Integer(), retryAfterSeconds: Type.Integer() });
    const meta = (req: { ip: string; headers: Record<string, unknown> }) => ({ ip: req.ip, userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null });

    app.post('/auth/sms-codes', {
      schema: { tags: ['auth'], summary: '发送短信验证码（注册、验证码登录、找回密码）', body: SmsCodeBody, response: { 202: CodeSent, ...problems(400, 409, 422, 429) } },
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

    app.post('/auth/login/sms', {
      schema: { tags: ['auth'], summary: '短信验证码登录', body: SmsLoginBody, response: { 200: SessionAnswer, ...problems(400, 403, 422, 423, 429) } },
    }, async (req, reply) => {
      const { session, account } = await lifecycle.loginWithSms(deps, req.body, meta(req));
      setSessionCookie(reply, deps.config, session.token, session.expiresAt);
      return { account, csrfToken: session.csrfToken };
    });

    app.post('/auth/password-reset', {
      schema: { tags: ['auth'], summary: '忘记密码：凭短信验证码设置新密码（该账号所有会话随即结束）', body: PasswordResetBody, response: { 204: Type.Null(), ...problems(400, 422, 429) } },
    }, async (req, reply) => {
      await lifecycle.resetPasswordWithSms(deps, req.body, meta(req));
      return reply.status(204).send(null);
    });

    app.put('/me/password', {
      schema: { tags: ['auth'], summary: '修改本人密码（需当前密码；其他会话随即结束）', body: ChangePasswordBody, response: { 204: Type.Null(), ...problems(400, 401, 403, 422, 429) } },
    }, async (req, reply) => {
      await lifecycle.changeOwnPassword(deps, req.actor, req.body, meta(req));
      return reply.status(204).send(null);
    });

    app.post('/me/mobile/sms-codes', {
      schema: { tags: ['auth'], summary: '更换手机号：向原手机号和新手机号各发送验证码', body: MobileCodesBody, response: { 202: CodeSent, ...problems(400, 401, 403, 409, 429) } },
    }, async (req, reply) => reply.status(202).send(await lifecycle.sendMobileChangeCodes(deps, req.actor, req.body, meta(req))));

    app.put('/me/mobile', {
      schema: { tags: ['auth'], summary: '更换手机号（原手机号和新手机号的验证码）', body: ChangeMobileBody, response: { 200: Type.Object({ account: Type.Ref('OwnAccount') }), ...problems(400, 401, 403, 409, 422, 429) } },
    }, async (req) => ({ account: await lifecycle.changeMobile(deps, req.actor, req.body, meta(req)) }));

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

    // ── personal data (个人信息保护法) and account recovery (issue 15) ──
    app.get('/me/data-export', {
      schema: { tags: ['auth'], summary: '下载我的个人信息（JSON 文件，含平台保存的关于本人的全部数据）', produces: ['application/json'], response: { 200: Type.Unknown({ description: 'application/json attachment' }), ...problems(401, 429) } },
    }, async (req, reply) => {
      const { filename, document } = await privacy.exportOwnData(deps, req.actor, meta(req));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(JSON.stringify(document, null, 2));
    });

    app.post('/me/close/sms-codes', {
      schema: { tags: ['auth'], summary: '注销账号：向本人手机号发送验证码（仅网民）', response: { 202: CodeSent, ...problems(401, 403, 409, 429) } },
    }, async (req, reply) => reply.status(202).send(await privacy.sendCloseCode(deps, req.actor, meta(req))));

    app.post('/me/close', {
      schema: { tags: ['auth'], summary: '注销本人账号（仅网民；凭密码或短信验证码；去标识化，公开留言以“网友”保留，所有会话结束）', body: CloseAccountBody, response: { 204: Type.Null(), ...problems(400, 401, 403, 409, 422, 429) } },
    }, async (req, reply) => {
      await privacy.closeOwnAccount(deps, req.actor, req.body, meta(req));
      clearSessionCookie(reply, deps.config);
      return reply.status(204).send(null);
    });

    app.get('/accounts/citizen-lookup', {
      schema: { tags: ['accounts'], summary: '按手机号查找网民账号（账号找回，仅平台管理员）', querystring: Type.Object({ mobile: Mobile }), response: { 200: AccountDetail, ...problems(400, 401, 403, 404) } },
    }, async (req) => privacy.findCitizenByMobile(deps, req.actor, req.query.mobile));

    app.get('/accounts/:id', {
      schema: { tags: ['accounts'], summary: '单个账号（范围同列表；网民账号仅平台管理员可见）', params: IdParams, response: { 200: AccountDetail, ...problems(401, 403, 404) } },
    }, async (req) => privacy.getAccount(deps, req.actor, req.params.id));

    app.post('/accounts/:id/unlock', {
      schema: { tags: ['accounts'], summary: '解除登录锁定（清除失败次数和按账号计的登录限流）', params: IdParams, response: { 200: AccountDetail, ...problems(401, 403, 404, 409) } },
    }, async (req) => privacy.unlockAccount(deps, req.actor, req.params.id, req.ip));

    app.post('/accounts/:id/mobile/sms-codes', {
      schema: { tags: ['accounts'], summary: '账号找回：向网民的新手机号发送验证码（仅平台管理员，见 docs/accounts.md）', params: IdParams, body: RecoveryCodeBody, response: { 202: CodeSent, ...problems(400, 401, 403, 404, 409, 429) } },
    }, async (req, reply) => reply.status(202).send(await privacy.sendRecoveryCode(deps, req.actor, req.params.id, req.body, meta(req))));

    app.post('/accounts/:id/mobile', {
      schema: { tags: ['accounts'], summary: '账号找回：线下核验身份后更换网民手机号（新号验证码 + 原因；原会话全部结束）', params: IdParams, body: RecoverMobileBody, response: { 200: AccountDetail, ...problems(400, 401, 403, 404, 409, 422, 429) } },
    }, async (req) => privacy.recoverCitizenMobile(deps, req.actor, req.params.id, req.body, req.ip));

    app.get('/accounts', {
      schema: {
        tags: ['accounts'],
        summary: '工作人员账号列表（管理范围内）',
        querystring: Type.Object({ unit: Type.Optional(IdString({ description: 'the unit and its subtree' })), role: Type.Optional(Role), status: Type.Optional(StaffStatus), q: Type.Optional(Text({ maxLength: 50 })), ...CursorQuery }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('StaffAccount')), nextCursor: Type.Union([Type.String(), Type.Null()]), total: Type.Integer({ description: 'accounts matching the filters, all pages' }) }), ...problems(400, 401, 403) },
      },
    }, async (req) =>
      accounts.listAccounts(deps.db, req.actor, { unitId: req.query.unit ?? null, role: req.query.role ?? null, status: req.query.status ?? null, q: req.query.q ?? null, cursor: req.query.cursor ?? null, limit: req.query.limit ?? 50 }));


    app.patch('/accounts/:id', {
      schema: { tags: ['accounts'], summary: '修改工作人员账号（姓名、单位、角色、联系方式）', params: IdParams, body: StaffUpdateBody, response: { 200: Type.Ref('StaffAccount'), ...problems(400, 401, 403, 404, 409, 422) } },
    }, async (req) => lifecycle.updateStaffAccount(deps.db, req.actor, req.params.id, req.body, req.ip));

    app.post('/accounts/:id/disable', {
      schema: { tags: ['accounts'], summary: '停用工作人员账号（会话立即结束，待办工作留在单位）', params: IdParams, response: { 200: Type.Ref('StaffAccount'), ...problems(401, 403, 404, 422) } },
    }, async (req) => lifecycle.setStaffStatus(deps.db, req.actor, req.params.id, 'disabled', req.ip));

    app.post('/accounts/:id/enable', {
      schema: { tags: ['accounts'], summary: '启用工作人员账号', params: IdParams, response: { 200: Type.Ref('StaffAccount'), ...problems(401, 403, 404) } },
    }, async (req) => lifecycle.setStaffStatus(deps.db, req.actor, req.params.id, 'active', req.ip));

    app.post('/accounts/:id/password-reset', {
      schema: {
        tags: ['accounts'],
        summary: '重置工作人员密码（一次性登录码经短信或电子邮件发送，下次登录须设置新密码）',
        params: IdParams,
        body: StaffResetBody,
        response: { 202: Type.Object({ channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]), sentTo: Type.String({ description: 'masked' }) }), ...problems(400, 401, 403, 404, 422, 429) },
      },
    }, async (req, reply) => reply.status(202).send(await lifecycle.resetStaffPassword(deps, req.actor, req.params.id, req.body, req.ip)));

    app.post('/accounts', {
      schema: { tags: ['accounts'], summary: '新建工作人员账号', body: NewStaffBody, response: { 201: Type.Ref('StaffAccount'), ...problems(400, 401, 403, 409, 422) } },
    }, async (req, reply) => reply.status(201).send(await accounts.createStaffAccount(deps.db, req.actor, req.body, req.ip)));

    app.post('/accounts/import', {
      bodyLimit: 4 * 1024 * 1024,
      schema: { tags: ['accounts'], summary: '批量导入工作人员账号（CSV，全部成功或全部不导入）', body: ImportBody, response: { 201: Type.Object({ created: Type.Integer() }), ...problems(400, 401, 403, 422) } },
    }, async (req, reply) => reply.status(201).send(await accounts.importStaffAccounts(deps.db, req.actor, req.body, req.ip)));
  };
}
