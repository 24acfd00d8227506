/**
 * Everything that goes wrong leaves as RFC 9457 application/problem+json:
 * { type, title, status, detail, code, field?, errors?, requestId }.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../shared/domain.js';
import { isBadInputValue, isDatabaseUnavailable, isRetryableConflict, isUniqueViolation } from '../db/errors.js';
import { DomainError, ERROR_CATALOG, type Blocker, type ErrorCode, type FieldError } from './errors.js';
import { fill, negotiateLocale, type Localized } from './locale.js';

const PROBLEM_BASE = 'https://minsheng.dev/problems/';

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const VALIDATION_MESSAGES: Record<string, Localized> = {
  required: { 'zh-CN': '必填', 'zh-TW': '必填', en: 'is required' },
  minLength: { 'zh-CN': '长度不能少于{limit}个字符', 'zh-TW': '長度不能少於{limit}個字元', en: 'must have at least {limit} characters' },
  maxLength: { 'zh-CN': '长度不能超过{limit}个字符', 'zh-TW': '長度不能超過{limit}個字元', en: 'must have at most {limit} characters' },
  pattern: { 'zh-CN': '格式不正确', 'zh-TW': '格式不正確', en: 'has the wrong format' },
  format: { 'zh-CN': '格式不正确', 'zh-TW': '格式不正確', en: 'has the wrong format' },
  type: { 'zh-CN': '类型不正确，应为{type}', 'zh-TW': '類型不正確，應為{type}', en: 'must be of type {type}' },
  enum: { 'zh-CN': '取值不在允许范围内', 'zh-TW': '取值不在允許範圍內', en: 'must be one of the allowed values' },
  const: { 'zh-CN': '取值不在允许范围内', 'zh-TW': '取值不在允許範圍內', en: 'must be one of the allowed values' },
  anyOf: { 'zh-CN': '取值不在允许范围内', 'zh-TW': '取值不在允許範圍內', en: 'must be one of the allowed values' },
  minimum: { 'zh-CN': '不能小于{limit}', 'zh-TW': '不能小於{limit}', en: 'must be at least {limit}' },
  maximum: { 'zh-CN': '不能大于{limit}', 'zh-TW': '不能大於{limit}', en: 'must be at most {limit}' },
  minItems: { 'zh-CN': '至少需要{limit}项', 'zh-TW': '至少需要{limit}項', en: 'must have at least {limit} items' },
  maxItems: { 'zh-CN': '最多{limit}项', 'zh-TW': '最多{limit}項', en: 'must have at most {limit} items' },
  uniqueItems: { 'zh-CN': '不能有重复项', 'zh-TW': '不能有重複項', en: 'must not repeat items' },
  additionalProperties: { 'zh-CN': '不允许的字段', 'zh-TW': '不允許的欄位', en: 'is not an allowed field' },
  other: { 'zh-CN': '取值无效', 'zh-TW': '取值無效', en: 'is invalid' },
  // The x-text keyword (schemas.ts Text): its reason picks the message.
  control: { 'zh-CN': '不能包含控制字符（如 U+0000）', 'zh-TW': '不能包含控制字元（如 U+0000）', en: 'must not contain control characters (such as U+0000)' },
  blank: { 'zh-CN': '不能为空（仅有空格或不可见字符也算空）', 'zh-TW': '不能為空（僅有空格或不可見字元也算空）', en: 'must not be empty (spaces or invisible characters alone count as empty)' },
};

function fieldOf(issue: AjvIssue, context: string): string {
  const base = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra = (issue.params.missingProperty ?? issue.params.additionalProperty) as string | undefined;
  // A fault of the whole body (an array, a string …) names the body rather than nothing.
  return (extra ? (base ? `${base}.${extra}` : extra) : base) || context;
}

/** `context` names the part of the request at fault when an issue is about all of it: body, querystring, params. */
export function validationFieldErrors(issues: AjvIssue[], context = 'body'): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue, context);
    // anyOf/oneOf produce one issue per branch; the field is reported once.
    if (seen.has(field)) continue;
    seen.add(field);
    // x-text (schemas.ts Text): U+0000 and the like are `control`; blank text is too short (`minLength`), said as such.
    const reason = issue.keyword === 'x-text' ? String(issue.params.reason) : null;
    const key = reason === 'blank' ? 'minLength' : (reason ?? issue.keyword);
    const template = VALIDATION_MESSAGES[reason ?? issue.keyword] ?? VALIDATION_MESSAGES.other!;
    const params = { limit: String(issue.params.limit ?? ''), type: String(issue.params.type ?? '') };
    errors.push({
      field,
      code: key,
      message: {
        'zh-CN': fill(template['zh-CN'], params),
        'zh-TW': fill(template['zh-TW'], params),
        en: fill(template.en, params),
      },
    });
  }
  return errors;
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
  errors?: { field: string; code: string; message: string }[];
  blockers?: Blocker[];
  instance: string;
  requestId: string;
}

function problem(request: FastifyRequest, code: ErrorCode, status: number, locale: Locale, extra: { field?: string; params?: Record<string, string | number>; errors?: FieldError[]; blockers?: Blocker[] } = {}): ProblemBody {
  const title = fill(ERROR_CATALOG[code][locale], extra.params);
  const errors = extra.errors?.map((e) => ({ field: e.field, code: e.code, message: e.message[locale] }));
  const first = errors?.[0];
  const field = extra.field ?? first?.field;
  const detail = first ? `${first.field}: ${first.message}` : title;
  return {
    type: PROBLEM_BASE + code.replace(/_/g, '-'),
    title,
    status,
    detail,
    code,
    ...(field ? { field } : {}),
    ...(errors ? { errors } : {}),
    ...(extra.blockers ? { blockers: extra.blockers } : {}),
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
  };
}

/** Seconds a client waits before retrying when the database is away: a restart takes a few. */
const RETRY_AFTER_UNAVAILABLE_S = 5;

export function sendProblem(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, extra: { field?: string; params?: Record<string, string | number>; errors?: FieldError[]; status?: number; blockers?: Blocker[] } = {}): FastifyReply {
  const locale = negotiateLocale(request.headers['accept-language']);
  const status = extra.status ?? ERROR_CATALOG[code].status;
  // RFC 9110 §10.2.3: a client that waits the given seconds is not refused again for the same reason.
  if (code === 'rate_limited' && extra.params?.seconds !== undefined) reply.header('retry-after', String(extra.params.seconds));
  if (code === 'account_locked' && extra.params?.minutes !== undefined) reply.header('retry-after', String(Number(extra.params.minutes) * 60));
  if ((code === 'database_unavailable' || code === 'busy_retry' || code === 'service_unavailable') && !reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_UNAVAILABLE_S));
  return reply.status(status).type('application/problem+json; charset=utf-8').send(problem(request, code, status, locale, extra));
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      return sendProblem(request, reply, error.code, { ...error.options, status: error.status });
    }
    const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
    if (fe.validation) {
      return sendProblem(request, reply, 'validation_failed', { errors: validationFieldErrors(fe.validation, fe.validationContext) });
    }
    if (isUniqueViolation(error)) {
      // Two requests raced past the service's own check; the database decided.
      return sendProblem(request, reply, 'conflict');
    }
    if (isBadInputValue(error)) {
      // Defence in depth behind the Text and Id schema types: a value the database cannot take
      // (U+0000 in text, a number beyond bigint, a string that is no number) is the client's fault.
      request.log.warn({ err: error }, 'value refused by the database');
      return sendProblem(request, reply, 'validation_failed');
    }
    if (isDatabaseUnavailable(error)) {
      // Not a bug of ours: the database restarts, fails over, or an operator ended the session.
      // The process stays; the pool opens new connections when the database is back.
      request.log.warn({ err: error }, 'database unavailable');
      return sendProblem(request, reply, 'database_unavailable');
    }
    if (isRetryableConflict(error)) {
      // transaction() retried and the conflict outlasted it: nothing was written, the same request may come again.
      request.log.warn({ err: error }, 'conflict outlasted the retries');
      return sendProblem(request, reply, 'busy_retry');
    }
    if (fe.statusCode === 429) {
      return sendProblem(request, reply, 'rate_limited', { params: { seconds: 60 } });
    }
    if (fe.statusCode === 413) return sendProblem(request, reply, 'payload_too_large');
    if (fe.statusCode === 415) return sendProblem(request, reply, 'unsupported_media_type');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Unreadable JSON, an empty body …: the client's fault, said plainly; Fastify's own words go to the log.
      request.log.info({ err: error }, 'malformed request');
      return sendProblem(request, reply, 'malformed_request', { status: fe.statusCode });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 'internal');
  });
}

/**
 * Fastify's `frameworkErrors`: faults the router finds before any route runs
 * (a path parameter longer than maxParamLength → 414, a URL that does not decode → 400).
 */
export function frameworkErrorProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(request, reply, 'uri_too_long');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendProblem(request, reply, 'malformed_request', { status: error.statusCode });
  request.log.error({ err: error }, 'framework error');
  return sendProblem(request, reply, 'internal');
}

/**
 * The HTTP server's 'clientError': a request Node could not parse (headers or
 * URL over maxHeaderSize, 16 KB → 431; a timeout → 408; garbage → 400). No
 * request object exists yet, so the problem is written onto the socket by hand,
 * in the default language (the Accept-Language header was never read).
 */
export function writeClientErrorProblem(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : 'malformed_request';
  const status = ERROR_CATALOG[code].status;
  const title = ERROR_CATALOG[code]['zh-CN'];
  const body = JSON.stringify({ type: PROBLEM_BASE + code.replace(/_/g, '-'), title, status, detail: title, code, instance: '', requestId: randomUUID() });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
