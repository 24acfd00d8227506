import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';

/**
 * Keyboard work over a table of rows, as helpdesk tools have it: j / ↓ moves to the next row,
 * k / ↑ to the previous, Enter opens the row. The active row takes the focus, so a screen reader
 * reads it and the page scrolls to it. Keys typed into inputs are left alone.
 */
export function useRowKeys<T>(rows: readonly T[], open: (row: T) => void) {
  const [active, setActive] = useState(-1);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (active >= rows.length) setActive(rows.length - 1);
  }, [rows.length, active]);

  const focusRow = useCallback((index: number) => {
    setActive(index);
    const row = container.current?.querySelectorAll<HTMLElement>('[data-row-key]')[index];
    row?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable="true"], .ant-select')) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if ((event.key === 'j' || event.key === 'ArrowDown') && rows.length > 0) {
      event.preventDefault();
      focusRow(Math.min(rows.length - 1, active + 1));
    } else if ((event.key === 'k' || event.key === 'ArrowUp') && rows.length > 0) {
      event.preventDefault();
      focusRow(Math.max(0, active - 1));
    } else if (event.key === 'Enter' && active >= 0 && active < rows.length && target.hasAttribute('data-row-key')) {
      event.preventDefault();
      open(rows[active]!);
    }
  };

  /** Props for each table row: focusable, marked when active. */
  const rowProps = (index: number) => ({
    tabIndex: index === active || (active === -1 && index === 0) ? 0 : -1,
    className: index === active ? 'row-active' : undefined,
    onFocus: () => setActive(index),
  });

  return { container, onKeyDown, rowProps, active };
}
