import type { Database } from '../../db/database.js';
import type { FieldsTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, can } from '../access/access.policy.js';
import { recordAudit } from '../audit/audit.repository.js';

function present(f: Selectable<FieldsTable>) {
  return { code: f.code, nameZh: f.name_zh, nameTw: f.name_tw, nameEn: f.name_en, sort: f.sort, active: f.active };
}

/** Active fields for everyone; inactive ones too for those who manage them. */
export async function listFields(db: Database, actor: Actor | null, includeInactive: boolean) {
  if (includeInactive) authorize(actor, 'field.manage');
  let q = db.selectFrom('fields').selectAll().orderBy('sort').orderBy('code');
  if (!includeInactive || !can(actor, 'field.manage')) q = q.where('active', '=', true);
  return (await q.execute()).map(present);
}

/** @throws forbidden, field_taken. */
export async function createField(db: Database, actor: Actor | null, input: { code: string; nameZh: string; nameTw: string; nameEn: string; sort?: number }, ip: string | null) {
  authorize(actor, 'field.manage');
  return db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('fields').select('code').where('code', '=', input.code).executeTakeFirst()) throw new DomainError('field_taken', { field: 'code' });
    const row = await tx
      .insertInto('fields')
      .values({ code: input.code, name_zh: input.nameZh.trim(), name_tw: input.nameTw.trim(), name_en: input.nameEn.trim(), sort: input.sort ?? 50 })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { actorId: actor.accountId, action: 'field.create', targetType: 'field', targetId: input.code, details: { ...input }, ip });
    return present(row);
  });
}

/** @throws forbidden, not_found. */
export async function updateField(db: Database, actor: Actor | null, code: string, input: { nameZh?: string; nameTw?: string; nameEn?: string; sort?: number; active?: boolean }, ip: string | null) {
  authorize(actor, 'field.manage');
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('fields')
      .set({
        ...(input.nameZh !== undefined ? { name_zh: input.nameZh.trim() } : {}),
        ...(input.nameTw !== undefined ? { name_tw: input.nameTw.trim() } : {}),
        ...(input.nameEn !== undefined ? { name_en: input.nameEn.trim() } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DomainError('not_found');
    await recordAudit(tx, { actorId: actor.accountId, action: 'field.update', targetType: 'field', targetId: code, details: { ...input }, ip });
    return present(row);
  });
}
