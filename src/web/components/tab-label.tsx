import type { ReactNode } from 'react';

/** A tab's name with its count beside it; `alert` marks a count that asks for action (work overdue). */
export function TabLabel({ label, count, alert = false }: { label: string; count?: ReactNode; alert?: boolean }) {
  return (
    <span>
      {label}
      {count !== undefined && <span className={alert ? 'tab-count tab-count-alert' : 'tab-count'}>{count}</span>}
    </span>
  );
}
