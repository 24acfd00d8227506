/** Deadline policies (per region and class, the nearest ancestor applies) and a unit's reply review mode. */
import { sql } from 'kysely';
import type { HandlingClass, ReplyReviewMode } from '../../../shared/handling.js';
import type { Database } from '../../db/database.js';
import { transaction } from '../../db/transaction.js';
import { DomainError, invalidField } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, unitManagedBy, unitVisibleTo } from '../access/access.policy.js';
import { recordAudit } from '../audit/audit.repository.js';

export async function listPolicies(db: Database, actor: Actor | null) {
  authorize(actor, 'message.read_internal');
  const rows = await db
    .selectFrom('deadline_policies')
    .leftJoin('regions', 'regions.code', 'deadline_policies.region_code')
    .selectAll('deadline_policies')
    .select('regions.name as region_name')
    .orderBy(sql`deadline_policies.region_code = '000000'`, 'desc')
    .orderBy('deadline_policies.region_code')
    .orderBy(sql`array_position(ARRAY['special','timely','coordinated','high'], deadline_policies.handling_class)`)
    .execute();
  return rows.map((r) => ({
    regionCode: r.region_code,
    regionName: r.region_code === '000000' ? '全国' : (r.region_name ?? r.region_code),
    handlingClass: r.handling_class as HandlingClass,
    signDays: r.sign_days,
    contactDays: r.contact_days,
    replyDays: r.reply_days,
    maxExtensionDays: r.max_extension_days,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

export interface PolicyInput {
  signDays: number;
  contactDays: number;
  replyDays: number;
  maxExtensionDays: number;
}

/** @throws forbidden, region_not_found, validation_failed (the days must not decrease: sign ≤ contact ≤ reply). */
export async function savePolicy(db: Database, actor: Actor | null, regionCode: string, handlingClass: HandlingClass, input: PolicyInput, meta: { ip: string | null }) {
  authorize(actor, 'policy.manage');
  if (input.contactDays < input.signDays) throw invalidField('contactDays', 'order', { 'zh-CN': '联系时限不能短于签收时限', 'zh-TW': '聯繫時限不能短於簽收時限', en: 'the contact deadline cannot be shorter than the signing deadline' });
  if (input.replyDays < input.contactDays) throw invalidField('replyDays', 'order', { 'zh-CN': '答复时限不能短于联系时限', 'zh-TW': '答覆時限不能短於聯繫時限', en: 'the reply deadline cannot be shorter than the contact deadline' });
  return transaction(db, async (tx) => {
    const region = await tx.selectFrom('regions').select('code').where('code', '=', regionCode).executeTakeFirst();
    if (!region) throw new DomainError('region_not_found', { field: 'regionCode', status: 404 });
    await tx
      .insertInto('deadline_policies')
      .values({ region_code: regionCode, handling_class: handlingClass, sign_days: input.signDays, contact_days: input.contactDays, reply_days: input.replyDays, max_extension_days: input.maxExtensionDays, updated_by: actor.accountId, updated_at: sql`now()` as never })
      .onConflict((oc) => oc.columns(['region_code', 'handling_class']).doUpdateSet({ sign_days: input.signDays, contact_days: input.contactDays, reply_days: input.replyDays, max_extension_days: input.maxExtensionDays, updated_by: actor.accountId, updated_at: sql`now()` as never }))
      .execute();
    await recordAudit(tx, { actorId: actor.accountId, action: 'policy.save', targetType: 'deadline_policy', targetId: `${regionCode}/${handlingClass}`, details: { ...input }, ip: meta.ip });
    return (await listPolicies(tx as unknown as Database, actor)).find((p) => p.regionCode === regionCode && p.handlingClass === handlingClass)!;
  });
}

/** Removes a region's own policy (the parent's applies again); the national default stays. @throws forbidden, not_found, validation_failed. */
export async function deletePolicy(db: Database, actor: Actor | null, regionCode: string, handlingClass: HandlingClass, meta: { ip: string | null }) {
  authorize(actor, 'policy.manage');
  if (regionCode === '000000') throw invalidField('regionCode', 'national', { 'zh-CN': '全国默认时限不能删除，只能修改', 'zh-TW': '全國預設時限不能刪除，只能修改', en: 'the national default can be changed but not removed' });
  return transaction(db, async (tx) => {
    const gone = await tx.deleteFrom('deadline_policies').where('region_code', '=', regionCode).where('handling_class', '=', handlingClass).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new DomainError('not_found');
    await recordAudit(tx, { actorId: actor.accountId, action: 'policy.delete', targetType: 'deadline_policy', targetId: `${regionCode}/${handlingClass}`, details: {}, ip: meta.ip });
  });
}

export async function getReviewMode(db: Database, actor: Actor | null, unitId: string) {
  authorize(actor, 'unit.read');
  const unit = await db.selectFrom('units').select(['id', 'name', 'reply_review']).where('id', '=', unitId).where(unitVisibleTo(actor)).executeTakeFirst();
  if (!unit) throw new DomainError('not_found');
  return { unitId: Number(unit.id), unitName: unit.name, mode: unit.reply_review as ReplyReviewMode };
}

/** A unit admin decides whether the unit's replies need approval (by a unit admin or the coordinator) before publication. */
export async function setReviewMode(db: Database, actor: Actor | null, unitId: string, mode: ReplyReviewMode, meta: { ip: string | null }) {
  authorize(actor, 'unit.configure');
  return transaction(db, async (tx) => {
    const unit = await tx.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).where(unitManagedBy(actor)).executeTakeFirst();
    if (!unit) throw new DomainError('not_found');
    await tx.updateTable('units').set({ reply_review: mode }).where('id', '=', unitId).execute();
    await recordAudit(tx, { actorId: actor.accountId, action: 'unit.reply_review', targetType: 'unit', targetId: unitId, details: { mode }, ip: meta.ip });
    return { unitId: Number(unit.id), unitName: unit.name, mode };
  });
}
