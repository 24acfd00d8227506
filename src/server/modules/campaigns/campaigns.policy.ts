/**
 * Who may manage a campaign: staff holding `campaign.manage` whose scope
 * holds the organiser unit — inside the actor's own unit subtree, or, for
 * coordinators, anywhere in their region subtree; platform admins everywhere.
 * The same rule as SQL (lists) and in code (one campaign), so a list never
 * shows what a read would refuse.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../access/actor.js';
import { can, isGlobal } from '../access/access.policy.js';

/** True when the ltree path `path` lies in the subtree at `ancestor` (itself included). */
function pathWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

export interface OrganiserScope {
  /** The organiser unit's tree path and its region's. */
  unitPath: string;
  regionPath: string;
}

export function canManageCampaign(actor: Actor | null, organiser: OrganiserScope): boolean {
  if (!can(actor, 'campaign.manage')) return false;
  if (isGlobal(actor!)) return true;
  if (actor!.unitPath && pathWithin(organiser.unitPath, actor!.unitPath)) return true;
  return actor!.roles.includes('coordinator') && actor!.regionPath !== null && pathWithin(organiser.regionPath, actor!.regionPath);
}

/** The same rule on a `units` row under `alias` (the organiser unit). */
export function organiserManagedSql(actor: Actor, alias = 'organiser'): RawBuilder<boolean> {
  if (!can(actor, 'campaign.manage')) return sql<boolean>`false`;
  if (isGlobal(actor)) return sql<boolean>`true`;
  const ors: RawBuilder<boolean>[] = [];
  if (actor.unitPath) ors.push(sql<boolean>`${sql.ref(`${alias}.path`)} <@ ${actor.unitPath}::ltree`);
  if (actor.regionPath && actor.roles.includes('coordinator')) {
    ors.push(sql<boolean>`EXISTS (SELECT 1 FROM regions scope_region WHERE scope_region.code = ${sql.ref(`${alias}.region_code`)} AND scope_region.path <@ ${actor.regionPath}::ltree)`);
  }
  if (ors.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(ors, sql` OR `)})`;
}
