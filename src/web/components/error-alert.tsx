import { Alert } from 'antd';
import { isApiError } from '../lib/api-client';
import { useT } from '../lib/i18n';

/** Shows an ApiError's server-written title and detail (already in the UI language). */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const t = useT();
  if (!error) return null;
  let heading = title ?? t('error.generic');
  let description: string | undefined;
  if (isApiError(error)) {
    if (error.code === 'network') description = t('error.network');
    else {
      heading = error.title || heading;
      description = error.detail && error.detail !== error.title ? error.detail : undefined;
    }
  }
  return <Alert type="error" showIcon title={heading} description={description} />;
}
