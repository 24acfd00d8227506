/**
 * 机构改革: one unit merged into another. In one transaction the merged unit's
 * open assignments (with their replies waiting for review), its staff accounts,
 * its boards and its child units (with their subtrees) move to the surviving
 * unit; the merged unit is retired with `merged_into_id`; every message whose
 * open work moved gets a `unit_merged` event and the surviving unit a notice.
 * Finished work stays with the merged unit: history shows it under the name it
 * had when it acted (unit_names). `dryRun` checks and counts, then rolls back.
 */
import type { Database, Executor } from '../../db/database.js';
import { DomainError, type FieldError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize } from '../access/access.policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { noticeToUnits } from '../handling/handling.notices.js';
import { insertEvent } from '../messages/messages.repository.js';
import { presentUnit } from './units.service.js';
import { findManagedUnit, findVisibleUnit, lockUnit, moveSubtree, takeMoveLock } from './units.repository.js';
import {
  childNameClashes,
  childrenOutsideRegion,
  childUnits,
  mergeCounts,
  messageRefs,
  moveAccounts,
  moveBoards,
  moveOpenAssignments,
  setMerged,
  sharedOpenMessages,
} from './units.merge.repository.js';

export interface MergeUnitInput {
  intoUnitId: number;
  note?: string;
  /** Check and count only; nothing changes. */
  dryRun?: boolean;
}

export const MERGE_NOTE_MAX = 500;

type MergeResult = Awaited<ReturnType<typeof runMerge>>;

class DryRun extends Error {
  constructor(readonly result: MergeResult) {
    super('dry run');
  }
}

const words = (zh: string, tw: string, en: string): FieldError['message'] => ({ 'zh-CN': zh, 'zh-TW': tw, en });

/**
 * Merges unit `id` into `input.intoUnitId`; the actor must manage both (a unit
 * admin within their subtree). Audited `unit.merge` on the merged unit.
 * @throws DomainError not_found (id; intoUnitId with field), unit_merge_self, unit_state (already retired),
 *   unit_retired / unit_cycle (intoUnitId), unit_merge_conflict (both hold open work on a message),
 *   unit_name_taken / region_outside_parent (a child unit could not live under the surviving unit).
 */
export async function mergeUnit(db: Database, actor: Actor | null, id: string, input: MergeUnitInput, ip: string | null) {
  authorize(actor, 'unit.manage');
  const intoId = String(input.intoUnitId);
  const note = input.note?.trim() || null;
  try {
    return await db.transaction().execute(async (tx) => {
      const result = await runMerge(tx, actor, id, intoId, note, ip, input.dryRun === true);
      if (input.dryRun) throw new DryRun(result);
      return result;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.result;
    throw e;
  }
}

async function runMerge(tx: Executor, actor: Actor, id: string, intoId: string, note: string | null, ip: string | null, dryRun: boolean) {
  // Child units move: the same lock as every move, taken before any row lock.
  await takeMoveLock(tx);
  if (!(await findManagedUnit(tx, actor, id))) throw new DomainError('not_found');
  if (intoId === id) throw new DomainError('unit_merge_self', { field: 'intoUnitId' });
  if (!(await findManagedUnit(tx, actor, intoId))) throw new DomainError('not_found', { field: 'intoUnitId', status: 404 });
  // Both rows FOR UPDATE, the lower id first, so two merges of the same pair cannot deadlock.
  const [first, second] = Number(id) < Number(intoId) ? [id, intoId] : [intoId, id];
  const locked = new Map([[first, (await lockUnit(tx, first))!], [second, (await lockUnit(tx, second))!]]);
  const unit = locked.get(id)!;
  const into = locked.get(intoId)!;
  if (unit.retired_at) throw new DomainError('unit_state');
  if (into.retired_at) throw new DomainError('unit_retired', { field: 'intoUnitId' });
  if (into.path.startsWith(`${unit.path}.`)) throw new DomainError('unit_cycle', { field: 'intoUnitId' });

  const shared = await sharedOpenMessages(tx, id, intoId);
  if (shared.count > 0) {
    throw new DomainError('unit_merge_conflict', {
      field: 'intoUnitId',
      blockers: [{ kind: 'sharedMessages', count: shared.count, examples: shared.examples }],
      errors: [{ field: 'intoUnitId', code: 'shared_messages', message: words(`两个单位都在办理 ${shared.count} 条留言（${shared.examples.join('、')}）`, `兩個單位都在辦理 ${shared.count} 則留言（${shared.examples.join('、')}）`, `both units handle ${shared.count} message(s) (${shared.examples.join(', ')})`) }],
    });
  }
  const clashes = await childNameClashes(tx, id, intoId);
  if (clashes.length > 0) {
    throw new DomainError('unit_name_taken', { field: 'intoUnitId', errors: [{ field: 'intoUnitId', code: 'child_name_taken', message: words(`下级单位重名：${clashes.join('、')}`, `下級單位重名：${clashes.join('、')}`, `child units of the same name: ${clashes.join(', ')}`) }] });
  }
  const outside = await childrenOutsideRegion(tx, id, into.region_code);
  if (outside.length > 0) {
    throw new DomainError('region_outside_parent', { field: 'intoUnitId', errors: [{ field: 'intoUnitId', code: 'child_outside_region', message: words(`下级单位不在其地区之内：${outside.join('、')}`, `下級單位不在其地區之內：${outside.join('、')}`, `child units outside its region: ${outside.join(', ')}`) }] });
  }

  const counts = await mergeCounts(tx, id);
  const children = await childUnits(tx, id);
  for (const child of children) await moveSubtree(tx, child, { id: intoId, path: into.path });
  const accounts = await moveAccounts(tx, id, intoId);
  const boards = await moveBoards(tx, id, intoId);
  const assignments = await moveOpenAssignments(tx, id, intoId);
  await setMerged(tx, id, intoId);

  const from = { id: Number(id), name: unit.name };
  const to = { id: Number(intoId), name: into.name };
  const byMessage = new Map<string, number[]>();
  for (const a of assignments) byMessage.set(a.message_id, [...(byMessage.get(a.message_id) ?? []), Number(a.id)]);
  // The event is public: the chain of units is; the note is not (messages.present.ts). Skipped by a dry run, which rolls back anyway.
  if (!dryRun) {
    for (const m of await messageRefs(tx, [...byMessage.keys()])) {
      await insertEvent(tx, { messageId: m.id, kind: 'unit_merged', visibility: 'public', actorId: actor.accountId, unitId: id, body: note, data: { from, into: to, assignmentIds: byMessage.get(m.id) } });
      await noticeToUnits(
        tx,
        'unit_merged',
        m,
        [intoId],
        words(`${unit.name} 已并入本单位，留言 ${m.number}「${m.title}」转由本单位办理`, `${unit.name} 已併入本單位，留言 ${m.number}「${m.title}」轉由本單位辦理`, `${unit.name} was merged into your unit; message ${m.number} "${m.title}" is now yours`),
      );
    }
  }
  const moved = { openAssignments: counts.openAssignments, messages: counts.messages, accounts, boards, children: children.length };
  await recordAudit(tx, {
    actorId: actor.accountId,
    action: 'unit.merge',
    targetType: 'unit',
    targetId: id,
    details: { changes: { status: { from: 'active', to: 'retired' }, mergedInto: { from: null, to } }, moved, ...(note ? { note } : {}) },
    ip,
  });
  return {
    unit: presentUnit((await findVisibleUnit(tx, actor, id))!),
    into: presentUnit((await findVisibleUnit(tx, actor, intoId))!),
    moved,
    dryRun,
  };
}
