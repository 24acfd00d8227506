/**
 * Roles, actions and the scope each role works in. The server's policies
 * (src/server/modules/*\/ *.policy.ts) decide with these; the web only reads the
 * `permissions` list the server sends with the current account, so it never
 * re-derives a rule.
 */
export const STAFF_ROLES = [
  'unit_handler',
  'unit_admin',
  'coordinator',
  'leader',
  'analyst',
  'platform_admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ACTIONS = [
  'console.enter',
  'unit.read',
  'unit.create',
  // Edit, move, retire and reactivate units in scope (issue 15).
  'unit.manage',
  'board.create',
  // Edit, retire, reopen and repoint boards (issue 15): platform admins, as creating them.
  'board.manage',
  'account.read',
  'account.create',
  'account.import',
  // Edit, disable/enable and reset the password of staff accounts in scope (issue 15).
  'account.manage',
  // Change a citizen's mobile after an off-line identity check (docs/accounts.md): platform admins only,
  // because citizens belong to no unit subtree and the change hands the whole account to a new number.
  'account.recover',
  'audit.read',
  'field.manage',
  'message.read_internal',
  'message.screen',
  'message.reply',
  'message.assign',
  'assignment.handle',
  'reply.review',
  'message.supervise',
  'message.instruct',
  'policy.manage',
  'unit.configure',
  // Statistics: internal figures and cuts (units, classes, on-time, overdue) of the own region subtree.
  'stats.read_internal',
  // Reports: generate on demand, subscribe by e-mail.
  'report.manage',
  // Campaigns (征集活动): create, publish, adopt entries, publish results, export; for organiser units in scope.
  'campaign.manage',
  // The official working-day calendar (holidays, make-up days): platform admins only.
  'calendar.manage',
  // Oversight (issue 16): the 清零 list and drive, the quarterly bulletin and the annual assessment of the own region subtree (read).
  // Urging a group is message.supervise (coordinators).
  'oversight.read',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Which roles may perform an action at all. Scope (which units or regions)
 * is checked separately by the policy of the module that owns the resource.
 */
export const ROLE_ACTIONS: Record<StaffRole, readonly Action[]> = {
  unit_handler: ['console.enter', 'unit.read', 'message.read_internal', 'message.reply', 'assignment.handle'],
  unit_admin: ['console.enter', 'unit.read', 'unit.create', 'unit.manage', 'account.read', 'account.create', 'account.import', 'account.manage', 'audit.read', 'message.read_internal', 'message.reply', 'assignment.handle', 'reply.review', 'unit.configure', 'campaign.manage'],
  coordinator: ['console.enter', 'unit.read', 'message.read_internal', 'message.screen', 'message.reply', 'assignment.handle', 'message.assign', 'reply.review', 'message.supervise', 'stats.read_internal', 'campaign.manage', 'oversight.read'],
  leader: ['console.enter', 'unit.read', 'message.read_internal', 'message.instruct', 'stats.read_internal', 'oversight.read'],
  analyst: ['console.enter', 'unit.read', 'message.read_internal', 'stats.read_internal', 'report.manage', 'oversight.read'],
  platform_admin: [...ACTIONS],
};

/** Roles a unit admin may hand out inside the own unit subtree. */
export const UNIT_ADMIN_GRANTABLE_ROLES: readonly StaffRole[] = ['unit_handler', 'unit_admin'];

/** The roles an account holding `roles` may give to others (within its own scope). */
export function grantableRolesOf(roles: readonly StaffRole[]): StaffRole[] {
  if (roles.includes('platform_admin')) return [...STAFF_ROLES];
  if (roles.includes('unit_admin')) return [...UNIT_ADMIN_GRANTABLE_ROLES];
  return [];
}

export function actionsOf(roles: readonly StaffRole[]): Action[] {
  const set = new Set<Action>();
  for (const role of roles) for (const action of ROLE_ACTIONS[role] ?? []) set.add(action);
  return ACTIONS.filter((a) => set.has(a));
}
