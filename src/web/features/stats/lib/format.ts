import { useMemo } from 'react';
import { usePreferences } from '../../../lib/preferences';

/** How a missing figure (a rate over nothing) reads. */
export const NO_FIGURE = '—';

export interface StatFormat {
  /** 12,345 */
  count(n: number): string;
  /** 0.6706 → 67.06%; null → — */
  rate(r: number | null): string;
  /** 0.53 → +53.00%; null → — */
  growth(g: number | null): string;
  /** 3.456 → 3.5 */
  decimal(n: number | null, digits?: number): string;
  /** 331000 → 33.1万 (zh) / 331K (en): for sentences, not tables. */
  compact(n: number): string;
}

/** Numbers in the UI language, with thousands separators. */
export function useStatFormat(): StatFormat {
  const { locale } = usePreferences();
  return useMemo(() => {
    const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const signed = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
    const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    return {
      count: (n) => count.format(n),
      rate: (r) => (r === null ? NO_FIGURE : percent.format(r)),
      growth: (g) => (g === null ? NO_FIGURE : signed.format(g)),
      decimal: (n, digits = 1) =>
        n === null ? NO_FIGURE : new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n),
      compact: (n) => (n >= 10_000 ? compact.format(n) : count.format(n)),
    };
  }, [locale]);
}
