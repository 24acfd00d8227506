/**
 * Who may see and make reports.
 *
 * - Half-year reports are public, like the platform's published 半年数据报告: anyone
 *   may read any region's, and they hold no internal section (their figures are
 *   computed with the public view).
 * - Weekly digests are internal (they list overdue units): staff holding
 *   `stats.read_internal` whose region subtree holds the report's region.
 * - Generating and subscribing need `report.manage` and a region inside the
 *   actor's region subtree (platform admins: everywhere).
 */
import { sql, type RawBuilder } from 'kysely';
import type { ReportKind } from '../../../shared/reports.js';
import type { Actor } from '../access/actor.js';
import { can, isGlobal } from '../access/access.policy.js';

/** True when the ltree path `path` lies in the subtree at `ancestor` (itself included). */
export function pathWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/** True when the region (by its tree path) lies in the actor's region scope. */
export function regionInScope(actor: Actor, regionPath: string): boolean {
  if (isGlobal(actor)) return true;
  return actor.regionPath !== null && pathWithin(regionPath, actor.regionPath);
}

/** May the actor read a report of this kind and region (path)? */
export function canReadReport(actor: Actor | null, kind: ReportKind, regionPath: string): boolean {
  if (kind === 'half_year') return true;
  return actor !== null && can(actor, 'stats.read_internal') && regionInScope(actor, regionPath);
}

/**
 * The same rule as canReadReport, as a condition on `stat_reports` joined to
 * its region under `regionAlias`: lists never show a report a read would refuse.
 */
export function reportVisibleSql(actor: Actor | null, regionAlias = 'report_region'): RawBuilder<boolean> {
  const halfYear = sql<boolean>`stat_reports.kind = 'half_year'`;
  if (actor === null || !can(actor, 'stats.read_internal')) return halfYear;
  if (isGlobal(actor)) return sql<boolean>`true`;
  if (actor.regionPath === null) return halfYear;
  return sql<boolean>`(${halfYear} OR ${sql.ref(`${regionAlias}.path`)} <@ ${actor.regionPath}::ltree)`;
}
