import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useUnitSearch, type Unit } from '../lib/api/get-units';
import { useT } from '../lib/i18n';

interface Props {
  id?: string;
  value?: number;
  onChange?: (unitId: number | undefined) => void;
}

/** Searches the units in the caller's scope by name. Form value: the unit id. */
export function UnitSelect({ id, value, onChange }: Props) {
  const t = useT();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  // Keeps the chosen unit's label when later searches no longer return it.
  const [chosen, setChosen] = useState<Unit | undefined>();

  useEffect(() => {
    const timer = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(timer);
  }, [input]);

  useEffect(() => {
    if (value === undefined) setChosen(undefined);
  }, [value]);

  const search = useUnitSearch(q);
  const units = search.data?.items ?? [];
  const all = chosen && !units.some((u) => u.id === chosen.id) ? [chosen, ...units] : units;

  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      value={value}
      placeholder={t('unitSelect.placeholder')}
      loading={search.isFetching}
      notFoundContent={search.isError ? t('error.generic') : t('common.empty')}
      options={all.map((unit) => ({ value: unit.id, label: t('unitSelect.option', { name: unit.name, region: unit.regionName }) }))}
      onChange={(next) => {
        setChosen(all.find((u) => u.id === next));
        onChange?.(next);
      }}
      style={{ width: '100%' }}
    />
  );
}
