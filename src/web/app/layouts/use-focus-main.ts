import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * After a client-side navigation, screen-reader and keyboard users would stay
 * on the link they used; move them to the new page's content as a full page load would.
 */
export function useFocusMainOnNavigate(): void {
  const { pathname } = useLocation();
  // Compared with the previous path rather than a "first render" flag, which StrictMode's double effects would defeat.
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
}
