import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useUnitSearch, type Unit } from '../lib/api/get-units';
import { useT } from '../lib/i18n';

interface Common {
  id?: string;
  /** Search only the units this assignment may be passed down to (链式交办). */
  passDownFrom?: number;
  /** Units that must not be offered (e.g. the lead unit in the co-handler list). */
  exclude?: readonly number[];
  placeholder?: string;
  'data-testid'?: string;
}

interface SingleProps extends Common {
  value?: number;
  onChange?: (unitId: number | undefined) => void;
  /** The label of the unit already chosen (editing a saved form), until a search finds it. */
  initialLabel?: string;
  disabled?: boolean;
}

interface MultipleProps extends Common {
  value?: number[];
  onChange?: (unitIds: number[]) => void;
}

/** Typing, debounced, and the page of units it finds; chosen units keep their labels when later searches no longer return them. */
function useUnitOptions(passDownFrom: number | undefined) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [known, setKnown] = useState<Map<number, Unit>>(new Map());

  useEffect(() => {
    const timer = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(timer);
  }, [input]);

  const search = useUnitSearch(q, { passDownFrom });
  const found = search.data?.items ?? [];
  const remember = (ids: number[]) =>
    setKnown((previous) => {
      const next = new Map(previous);
      for (const id of ids) {
        const unit = found.find((u) => u.id === id);
        if (unit) next.set(id, unit);
      }
      return next;
    });
  const unitsWith = (chosen: number[]) => [...chosen.flatMap((id) => (found.some((u) => u.id === id) ? [] : (known.get(id) ?? []))), ...found];
  return { search, setInput, remember, unitsWith };
}

/** Searches the units in the caller's scope by name. Form value: the unit id. */
export function UnitSelect({ id, value, onChange, passDownFrom, exclude = [], placeholder, initialLabel, disabled, 'data-testid': testId }: SingleProps) {
  const t = useT();
  const { search, setInput, remember, unitsWith } = useUnitOptions(passDownFrom);
  const units = unitsWith(value === undefined ? [] : [value]).filter((u) => !exclude.includes(u.id));
  const initial = value !== undefined && initialLabel !== undefined && !units.some((u) => u.id === value) ? [{ value, label: initialLabel }] : [];
  return (
    <Select<number>
      id={id}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      value={value}
      placeholder={placeholder ?? t('unitSelect.placeholder')}
      loading={search.isFetching}
      notFoundContent={search.isError ? t('error.generic') : t('common.empty')}
      options={[...initial, ...units.map((unit) => ({ value: unit.id, label: t('unitSelect.option', { name: unit.name, region: unit.regionName }) }))]}
      onChange={(next) => {
        if (next !== undefined) remember([next]);
        onChange?.(next);
      }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

/** Several units (co-handlers). Form value: the unit ids. */
export function UnitMultiSelect({ id, value = [], onChange, passDownFrom, exclude = [], placeholder, 'data-testid': testId }: MultipleProps) {
  const t = useT();
  const { search, setInput, remember, unitsWith } = useUnitOptions(passDownFrom);
  const units = unitsWith(value).filter((u) => !exclude.includes(u.id) || value.includes(u.id));
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      value={value}
      placeholder={placeholder ?? t('unitSelect.placeholder')}
      loading={search.isFetching}
      notFoundContent={search.isError ? t('error.generic') : t('common.empty')}
      options={units.map((unit) => ({ value: unit.id, label: t('unitSelect.option', { name: unit.name, region: unit.regionName }) }))}
      onChange={(next) => {
        remember(next);
        onChange?.(next);
      }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
