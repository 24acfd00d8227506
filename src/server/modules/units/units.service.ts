import type { Database } from '../../db/database.js';
import { DomainError, invalidField } from '../../http/errors.js';
import type { Actor } from '../access/actor.js';
import { authorize, isGlobal } from '../access/access.policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import { passDownTargetsCondition } from '../handling/handling.assign.js';
import { leaderBoardName } from '../regions/region-names.js';
import { findRegion, regionWithin } from '../regions/regions.repository.js';
import { boardExists, findBoard, insertBoard, listMinistryBoards, listRegionBoards, type BoardRow, type BoardStatus } from './boards.repository.js';
import { findManagedUnit, findVisibleUnit, insertUnit, listVisibleUnits, unitForUse, unitNameTaken, type UnitQuery, type UnitRow } from './units.repository.js';

export function presentUnit(row: UnitRow) {
  return {
    id: Number(row.id),
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    regionCode: row.region_code,
    regionName: row.region_name,
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    parentName: row.parent_name,
    childCount: row.child_count ?? 0,
    accountCount: row.account_count ?? 0,
    contact: row.contact,
    replyReview: row.reply_review as 'none' | 'unit_admin' | 'coordinator',
    status: row.retired_at === null ? ('active' as const) : ('retired' as const),
    retiredAt: row.retired_at === null ? null : new Date(row.retired_at).toISOString(),
    mergedInto: row.merged_into_id === null ? null : { id: Number(row.merged_into_id), name: row.merged_into_name ?? '' },
  };
}

export function presentBoard(row: BoardRow) {
  const level = row.kind === 'ministry' ? 'national' : (row.region_level as 'province' | 'city' | 'county');
  return {
    id: Number(row.id),
    kind: row.kind,
    title: row.title,
    name: row.name,
    regionCode: row.region_code,
    regionName: row.region_name,
    level,
    unit: row.unit_id === null ? null : { id: Number(row.unit_id), name: row.unit_name ?? '' },
    status: row.retired_at === null ? ('open' as const) : ('retired' as const),
    retiredAt: row.retired_at === null ? null : new Date(row.retired_at).toISOString(),
  };
}

export async function listUnits(db: Database, actor: Actor | null, query: UnitQuery & { passDownFrom?: string | null }) {
  authorize(actor, 'unit.read');
  // 链式交办 reaches units in the passing unit's region that may lie outside the actor's own subtree.
  const scope = query.passDownFrom ? await passDownTargetsCondition(db, actor, query.passDownFrom) : null;
  const rows = await listVisibleUnits(db, actor, query, scope);
  const page = rows.slice(0, query.limit);
  return { items: page.map(presentUnit), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

/** @throws DomainError not_found when the unit does not exist or is outside the actor's scope. */
export async function getUnit(db: Database, actor: Actor | null, id: string) {
  authorize(actor, 'unit.read');
  const row = await findVisibleUnit(db, actor, id);
  if (!row) throw new DomainError('not_found');
  return presentUnit(row);
}

export interface CreateUnitInput {
  name: string;
  kind: string;
  regionCode: string;
  parentId?: number;
}

/**
 * Creates a unit under a parent the actor manages (platform admins may also
 * create a root). The unit's region must lie within the parent's region.
 */
export async function createUnit(db: Database, actor: Actor | null, input: CreateUnitInput, ip: string | null) {
  authorize(actor, 'unit.create');
  return db.transaction().execute(async (tx) => {
    const parentId = input.parentId === undefined ? null : String(input.parentId);
    const parent = parentId === null ? null : await findManagedUnit(tx, actor, parentId);
    if (parentId === null && !isGlobal(actor)) throw new DomainError('unit_not_found', { field: 'parentId' });
    if (parentId !== null && !parent) throw new DomainError('unit_not_found', { field: 'parentId' });
    if (parentId !== null && (await unitForUse(tx, parentId))?.retired_at) throw new DomainError('unit_retired', { field: 'parentId' });
    const region = await findRegion(tx, input.regionCode);
    if (!region) throw new DomainError('region_not_found', { field: 'regionCode' });
    if (parent && !(await regionWithin(tx, input.regionCode, parent.region_code))) throw new DomainError('region_outside_parent', { field: 'regionCode' });
    const name = input.name.trim();
    if (await unitNameTaken(tx, parentId, name)) throw new DomainError('unit_name_taken', { field: 'name' });
    const id = await insertUnit(tx, { name, kind: input.kind, regionCode: input.regionCode, parentId, parentPath: parent?.path ?? null });
    await recordAudit(tx, { actorId: actor.accountId, action: 'unit.create', targetType: 'unit', targetId: id, details: { name, kind: input.kind, regionCode: input.regionCode, parentId }, ip });
    return presentUnit((await findVisibleUnit(tx, actor, id))!);
  });
}

/** Open boards unless `status` asks for retired ones (history) or all. */
export async function listBoards(db: Database, query: { region?: string; kind?: 'leader' | 'ministry'; status?: BoardStatus }) {
  const status = query.status ?? 'open';
  if (query.kind === 'ministry') return (await listMinistryBoards(db, status)).map(presentBoard);
  if (!query.region) throw new DomainError('validation_failed', { field: 'region', errors: [{ field: 'region', code: 'required', message: { 'zh-CN': '请指定地区或 kind=ministry', 'zh-TW': '請指定地區或 kind=ministry', en: 'give a region, or kind=ministry' } }] });
  if (!(await findRegion(db, query.region))) throw new DomainError('region_not_found', { field: 'region', status: 404 });
  return (await listRegionBoards(db, query.region, status)).map(presentBoard);
}

/** @throws DomainError not_found. */
export async function getBoard(db: Database, id: string) {
  const row = await findBoard(db, id);
  if (!row) throw new DomainError('not_found');
  return presentBoard(row);
}

export interface CreateBoardInput {
  kind: 'leader' | 'ministry';
  title: string;
  regionCode?: string;
  unitId?: number;
  name?: string;
}

export async function createBoard(db: Database, actor: Actor | null, input: CreateBoardInput, ip: string | null) {
  authorize(actor, 'board.create');
  return db.transaction().execute(async (tx) => {
    const title = input.title.trim();
    let regionCode: string | null = null;
    let name = input.name?.trim() || title;
    if (input.kind === 'leader') {
      if (!input.regionCode) throw new DomainError('validation_failed', { field: 'regionCode', errors: [{ field: 'regionCode', code: 'required', message: { 'zh-CN': '领导留言板须指定地区', 'zh-TW': '領導留言板須指定地區', en: 'a leader board needs a region' } }] });
      const region = await findRegion(tx, input.regionCode);
      if (!region) throw new DomainError('region_not_found', { field: 'regionCode' });
      // Leaders sit at province, city and county level; townships and the nation have none.
      if (!['province', 'city', 'county'].includes(region.level)) {
        throw invalidField('regionCode', 'level', { 'zh-CN': '领导留言板须设在省、市或县级地区', 'zh-TW': '領導留言板須設在省、市或縣級地區', en: 'a leader board belongs to a province, city or county' });
      }
      regionCode = region.code;
      if (!input.name?.trim()) name = leaderBoardName(region.name, title);
    }
    if (input.kind === 'ministry' && input.regionCode !== undefined) {
      throw invalidField('regionCode', 'not_allowed', { 'zh-CN': '部委留言板不属于任何地区', 'zh-TW': '部委留言板不屬於任何地區', en: 'a ministry board has no region' });
    }
    const unitId = input.unitId === undefined ? null : String(input.unitId);
    if (unitId !== null && !(await findManagedUnit(tx, actor, unitId))) throw new DomainError('unit_not_found', { field: 'unitId' });
    if (unitId !== null && (await unitForUse(tx, unitId))?.retired_at) throw new DomainError('unit_retired', { field: 'unitId' });
    if (await boardExists(tx, regionCode, title)) throw new DomainError('board_taken', { field: 'title' });
    const id = await insertBoard(tx, { kind: input.kind, title, name, regionCode, unitId, sort: 100 });
    await recordAudit(tx, { actorId: actor.accountId, action: 'board.create', targetType: 'board', targetId: id, details: { kind: input.kind, title, name, regionCode, unitId }, ip });
    return presentBoard((await findBoard(tx, id))!);
  });
}
