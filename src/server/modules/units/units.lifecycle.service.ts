/**
 * Units over time (issue 15, 机构改革 without merges): an admin edits a unit
 * in scope (name, short name, region, contact, reply review), moves it with its
 * subtree under another parent, retires it once its open work has moved, and
 * reactivates it. Every change is audited with `{ changes: { field: { from, to } } }`.
 */
import type { Database, Executor } from '../../db/database.js';
import { DomainError, type Blocker, type FieldError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, isGlobal } from '../access/access.policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findRegion, regionWithin } from '../regions/regions.repository.js';
import { presentUnit } from './units.service.js';
import {
  childrenWithinRegion,
  findManagedUnit,
  findVisibleUnit,
  lockUnit,
  moveSubtree,
  setUnitRetired,
  takeMoveLock,
  unitBlockers,
  unitForUse,
  unitNameTaken,
  updateUnitRow,
  type UnitChanges,
} from './units.repository.js';

export type ReplyReviewMode = 'none' | 'unit_admin' | 'coordinator';

export interface UpdateUnitInput {
  name?: string;
  shortName?: string | null;
  contact?: string | null;
  regionCode?: string;
  replyReview?: ReplyReviewMode;
  /** Another parent: the unit moves with its whole subtree. null: to the top (platform admins only). */
  parentId?: number | null;
}

type Change = { from: unknown; to: unknown };

/** Optional text: trimmed, and empty means none. */
function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

async function unitRef(db: Executor, id: string | null): Promise<{ id: number; name: string } | null> {
  if (id === null) return null;
  const row = await db.selectFrom('units').select(['id', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id: Number(row.id), name: row.name };
}

/**
 * Edits a unit the actor manages and, when `parentId` changes, moves it with
 * its subtree: the unit's and every descendant's path are rewritten in the
 * same transaction. Audited `unit.update` (the other fields) and `unit.move`.
 * @throws DomainError not_found (outside the actor's management), unit_not_found (parentId),
 *   unit_cycle (parentId), unit_retired (parentId), region_not_found / region_outside_parent /
 *   region_excludes_children (regionCode or parentId), unit_name_taken (name).
 */
export async function updateUnit(db: Database, actor: Actor | null, id: string, input: UpdateUnitInput, ip: string | null) {
  authorize(actor, 'unit.manage');
  return db.transaction().execute(async (tx) => {
    const moving = input.parentId !== undefined;
    // Taken before any row lock, by every move alike: two moves that are each fine could together make a cycle.
    if (moving) await takeMoveLock(tx);
    if (!(await findManagedUnit(tx, actor, id))) throw new DomainError('not_found');
    const unit = (await lockUnit(tx, id))!;

    const newParentId = input.parentId === undefined ? unit.parent_id : input.parentId === null ? null : String(input.parentId);
    const parentChanged = newParentId !== unit.parent_id;
    let parent: { id: string; path: string; region_code: string } | null = null;
    if (parentChanged) {
      if (newParentId === null) {
        // Only a platform admin may make a top-level unit, as only they may create one.
        if (!isGlobal(actor)) throw new DomainError('unit_not_found', { field: 'parentId' });
      } else {
        if (!(await findManagedUnit(tx, actor, newParentId))) throw new DomainError('unit_not_found', { field: 'parentId' });
        const target = (await unitForUse(tx, newParentId))!;
        if (target.path === unit.path || target.path.startsWith(`${unit.path}.`)) throw new DomainError('unit_cycle', { field: 'parentId' });
        if (target.retired_at) throw new DomainError('unit_retired', { field: 'parentId' });
        parent = { id: target.id, path: target.path, region_code: target.region_code };
      }
    } else if (unit.parent_id !== null) {
      parent = (await unitForUse(tx, unit.parent_id)) ?? null;
    }

    const changes: Record<string, Change> = {};
    const set: UnitChanges = {};
    const name = input.name === undefined ? unit.name : input.name.trim();
    if (name !== unit.name) {
      changes.name = { from: unit.name, to: name };
      set.name = name;
    }
    if (input.shortName !== undefined && optionalText(input.shortName) !== unit.short_name) {
      changes.shortName = { from: unit.short_name, to: optionalText(input.shortName) };
      set.short_name = optionalText(input.shortName);
    }
    if (input.contact !== undefined && optionalText(input.contact) !== unit.contact) {
      changes.contact = { from: unit.contact, to: optionalText(input.contact) };
      set.contact = optionalText(input.contact);
    }
    if (input.replyReview !== undefined && input.replyReview !== unit.reply_review) {
      changes.replyReview = { from: unit.reply_review, to: input.replyReview };
      set.reply_review = input.replyReview;
    }
    const regionCode = input.regionCode ?? unit.region_code;
    const regionChanged = regionCode !== unit.region_code;
    if (regionChanged) {
      if (!(await findRegion(tx, regionCode))) throw new DomainError('region_not_found', { field: 'regionCode' });
      if (!(await childrenWithinRegion(tx, id, regionCode))) throw new DomainError('region_excludes_children', { field: 'regionCode' });
      changes.regionCode = { from: unit.region_code, to: regionCode };
      set.region_code = regionCode;
    }
    if ((regionChanged || parentChanged) && parent && !(await regionWithin(tx, regionCode, parent.region_code))) {
      throw new DomainError('region_outside_parent', { field: regionChanged ? 'regionCode' : 'parentId' });
    }
    if ((name !== unit.name || parentChanged) && (await unitNameTaken(tx, newParentId, name, id))) throw new DomainError('unit_name_taken', { field: 'name' });

    await updateUnitRow(tx, id, set);
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, { actorId: actor.accountId, action: 'unit.update', targetType: 'unit', targetId: id, details: { changes }, ip });
    }
    if (parentChanged) {
      const moved = await moveSubtree(tx, { id, path: unit.path }, parent);
      await recordAudit(tx, {
        actorId: actor.accountId,
        action: 'unit.move',
        targetType: 'unit',
        targetId: id,
        details: { changes: { parentId: { from: await unitRef(tx, unit.parent_id), to: await unitRef(tx, newParentId) } }, units: moved },
        ip,
      });
    }
    return presentUnit((await findVisibleUnit(tx, actor, id))!);
  });
}

const BLOCKER_WORDS: Record<string, (b: Blocker) => FieldError['message']> = {
  openAssignments: (b) => ({
    'zh-CN': `${b.count} 项未办结的交办任务（留言 ${b.examples.join('、')}）`,
    'zh-TW': `${b.count} 項未辦結的交辦任務（留言 ${b.examples.join('、')}）`,
    en: `${b.count} open assignment(s) (messages ${b.examples.join(', ')})`,
  }),
  activeAccounts: (b) => ({
    'zh-CN': `${b.count} 个在用账号（${b.examples.join('、')}）`,
    'zh-TW': `${b.count} 個在用帳號（${b.examples.join('、')}）`,
    en: `${b.count} active account(s) (${b.examples.join(', ')})`,
  }),
  openBoards: (b) => ({
    'zh-CN': `${b.count} 个开放的留言板（${b.examples.join('、')}）`,
    'zh-TW': `${b.count} 個開放的留言板（${b.examples.join('、')}）`,
    en: `${b.count} open board(s) (${b.examples.join(', ')})`,
  }),
  activeChildren: (b) => ({
    'zh-CN': `${b.count} 个在用的下级单位（${b.examples.join('、')}）`,
    'zh-TW': `${b.count} 個在用的下級單位（${b.examples.join('、')}）`,
    en: `${b.count} active child unit(s) (${b.examples.join(', ')})`,
  }),
};

/**
 * Retires a unit the actor manages: it takes no new work. Refused while it
 * still has open assignments, active accounts, open boards or active child
 * units; the problem lists them (`blockers`: counts and the first few).
 * Audited `unit.retire`.
 * @throws DomainError not_found, unit_state (already retired), unit_has_open_work.
 */
export async function retireUnit(db: Database, actor: Actor | null, id: string, ip: string | null) {
  authorize(actor, 'unit.manage');
  return db.transaction().execute(async (tx) => {
    if (!(await findManagedUnit(tx, actor, id))) throw new DomainError('not_found');
    // FOR UPDATE: work being assigned to the unit meanwhile (FOR KEY SHARE) finishes first and is counted, or waits and is refused.
    const unit = (await lockUnit(tx, id))!;
    if (unit.retired_at) throw new DomainError('unit_state');
    const blockers = await unitBlockers(tx, id);
    if (blockers.length > 0) {
      throw new DomainError('unit_has_open_work', { blockers, errors: blockers.map((b) => ({ field: b.kind, code: 'blocks_retirement', message: BLOCKER_WORDS[b.kind]!(b) })) });
    }
    await setUnitRetired(tx, id, true);
    await recordAudit(tx, { actorId: actor.accountId, action: 'unit.retire', targetType: 'unit', targetId: id, details: { changes: { status: { from: 'active', to: 'retired' } } }, ip });
    return presentUnit((await findVisibleUnit(tx, actor, id))!);
  });
}

/**
 * Brings a retired unit back into use. Its parent must be active.
 * Audited `unit.reactivate`.
 * @throws DomainError not_found, unit_state (not retired), unit_retired (parentId).
 */
export async function reactivateUnit(db: Database, actor: Actor | null, id: string, ip: string | null) {
  authorize(actor, 'unit.manage');
  return db.transaction().execute(async (tx) => {
    if (!(await findManagedUnit(tx, actor, id))) throw new DomainError('not_found');
    const unit = (await lockUnit(tx, id))!;
    if (!unit.retired_at) throw new DomainError('unit_state');
    // A merged unit's work, staff and boards live on in the unit it was merged into (units.merge.service.ts).
    if (unit.merged_into_id !== null) throw new DomainError('unit_state');
    if (unit.parent_id !== null && (await unitForUse(tx, unit.parent_id))?.retired_at) throw new DomainError('unit_retired', { field: 'parentId' });
    await setUnitRetired(tx, id, false);
    await recordAudit(tx, { actorId: actor.accountId, action: 'unit.reactivate', targetType: 'unit', targetId: id, details: { changes: { status: { from: 'retired', to: 'active' } } }, ip });
    return presentUnit((await findVisibleUnit(tx, actor, id))!);
  });
}
