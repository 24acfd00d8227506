import { Button, Space, Tag } from 'antd';
import { useState } from 'react';
import { RegionCascader } from '../../../components/region-cascader';
import { useT } from '../../../lib/i18n';
import { useRegionNames } from './region-names';

interface Props {
  id?: string;
  /** Form value: region codes; empty: the whole country (or the board's whole area). */
  value?: string[];
  onChange?: (codes: string[]) => void;
  disabled?: boolean;
}

/** Several regions: each chosen with the region cascader and added; each removable. */
export function RegionsPicker({ id, value = [], onChange, disabled }: Props) {
  const t = useT();
  const names = useRegionNames(value);
  const [picking, setPicking] = useState<string | undefined>(undefined);
  const add = () => {
    if (picking && !value.includes(picking)) onChange?.([...value, picking]);
    setPicking(undefined);
  };
  return (
    <div className="regions-picker">
      <ul className="regions-picker-list" aria-label={t('campaigns.form.regionsChosen')}>
        {value.length === 0 && <li className="muted">{t('campaigns.regions.all')}</li>}
        {value.map((code) => (
          <li key={code}>
            <Tag
              closable={!disabled}
              onClose={() => onChange?.(value.filter((c) => c !== code))}
              closeIcon={<span aria-label={t('campaigns.form.regionRemove', { name: names.get(code) ?? code })}>×</span>}
            >
              {names.get(code) ?? code}
            </Tag>
          </li>
        ))}
      </ul>
      {!disabled && (
        <Space.Compact style={{ width: '100%' }}>
          <RegionCascader id={id} value={picking} onChange={setPicking} />
          <Button onClick={add} disabled={!picking} data-testid="region-add">
            {t('campaigns.form.regionAdd')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}
