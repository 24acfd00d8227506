import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useMe } from '../lib/api/get-me';

const CHANGE_PASSWORD_PATH = '/me/password';

/**
 * A new or admin-reset staff account is held on the change-password screen
 * (the server refuses everything else with password_change_required anyway).
 */
export function PasswordGate({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.data?.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`${CHANGE_PASSWORD_PATH}?next=${next}`} replace />;
  }
  return children;
}
