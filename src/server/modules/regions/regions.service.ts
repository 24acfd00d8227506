import type { Executor } from '../../db/database.js';
import { DomainError } from '../../http/errors.js';
import { NATIONAL_REGION } from './region-names.js';
import { findRegion, listAncestors, listChildRegions } from './regions.repository.js';

type RegionRow = Awaited<ReturnType<typeof listChildRegions>>[number];

export function presentRegion(row: RegionRow) {
  return { code: row.code, name: row.name, level: row.level, parentCode: row.parent_code === NATIONAL_REGION ? null : row.parent_code, hasChildren: row.has_children };
}

export async function listRegions(db: Executor, parentCode: string | undefined) {
  if (parentCode && !(await findRegion(db, parentCode))) throw new DomainError('region_not_found', { field: 'parent', status: 404 });
  return (await listChildRegions(db, parentCode ?? NATIONAL_REGION)).map(presentRegion);
}

/** @throws DomainError region_not_found (404). */
export async function getRegion(db: Executor, code: string) {
  const region = await findRegion(db, code);
  if (!region || region.level === 'national') throw new DomainError('not_found');
  return { ...presentRegion(region), ancestors: (await listAncestors(db, region.path)).map(presentRegion) };
}
