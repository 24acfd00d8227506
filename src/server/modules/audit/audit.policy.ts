/**
 * Who reads which audit entries. `audit.read` (src/shared/permissions.ts)
 * decides who reads the log at all; this decides which entries: a platform
 * admin reads all of them, a unit admin those by staff of the own unit subtree
 * and those about its accounts, units and boards. Lists and the export use the
 * same condition, so a file never holds what the page would not show.
 */
import { sql, type RawBuilder } from 'kysely';
import { isGlobal } from '../access/access.policy.js';
import type { Actor } from '../access/actor.js';

/** A condition on an `audit_log` row under the alias `a`. */
export function auditVisibleSql(actor: Actor): RawBuilder<boolean> {
  if (isGlobal(actor)) return sql<boolean>`true`;
  if (!actor.roles.includes('unit_admin') || !actor.unitPath) return sql<boolean>`false`;
  const path = actor.unitPath;
  // Units, staff and boards as they are now (a moved account counts where it is today).
  const staffIds = sql`SELECT acc.id FROM accounts acc JOIN units su ON su.id = acc.unit_id WHERE acc.kind = 'staff' AND su.path <@ ${path}::ltree`;
  return sql<boolean>`(
    a.actor_id = ANY(ARRAY(${staffIds}))
    OR (a.target_type = 'account' AND a.target_id = ANY(ARRAY(SELECT id::text FROM (${staffIds}) scope_staff)))
    OR (a.target_type = 'unit' AND a.target_id = ANY(ARRAY(SELECT su.id::text FROM units su WHERE su.path <@ ${path}::ltree)))
    OR (a.target_type = 'board' AND a.target_id = ANY(ARRAY(SELECT b.id::text FROM boards b JOIN units su ON su.id = b.unit_id WHERE su.path <@ ${path}::ltree)))
  )`;
}
