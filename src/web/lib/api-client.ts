/**
 * The one way the web talks to the server: JSON over fetch with the session
 * cookie, the CSRF token on unsafe methods, the UI language, and RFC 9457
 * problem+json answers turned into ApiError.
 */

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  field?: string;
  errors?: FieldProblem[];
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  /** Stable machine code from the server; 'network' when no answer arrived. */
  readonly code: string;
  readonly field: string | undefined;
  readonly errors: FieldProblem[];
  /** Localised by the server (Accept-Language); may be empty when the answer was not problem+json. */
  readonly title: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, body: ProblemBody) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network' : `http_${status}`);
    this.field = body.field;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.title = body.title ?? '';
    this.detail = body.detail;
    this.requestId = body.requestId;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let csrfToken: string | null = null;
let language = 'zh-CN';

/** Called with the token from login, register and GET /auth/me; null after logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(locale: string): void {
  language = locale;
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestOptions {
  /** Extra headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

/** Throws ApiError for every non-2xx answer and for network failures. */
async function request<T>(method: string, path: string, body?: unknown, query?: Query, options?: RequestOptions): Promise<T> {
  const headers: Record<string, string> = {
    ...options?.headers,
    Accept: 'application/json, application/problem+json',
    'Accept-Language': language,
  };
  // A FormData body sets its own multipart Content-Type with the boundary.
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api/v1${withQuery(path, query)}`, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {});
  }

  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const payload: unknown = type.includes('json') ? await response.json().catch(() => undefined) : undefined;
  if (!response.ok) {
    const problem = payload && typeof payload === 'object' ? (payload as ProblemBody) : {};
    throw new ApiError(response.status, problem);
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, undefined, options),
  /** multipart/form-data, e.g. a photo in the field `file`. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Keyset-paginated list answer. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
