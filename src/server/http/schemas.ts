/** Schemas several route files share. */
import type { FastifyServerOptions } from 'fastify';
import { Type, type TSchema } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    field: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }))),
    // What keeps the change from happening (a unit's open work before it is retired): how many, the first few.
    blockers: Type.Optional(Type.Array(Type.Object({ kind: Type.String(), count: Type.Integer(), examples: Type.Array(Type.String()) }))),
    instance: Type.String(),
    requestId: Type.String(),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

const problemRef = Type.Ref('Problem');

/** The error responses a route may give, by status, all problem+json. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemRef]));
}

/**
 * An id as a path or query parameter: decimal digits, at most 18 of them, so
 * every id the API accepts fits PostgreSQL's bigint (int8 ends at 9223372036854775807).
 * An id beyond is refused with a 400 here rather than a 500 from the database.
 */
export const ID_PATTERN = '^[1-9][0-9]{0,17}$';
export const IdString = (options: { description?: string } = {}) => Type.String({ pattern: ID_PATTERN, description: 'numeric id', ...options });
export const IdParams = Type.Object({ id: IdString() });

/**
 * An id inside a JSON body. JSON numbers are doubles: beyond 2^53 they are no
 * longer exact, so the largest id a body may carry is Number.MAX_SAFE_INTEGER
 * (well inside bigint). 1e20 or 1e400 is a 400, never a database error.
 */
export const IdInteger = (options: { description?: string } = {}) => Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, ...options });

/**
 * Text a person typed: a title, a message, a nickname, a note. The `x-text`
 * keyword (registered on the validator in textKeyword below) refuses C0 control
 * characters other than tab, line feed and carriage return — U+0000 cannot be
 * stored by PostgreSQL at all — and, when the field is required (minLength ≥ 1),
 * text made only of spaces, zero-width and other invisible characters.
 * Every free-text request field uses this type; a bare Type.String in a request
 * schema is what the fuzz test (test/integration/fuzz.test.ts) exists to catch.
 */
export function Text(options: { minLength?: number; maxLength: number; pattern?: string; description?: string; examples?: string[] }) {
  return Type.String({ ...options, 'x-text': (options.minLength ?? 0) >= 1 ? 'required' : 'optional' });
}

// C0 controls but tab, LF, CR; DEL too, which no one types.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
// White space, format characters (zero-width space/joiners, BOM, bidi marks, soft hyphen),
// and the fillers that render as nothing (Hangul fillers, braille blank).
const INVISIBLE = /^[\s\p{Cf}\p{Zs}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800]*$/u;

/** True when a person would see nothing in the text: empty, spaces, zero-width characters. */
export function isBlankText(text: string): boolean {
  return INVISIBLE.test(text);
}

/** Where the text breaks the rule, or null: `control` (a C0 control character) or `blank`. */
export function textFault(text: string, required: boolean): 'control' | 'blank' | null {
  if (CONTROL.test(text)) return 'control';
  if (required && isBlankText(text)) return 'blank';
  return null;
}

interface TextKeywordValidate {
  (schema: string, data: unknown): boolean;
  errors?: { keyword: string; params: Record<string, unknown>; message: string }[];
}

const validateText: TextKeywordValidate = (schema, data) => {
  if (typeof data !== 'string') return true;
  const fault = textFault(data, schema === 'required');
  if (!fault) return true;
  validateText.errors = [{ keyword: 'x-text', params: { reason: fault }, message: fault === 'control' ? 'must not contain control characters' : 'must not be blank' }];
  return false;
};

/** The `x-text` keyword for Ajv (the request validator): see Text. */
export const textKeyword = { keyword: 'x-text', type: 'string', schemaType: 'string', errors: true, validate: validateText } as const;

/** The request validator's options: every Fastify instance that registers our routes uses these. */
export const AJV_OPTIONS: NonNullable<FastifyServerOptions['ajv']> = {
  customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true, keywords: [{ ...textKeyword }] },
};

/** The nextCursor of a list that pages by an opaque key (base64url JSON); checked again where it is decoded. */
export const OpaqueCursor = Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]*$', description: 'nextCursor of the previous page' });

export const CursorQuery = {
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'nextCursor of the previous page (an id)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

export function page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

/**
 * A calendar day, YYYY-MM-DD: a real one (no 02-30), in years PostgreSQL and
 * JavaScript dates agree on, so no day the API accepts fails further in.
 */
export const Day = (options: { description?: string } = {}) => Type.String({ format: 'date', pattern: '^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD', ...options });

export const RegionCode = Type.String({ pattern: '^[0-9]{6}([0-9]{3})?$', description: 'GB/T 2260 code (6 digits; townships 9)' });
