import { useQuery } from '@tanstack/react-query';
import type { Bulletin, BulletinRow } from '../../../../shared/oversight';
import { api } from '../../../lib/api-client';
import { oversightQueryKey } from './get-clearance';

export type { Bulletin, BulletinRow };

export interface BulletinQuery {
  regionCode?: string;
  year: number;
  quarter: number;
}

const search = (q: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(q).filter((e): e is [string, string | number] => e[1] !== undefined).map(([k, v]) => [k, String(v)])).toString();

/** GET /oversight/bulletin: a finished quarter's units, scored and ranked. */
export function fetchBulletin(q: BulletinQuery): Promise<Bulletin> {
  return api.get<Bulletin>('/oversight/bulletin', { ...q });
}

export function useBulletin(q: BulletinQuery | null) {
  return useQuery({ queryKey: [...oversightQueryKey, 'bulletin', q], queryFn: () => fetchBulletin(q!), enabled: q !== null, retry: false });
}

/** The bulletin as a file (a plain link: the session cookie authorises it). */
export function bulletinFileUrl(q: BulletinQuery, format: 'xlsx' | 'pdf'): string {
  return `/api/v1/oversight/bulletin/${format}?${search({ ...q })}`;
}

/** The year's figures per unit for the annual assessment, as a workbook. */
export function assessmentFileUrl(q: { regionCode?: string; year: number }): string {
  return `/api/v1/oversight/assessment/xlsx?${search({ ...q })}`;
}
