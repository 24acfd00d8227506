import type { GrowthReason } from '../../../../shared/stats';
import { useT } from '../../../lib/i18n';
import { useStatFormat } from '../lib/format';

/**
 * A growth figure (+53.00%), or — where the baseline does not bear one (docs/metrics.md "Small
 * numbers"): 新增 when there was nothing before, — under the minimum baseline; the title says why.
 */
export function GrowthValue({ value, reason, minBase }: { value: number | null; reason: GrowthReason | null | undefined; minBase?: number }) {
  const t = useT();
  const format = useStatFormat();
  if (value !== null) return <>{format.growth(value)}</>;
  if (reason === 'new') return <span title={t('stats.growth.newTitle')}>{t('stats.growth.new')}</span>;
  if (reason === 'small_base' && minBase !== undefined) {
    return (
      <span title={t('stats.growth.smallBase', { n: minBase })}>
        {format.growth(null)}
        <span className="visually-hidden">{t('stats.growth.smallBase', { n: minBase })}</span>
      </span>
    );
  }
  return <>{format.growth(null)}</>;
}
