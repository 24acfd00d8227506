import { useEffect } from 'react';
import { useT } from './i18n';

/** WCAG 2.4.2: every page has a title that says where the user is. */
export function useDocumentTitle(title: string | undefined): void {
  const t = useT();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} - ${app}` : app;
  }, [title, app]);
}
