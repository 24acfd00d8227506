import { Breadcrumb } from 'antd';
import { Link } from 'react-router-dom';
import { useRegion } from '../../../lib/api/get-region';
import { useT } from '../../../lib/i18n';
import { NATIONAL } from '../lib/use-stats-params';

/** The drill path: 全国 › 广东省 › 广州市, each step a link back up. */
export function RegionBreadcrumb({ region, linkTo }: { region: string; linkTo: (code: string) => string }) {
  const t = useT();
  const current = useRegion(region === NATIONAL ? undefined : region);
  const trail = (current.data?.ancestors ?? []).filter((r) => r.code !== NATIONAL && r.level !== 'national');
  const here = region === NATIONAL ? t('stats.national') : (current.data?.name ?? '…');
  return (
    <nav aria-label={t('stats.filter.region')} className="stats-breadcrumb">
      <Breadcrumb
        items={[
          ...(region === NATIONAL ? [] : [{ key: NATIONAL, title: <Link to={linkTo(NATIONAL)}>{t('stats.national')}</Link> }]),
          ...trail.map((r) => ({ key: r.code, title: <Link to={linkTo(r.code)}>{r.name}</Link> })),
          { key: region, title: <span aria-current="page">{here}</span> },
        ]}
      />
    </nav>
  );
}
