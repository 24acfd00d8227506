/**
 * The one place that answers "may this actor do this here?". Role decides the
 * action (src/shared/permissions.ts); scope decides where: a unit subtree for
 * unit staff, a region subtree for coordinators, leaders and analysts,
 * everything for platform admins.
 */
import { sql, type ExpressionBuilder, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { actionsOf, type Action } from '../../../shared/permissions.js';
import { DomainError } from '../../http/errors.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from './actor.js';

export function can(actor: Actor | null, action: Action): boolean {
  return actor !== null && actor.kind === 'staff' && actionsOf(actor.roles).includes(action);
}

/** @throws DomainError unauthenticated (no actor) or forbidden (role lacks the action). */
export function authorize(actor: Actor | null, action: Action): asserts actor is Actor {
  if (actor === null) throw new DomainError('unauthenticated');
  if (!can(actor, action)) throw new DomainError('forbidden');
}

/** @throws DomainError unauthenticated when nobody is logged in. */
export function requireActor(actor: Actor | null): asserts actor is Actor {
  if (actor === null) throw new DomainError('unauthenticated');
}

const REGION_SCOPED_ROLES = ['coordinator', 'leader', 'analyst'] as const;

/** Everywhere, for platform admins. */
export function isGlobal(actor: Actor): boolean {
  return actor.roles.includes('platform_admin');
}

/**
 * A condition on a `units` row (under `alias`) the actor may see: its own unit
 * subtree, plus every unit in its region subtree when it holds a
 * region-scoped role. Used by lists and single reads alike, so a list never
 * shows what a read refuses.
 */
export function unitVisibleSql(actor: Actor, alias = 'units'): RawBuilder<boolean> {
  if (isGlobal(actor)) return sql<boolean>`true`;
  const ors: RawBuilder<boolean>[] = [];
  if (actor.unitPath) ors.push(sql<boolean>`${sql.ref(`${alias}.path`)} <@ ${actor.unitPath}::ltree`);
  if (actor.regionPath && actor.roles.some((r) => (REGION_SCOPED_ROLES as readonly string[]).includes(r))) {
    ors.push(sql<boolean>`EXISTS (SELECT 1 FROM regions scope_region WHERE scope_region.code = ${sql.ref(`${alias}.region_code`)} AND scope_region.path <@ ${actor.regionPath}::ltree)`);
  }
  if (ors.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(ors, sql` OR `)})`;
}

export function unitVisibleTo(actor: Actor) {
  return (_eb: ExpressionBuilder<DB, 'units'>): Expression<SqlBool> => unitVisibleSql(actor);
}

/**
 * A filter on `units` rows the actor may manage (create children, accounts):
 * platform admins everywhere, unit admins inside their own unit subtree.
 */
export function unitManagedBy(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'units'>): Expression<SqlBool> => {
    if (isGlobal(actor)) return sql<boolean>`true`;
    if (actor.roles.includes('unit_admin') && actor.unitPath) return sql<boolean>`${eb.ref('units.path')} <@ ${actor.unitPath}::ltree`;
    return sql<boolean>`false`;
  };
}

/**
 * A condition on a `boards` row (under `alias`) whose messages the staff
 * actor may see: boards of its region subtree for region-scoped roles, and
 * boards handled by a unit in its own unit subtree.
 */
export function boardVisibleSql(actor: Actor, alias = 'boards'): RawBuilder<boolean> {
  if (actor.kind !== 'staff') return sql<boolean>`false`;
  if (isGlobal(actor)) return sql<boolean>`true`;
  const ors: RawBuilder<boolean>[] = [];
  if (actor.unitPath) {
    ors.push(sql<boolean>`EXISTS (SELECT 1 FROM units scope_unit WHERE scope_unit.id = ${sql.ref(`${alias}.unit_id`)} AND scope_unit.path <@ ${actor.unitPath}::ltree)`);
  }
  if (actor.regionPath && actor.roles.some((r) => (REGION_SCOPED_ROLES as readonly string[]).includes(r))) {
    ors.push(sql<boolean>`EXISTS (SELECT 1 FROM regions scope_region WHERE scope_region.code = ${sql.ref(`${alias}.region_code`)} AND scope_region.path <@ ${actor.regionPath}::ltree)`);
  }
  if (ors.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(ors, sql` OR `)})`;
}
