import { Spin } from 'antd';
import { useT } from '../lib/i18n';

export function Loading() {
  const t = useT();
  return (
    <div className="loading" role="status">
      <Spin />
      <span className="visually-hidden">{t('common.loading')}</span>
    </div>
  );
}
