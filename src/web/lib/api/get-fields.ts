import { useQuery } from '@tanstack/react-query';
import type { Locale } from '../../../shared/domain';
import { api } from '../api-client';
import { usePreferences } from '../preferences';

/** 领域: one row of the platform's field table (docs/api.md, "Messages"). */
export interface Field {
  code: string;
  nameZh: string;
  nameTw: string;
  nameEn: string;
  sort: number;
  active: boolean;
}

/** The active fields in order; with `all`, inactive ones too (platform admins only). */
export async function fetchFields(all = false): Promise<Field[]> {
  const page = await api.get<{ items: Field[] }>('/fields', { all: all ? 'true' : undefined });
  return page.items;
}

export const fieldsQueryKey = (all = false) => ['fields', all ? 'all' : 'active'] as const;

export function useFields(options: { all?: boolean } = {}) {
  const all = options.all ?? false;
  return useQuery({ queryKey: fieldsQueryKey(all), queryFn: () => fetchFields(all), staleTime: 10 * 60_000 });
}

/** The field's name in the UI language. */
export function fieldName(field: Field, locale: Locale): string {
  if (locale === 'en') return field.nameEn;
  if (locale === 'zh-TW') return field.nameTw;
  return field.nameZh;
}

/** A name for a field code in the UI language; the code itself while loading or when the field is gone. */
export function useFieldName(): (code: string) => string {
  const fields = useFields();
  const { locale } = usePreferences();
  return (code) => {
    const field = fields.data?.find((f) => f.code === code);
    return field ? fieldName(field, locale) : code;
  };
}
