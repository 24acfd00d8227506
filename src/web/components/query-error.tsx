import { Button, Skeleton, Space } from 'antd';
import { ErrorAlert } from './error-alert';
import { NotFoundResult } from './results';
import { isApiError } from '../lib/api-client';
import { useT } from '../lib/i18n';

export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={error} />
      <Button onClick={onRetry}>{t('common.retry')}</Button>
    </Space>
  );
}

/**
 * What a page about one record shows until it has the record: a skeleton while it loads, "not
 * found" for a 404 (or a 400: an id that cannot exist), any other error with a retry.
 */
export function RecordFallback({ query }: { query: { isPending: boolean; error: unknown; refetch: () => Promise<unknown> } }) {
  if (query.isPending) return <Skeleton active />;
  if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) return <NotFoundResult />;
  return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
}
