import { useSearchParams } from 'react-router-dom';

/**
 * The open tab of a page, kept in the URL as `?tab=` so that a reload, the back button and a
 * shared link open the same tab. The first tab is the default and leaves the URL bare; switching
 * tabs drops the other parameters, which belonged to the tab that was left.
 */
export function useTabParam<T extends string>(tabs: readonly T[]): [T, (tab: string) => void] {
  const [params, setParams] = useSearchParams();
  const first = tabs[0] as T;
  const raw = params.get('tab');
  const tab = raw !== null && (tabs as readonly string[]).includes(raw) ? (raw as T) : first;
  const setTab = (key: string) => setParams(key === first ? {} : { tab: key }, { replace: true });
  return [tab, setTab];
}
