import { DatePicker, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useId } from 'react';
import { useT } from '../../../lib/i18n';
import { beijingToday, PERIOD_PRESETS, presetOf, presetPeriod, type Period, type PeriodPreset } from '../lib/periods';

const DAY = 'YYYY-MM-DD';

/** 本周 / 本月 / 本季度 / 本年 / 上半年 / 下半年 / 近30天, or any window from the date picker. */
export function PeriodFilter({ period, onChange, presets = PERIOD_PRESETS }: { period: Period; onChange: (period: Period) => void; presets?: readonly PeriodPreset[] }) {
  const t = useT();
  const today = beijingToday();
  const current = presetOf(period, today);
  const labelId = useId();
  const pickerId = useId();

  const onRange = (range: [Dayjs | null, Dayjs | null] | null) => {
    const [from, to] = range ?? [null, null];
    if (from && to) onChange({ from: from.format(DAY), to: to.format(DAY) });
  };

  return (
    <div className="stats-period">
      <span id={labelId} className="stats-filter-label">
        {t('stats.filter.period')}
      </span>
      <Radio.Group
        aria-labelledby={labelId}
        optionType="button"
        value={current}
        onChange={(event) => onChange(presetPeriod(event.target.value as PeriodPreset, today))}
        options={presets.map((p) => ({ value: p, label: t(`stats.preset.${p}`) }))}
        className="stats-presets"
      />
      <label htmlFor={pickerId} className="visually-hidden">
        {t('stats.filter.custom')}
      </label>
      <DatePicker.RangePicker
        id={{ start: pickerId }}
        value={[dayjs(period.from), dayjs(period.to)]}
        onChange={onRange}
        allowClear={false}
        disabledDate={(d) => d.format(DAY) > today || d.format(DAY) < '2000-01-01'}
        className="stats-range"
      />
    </div>
  );
}
