/** Keyset cursors of the campaign lists: opaque base64url JSON, checked on the way back in. */
import { invalidField } from '../../http/errors.js';

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** @throws DomainError validation_failed (field cursor) when the cursor is not one this API made. */
export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through to the field error
  }
  throw invalidField('cursor', 'invalid', { 'zh-CN': '分页游标无效', 'zh-TW': '分頁游標無效', en: 'invalid cursor' });
}

const ID = /^[1-9]\d{0,17}$/;
// An instant in UTC to the microsecond, as the repository's keys are made; a real date, so PostgreSQL casts it.
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const isInstant = (at: unknown): at is string => typeof at === 'string' && UTC_INSTANT.test(at) && !Number.isNaN(Date.parse(at)) && new Date(at).toISOString().slice(0, 19) === at.slice(0, 19);
const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export const isId = (v: unknown): v is { id: string } => record(v) && typeof v.id === 'string' && ID.test(v.id);
export const isInstantId = (v: unknown): v is { at: string; id: string } => isId(v) && isInstant((v as Record<string, unknown>).at);
/** An entry keyset: id, and the support count (sort=support) or region code (sort=region) of the page's last row. */
export const isEntryKey = (v: unknown): v is { id: string; s?: number; r?: string } => {
  if (!isId(v)) return false;
  const { s, r } = v as { s?: unknown; r?: unknown };
  // s is compared as an int (support_count): a larger one is no key we gave out.
  return (s === undefined || (Number.isInteger(s) && (s as number) >= 0 && (s as number) <= 2_147_483_647)) && (r === undefined || (typeof r === 'string' && /^\d{6}(\d{3})?$/.test(r)));
};
