import type { Database } from '../../db/database.js';
import { DomainError, invalidField } from '../../http/errors.js';
import { authorize } from '../access/access.policy.js';
import type { Actor } from '../access/actor.js';
import type { Locale } from '../../../shared/domain.js';
import { AUDIT_ACTIONS, AUDIT_KINDS, AUDIT_TARGET_TYPES, auditReferences } from '../../../shared/audit.js';
import { auditVisibleSql } from './audit.policy.js';
import { accountIdByLogin, countAudit, listAudit, messageIdByNumber, targetNames, unitWithin, type AuditFilter, type AuditRow } from './audit.repository.js';
import { renderAuditXlsx, type AuditExportRow } from './audit-xlsx.js';

/** The list counts at most this many entries; beyond, it says "more than". */
export const AUDIT_TOTAL_CAP = 10_000;
/** The most entries one export holds (the newest); the file says so. */
export const AUDIT_EXPORT_CAP = 50_000;

export interface AuditQueryInput {
  actorId?: string;
  actor?: string;
  unitId?: string;
  /** Codes and kinds, comma-separated: `account.disable,auth.*`. */
  action?: string;
  targetType?: string;
  targetId?: string;
  messageNumber?: string;
  account?: string;
  dateFrom?: string;
  dateTo?: string;
}

/**
 * Checks the filters and resolves names to ids.
 * @throws validation_failed (dateTo before dateFrom, targetId without targetType, an unknown
 * messageNumber or account), unit_not_found (unitId outside the caller's scope).
 */
async function resolveFilter(db: Database, actor: Actor, input: AuditQueryInput): Promise<AuditFilter> {
  if (input.dateFrom && input.dateTo && input.dateFrom > input.dateTo) {
    throw invalidField('dateTo', 'range', { 'zh-CN': '结束日期不能早于开始日期', 'zh-TW': '結束日期不能早於開始日期', en: 'must not be before dateFrom' });
  }
  if (input.targetId && !input.targetType) {
    throw invalidField('targetType', 'required', { 'zh-CN': '指定对象编号时须同时指定对象类型', 'zh-TW': '指定對象編號時須同時指定對象類型', en: 'is required with targetId' });
  }
  const global = actor.roles.includes('platform_admin');
  if (input.unitId && ((!global && !actor.unitPath) || !(await unitWithin(db, input.unitId, global ? null : actor.unitPath)))) {
    throw new DomainError('unit_not_found', { field: 'unitId' });
  }
  let targetType = input.targetType ?? null;
  let targetId = input.targetId ?? null;
  const pin = (type: string, id: string) => {
    // Two object filters that disagree match nothing, as both conditions would.
    if ((targetType && targetType !== type) || (targetId && targetId !== id)) return { type: '-', id: '-' };
    return { type, id };
  };
  if (input.messageNumber) {
    const id = await messageIdByNumber(db, input.messageNumber);
    if (!id) throw invalidField('messageNumber', 'not_found', { 'zh-CN': '没有这个编号的留言', 'zh-TW': '沒有這個編號的留言', en: 'no message has this number' });
    ({ type: targetType, id: targetId } = pin('message', id));
  }
  if (input.account) {
    const id = await accountIdByLogin(db, input.account);
    if (!id) throw invalidField('account', 'not_found', { 'zh-CN': '没有这个登录名或手机号的账号', 'zh-TW': '沒有這個登入名或手機號碼的帳號', en: 'no account has this login or mobile' });
    ({ type: targetType, id: targetId } = pin('account', id));
  }
  const terms = (input.action ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return {
    scope: auditVisibleSql(actor),
    actorId: input.actorId ?? null,
    actorText: input.actor?.trim() || null,
    unitId: input.unitId ?? null,
    actions: terms.filter((t) => !t.endsWith('.*')),
    kinds: terms.filter((t) => t.endsWith('.*')).map((t) => t.slice(0, -2)),
    targetType,
    targetId,
    dateFrom: input.dateFrom ?? null,
    dateTo: input.dateTo ?? null,
  };
}

async function present(db: Database, rows: AuditRow[]) {
  // One lookup per object type for the whole page: the targets and the objects the details name.
  const references = rows.map((r) => auditReferences(r.details));
  const names = await targetNames(db, [...rows.map((r) => ({ type: r.target_type, id: r.target_id })), ...references.flat()]);
  return rows.map((r, i) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor:
      r.actor_id === null
        ? null
        : {
            id: Number(r.actor_id),
            displayName: r.actor_name ?? '',
            login: r.actor_kind === 'staff' ? r.actor_login : null,
            kind: r.actor_kind ?? 'staff',
            unit: r.actor_unit_id === null ? null : { id: Number(r.actor_unit_id), name: r.actor_unit_name ?? '' },
          },
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    targetName: r.target_id === null ? null : (names.get(`${r.target_type}:${r.target_id}`) ?? null),
    details: (r.details ?? {}) as Record<string, unknown>,
    names: Object.fromEntries(references[i]!.flatMap(({ type, id }) => (names.has(`${type}:${id}`) ? [[`${type}:${id}`, names.get(`${type}:${id}`)!]] : []))),
    ip: r.ip,
  }));
}

export type PresentedAuditEntry = Awaited<ReturnType<typeof present>>[number];

/** A page of the log the actor may read, with the total (capped). @throws unauthenticated, forbidden, and see resolveFilter. */
export async function listAuditLog(db: Database, actor: Actor | null, input: AuditQueryInput & { cursor?: string; limit: number }) {
  authorize(actor, 'audit.read');
  const filter = await resolveFilter(db, actor, input);
  const [rows, counted] = await Promise.all([listAudit(db, filter, { cursor: input.cursor ?? null, limit: input.limit }), countAudit(db, filter, AUDIT_TOTAL_CAP)]);
  const page = rows.slice(0, input.limit);
  return {
    items: await present(db, page),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
    total: Math.min(counted, AUDIT_TOTAL_CAP),
    totalCapped: counted > AUDIT_TOTAL_CAP,
  };
}

/** The filtered log as an Excel workbook, newest first, at most AUDIT_EXPORT_CAP entries. @throws as listAuditLog. */
export async function exportAuditLog(db: Database, actor: Actor | null, input: AuditQueryInput, locale: Locale) {
  authorize(actor, 'audit.read');
  const filter = await resolveFilter(db, actor, input);
  const state = { written: 0, more: false };
  async function* batches(): AsyncGenerator<AuditExportRow[]> {
    let cursor: string | null = null;
    while (state.written < AUDIT_EXPORT_CAP) {
      const limit = Math.min(1000, AUDIT_EXPORT_CAP - state.written);
      const rows = await listAudit(db, filter, { cursor, limit });
      const page = rows.slice(0, limit);
      if (page.length === 0) break;
      state.written += page.length;
      yield await present(db, page);
      cursor = page[page.length - 1]!.id;
      if (rows.length <= limit) break;
      if (state.written >= AUDIT_EXPORT_CAP) state.more = true;
    }
  }
  const bytes = await renderAuditXlsx(locale, input, batches(), () => ({ ...state, cap: AUDIT_EXPORT_CAP }));
  return { bytes, filename: `audit-log-${new Date().toISOString().slice(0, 10)}.xlsx`, rows: state.written, truncated: state.more };
}

/** Every known action code with its words and kinds, for API clients. */
export function listAuditActions(actor: Actor | null) {
  authorize(actor, 'audit.read');
  return {
    actions: Object.entries(AUDIT_ACTIONS).map(([code, info]) => ({ code, kind: code.split('.')[0]!, label: info.label, target: info.target })),
    kinds: Object.entries(AUDIT_KINDS).map(([code, label]) => ({ code, label })),
    targetTypes: Object.entries(AUDIT_TARGET_TYPES).map(([code, label]) => ({ code, label })),
  };
}
