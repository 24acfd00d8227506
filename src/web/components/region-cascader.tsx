import { useQueryClient } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { fetchRegions, REGIONS_STALE_TIME, regionsQueryKey, useRegions, type Region } from '../lib/api/get-regions';
import { useT } from '../lib/i18n';
import { fetchRegion, regionQueryKey } from '../lib/api/get-region';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

interface Props {
  id?: string;
  /** Form value: the region code. */
  value?: string;
  onChange?: (code: string | undefined) => void;
  disabled?: boolean;
}

/**
 * Picks one region at any level (province … township), loading each level
 * only when it is opened. A value set from outside (a preset such as a
 * board's region, a form reset) shows with its whole path, so the user can
 * go deeper from there. Form value: the region code.
 */
export function RegionCascader({ id, value, onChange, disabled }: Props) {
  const t = useT();
  const queryClient = useQueryClient();
  const provinces = useRegions();
  const [loaded, setLoaded] = useState<Record<string, Region[]>>({});
  const [path, setPath] = useState<string[]>([]);

  const loadChildren = async (code: string) => {
    const children = await queryClient.fetchQuery({
      queryKey: regionsQueryKey(code),
      queryFn: () => fetchRegions(code),
      staleTime: REGIONS_STALE_TIME,
    });
    setLoaded((previous) => ({ ...previous, [code]: children }));
  };

  // A value set from outside (the preset, a reset): show its whole path.
  useEffect(() => {
    if (value === undefined) {
      setPath([]);
      return;
    }
    if (path.at(-1) === value) return;
    let cancelled = false;
    void (async () => {
      const region = await queryClient.fetchQuery({
        queryKey: regionQueryKey(value),
        queryFn: () => fetchRegion(value),
        staleTime: REGIONS_STALE_TIME,
      });
      const codes = [...region.ancestors.filter((r) => r.level !== 'national').map((r) => r.code), region.code];
      // Each level's options must exist before the cascader can show the path.
      await Promise.all(codes.slice(0, -1).map(loadChildren));
      if (region.hasChildren) await loadChildren(region.code);
      if (!cancelled) setPath(codes);
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
    // Only an outside change of the value matters here.
  }, [value]);

  const toOption = (region: Region): RegionOption => ({
    value: region.code,
    label: region.name,
    isLeaf: !region.hasChildren,
    children: loaded[region.code]?.map(toOption),
  });

  return (
    <Cascader<RegionOption>
      id={id}
      options={provinces.data?.map(toOption) ?? []}
      loadData={async (selected) => {
        const target = selected.at(-1);
        if (target && !loaded[target.value]) await loadChildren(target.value);
      }}
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
