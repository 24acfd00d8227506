/**
 * Boards over time (issue 15): a platform admin renames a board (its position
 * and its full name), points it at another unit, retires it (closed for new
 * messages; its page and messages stay public) and reopens it. Audited
 * `board.update`, `board.repoint`, `board.retire`, `board.reopen` with
 * `{ changes: { field: { from, to } } }`.
 */
import type { Database, Executor } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize } from '../access/access.policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { boardExists, findBoard, lockBoard, updateBoardRow } from './boards.repository.js';
import { findManagedUnit, unitForUse } from './units.repository.js';
import { presentBoard } from './units.service.js';

export interface UpdateBoardInput {
  /** The position (副省长) or, for a ministry, its name. */
  title?: string;
  /** The full name shown on the board (江西省副省长). */
  name?: string;
  /** The unit that handles the board's messages; null: none. */
  unitId?: number | null;
}

async function unitRef(db: Executor, id: string | null): Promise<{ id: number; name: string } | null> {
  if (id === null) return null;
  const row = await db.selectFrom('units').select(['id', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id: Number(row.id), name: row.name };
}

/**
 * Renames a board and/or points it at another unit.
 * @throws DomainError not_found, board_taken (title), unit_not_found (unitId), unit_retired (unitId).
 */
export async function updateBoard(db: Database, actor: Actor | null, id: string, input: UpdateBoardInput, ip: string | null) {
  authorize(actor, 'board.manage');
  return db.transaction().execute(async (tx) => {
    const board = await lockBoard(tx, id);
    if (!board) throw new DomainError('not_found');
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: { title?: string; name?: string; unit_id?: string | null } = {};
    const title = input.title?.trim();
    if (title !== undefined && title !== board.title) {
      if (await boardExists(tx, board.region_code, title, id)) throw new DomainError('board_taken', { field: 'title' });
      changes.title = { from: board.title, to: title };
      set.title = title;
    }
    const name = input.name?.trim();
    if (name !== undefined && name !== board.name) {
      changes.name = { from: board.name, to: name };
      set.name = name;
    }
    const unitId = input.unitId === undefined ? board.unit_id : input.unitId === null ? null : String(input.unitId);
    const repointed = unitId !== board.unit_id;
    if (repointed && unitId !== null) {
      if (!(await findManagedUnit(tx, actor, unitId))) throw new DomainError('unit_not_found', { field: 'unitId' });
      if ((await unitForUse(tx, unitId))?.retired_at) throw new DomainError('unit_retired', { field: 'unitId' });
    }
    if (repointed) set.unit_id = unitId;
    await updateBoardRow(tx, id, set);
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, { actorId: actor.accountId, action: 'board.update', targetType: 'board', targetId: id, details: { changes }, ip });
    }
    if (repointed) {
      await recordAudit(tx, {
        actorId: actor.accountId,
        action: 'board.repoint',
        targetType: 'board',
        targetId: id,
        details: { changes: { unitId: { from: await unitRef(tx, board.unit_id), to: await unitRef(tx, unitId) } } },
        ip,
      });
    }
    return presentBoard((await findBoard(tx, id))!);
  });
}

/**
 * Closes a board for new messages; its page and messages stay public.
 * @throws DomainError not_found, board_state (already retired).
 */
export async function retireBoard(db: Database, actor: Actor | null, id: string, ip: string | null) {
  authorize(actor, 'board.manage');
  return db.transaction().execute(async (tx) => {
    const board = await lockBoard(tx, id);
    if (!board) throw new DomainError('not_found');
    if (board.retired_at) throw new DomainError('board_state');
    await updateBoardRow(tx, id, { retired_at: new Date() });
    await recordAudit(tx, { actorId: actor.accountId, action: 'board.retire', targetType: 'board', targetId: id, details: { changes: { status: { from: 'open', to: 'retired' } } }, ip });
    return presentBoard((await findBoard(tx, id))!);
  });
}

/**
 * Opens a retired board again. Its unit, when it has one, must be active.
 * @throws DomainError not_found, board_state (not retired), unit_retired (unitId).
 */
export async function reopenBoard(db: Database, actor: Actor | null, id: string, ip: string | null) {
  authorize(actor, 'board.manage');
  return db.transaction().execute(async (tx) => {
    const board = await lockBoard(tx, id);
    if (!board) throw new DomainError('not_found');
    if (!board.retired_at) throw new DomainError('board_state');
    if (board.unit_id !== null && (await unitForUse(tx, board.unit_id))?.retired_at) throw new DomainError('unit_retired', { field: 'unitId' });
    await updateBoardRow(tx, id, { retired_at: null });
    await recordAudit(tx, { actorId: actor.accountId, action: 'board.reopen', targetType: 'board', targetId: id, details: { changes: { status: { from: 'retired', to: 'open' } } }, ip });
    return presentBoard((await findBoard(tx, id))!);
  });
}
