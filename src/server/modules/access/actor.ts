import type { StaffRole } from '../../../shared/permissions.js';

/** Who is asking: resolved from the session once per request. */
export interface Actor {
  accountId: string;
  kind: 'citizen' | 'staff';
  roles: StaffRole[];
  nickname: string;
  /** Staff only: the unit and its tree path (unit subtree scope). */
  unitId: string | null;
  unitPath: string | null;
  /** Staff only: the unit's region and its tree path (region subtree scope). */
  regionCode: string | null;
  regionPath: string | null;
  /** Set after an admin's reset or on a new staff account: only reading itself, logging out and changing the password are allowed. */
  mustChangePassword?: boolean;
  sessionId: string;
  csrfToken: string;
}
