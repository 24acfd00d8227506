import { useQueryClient } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { fetchRegions, REGIONS_STALE_TIME, regionsQueryKey, useRegions, type Region } from '../lib/api/get-regions';
import { useT } from '../lib/i18n';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

interface Props {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  disabled?: boolean;
}

/**
 * Picks one region at any level (province … township), loading each level
 * only when it is opened. Form value: the region code.
 */
export function RegionCascader({ id, value, onChange, disabled }: Props) {
  const t = useT();
  const queryClient = useQueryClient();
  const provinces = useRegions();
  const [loaded, setLoaded] = useState<Record<string, Region[]>>({});
  const [path, setPath] = useState<string[]>([]);

  // A form reset clears the value from outside; forget the path with it.
  useEffect(() => {
    if (value === undefined) setPath([]);
  }, [value]);

  const toOption = (region: Region): RegionOption => ({
    value: region.code,
    label: region.name,
    isLeaf: !region.hasChildren,
    children: loaded[region.code]?.map(toOption),
  });

  const loadData = async (selected: RegionOption[]) => {
    const target = selected.at(-1);
    if (!target || loaded[target.value]) return;
    const children = await queryClient.fetchQuery({
      queryKey: regionsQueryKey(target.value),
      queryFn: () => fetchRegions(target.value),
      staleTime: REGIONS_STALE_TIME,
    });
    setLoaded((previous) => ({ ...previous, [target.value]: children }));
  };

  return (
    <Cascader<RegionOption>
      id={id}
      options={provinces.data?.map(toOption) ?? []}
      loadData={loadData}
      changeOnSelect
      disabled={disabled}
      loading={provinces.isPending}
      placeholder={t('region.placeholder')}
      notFoundContent={provinces.isError ? t('error.generic') : undefined}
      value={path}
      onChange={(next) => {
        const codes = (next ?? []).map(String);
        setPath(codes);
        onChange?.(codes.at(-1));
      }}
      style={{ width: '100%' }}
    />
  );
}
