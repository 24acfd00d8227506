import { Button, Space } from 'antd';
import { ErrorAlert } from './error-alert';
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
