import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UnitKind } from '../../../shared/domain';
import { api, type Page } from '../api-client';
import { useCursorList } from './use-cursor-list';

export interface Unit {
  id: number;
  name: string;
  kind: UnitKind;
  regionCode: string;
  regionName: string;
  parentId: number | null;
  parentName: string | null;
  childCount: number;
  accountCount: number;
  shortName: string | null;
  contact: string | null;
  replyReview: 'none' | 'unit_admin' | 'coordinator';
  /** A retired unit takes no new work; pickers do not offer it. */
  status: 'active' | 'retired';
  retiredAt: string | null;
  /** 机构改革: the unit this one was merged into (then it is retired). */
  mergedInto?: { id: number; name: string } | null;
}

export interface UnitQuery {
  parent?: number;
  q?: string;
  status?: 'active' | 'retired';
  /** Only the units this assignment may be passed down to (链式交办), which may lie outside the caller's own unit subtree. */
  passDownFrom?: number;
  cursor?: string;
  limit?: number;
}

/** Units in the caller's scope (the server decides the scope). */
export function fetchUnits(query: UnitQuery): Promise<Page<Unit>> {
  return api.get<Page<Unit>>('/units', { ...query });
}

/** Every child of one unit, following cursors; a parent has at most a few hundred children. */
export async function fetchAllChildUnits(parent: number): Promise<Unit[]> {
  const all: Unit[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchUnits({ parent, cursor, limit: 100 });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export const unitsQueryKey = (query: Omit<UnitQuery, 'cursor'>) => ['units', query] as const;

/** First page of a search, for pickers: active units only (a retired unit takes no new work). */
export function useUnitSearch(q: string, options: { passDownFrom?: number } = {}) {
  const { passDownFrom } = options;
  return useQuery({
    queryKey: unitsQueryKey({ q, passDownFrom, status: 'active', limit: 20 }),
    queryFn: () => fetchUnits({ q: q || undefined, passDownFrom, status: 'active', limit: 20 }),
  });
}

/** A "load more" list: top-level units in scope, or search results when `q` is set; `status` narrows either (retired: a flat list). */
export function useUnitList(q: string, status?: 'active' | 'retired') {
  return useCursorList([...unitsQueryKey({ q, status }), 'list'], (cursor) => fetchUnits({ q: q || undefined, status, cursor, limit: 50 }));
}

/** For useQueries: the children of each expanded row of a unit tree. */
export function childUnitsQuery(parent: number) {
  return queryOptions({
    queryKey: [...unitsQueryKey({ parent }), 'all'],
    queryFn: () => fetchAllChildUnits(parent),
  });
}
