import type { Executor } from '../../db/database.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends to the audit log; call it inside the transaction of the change it records. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

export interface AuditQuery {
  cursor: string | null;
  limit: number;
  action: string | null;
}

export async function listAudit(db: Executor, query: AuditQuery) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('accounts', 'accounts.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'accounts.display_name as actor_name', 'audit_log.action', 'audit_log.target_type', 'audit_log.target_id', 'audit_log.details', 'audit_log.ip'])
    .orderBy('audit_log.id', 'desc')
    .limit(query.limit + 1);
  if (query.cursor) q = q.where('audit_log.id', '<', query.cursor);
  if (query.action) q = q.where('audit_log.action', '=', query.action);
  return q.execute();
}
