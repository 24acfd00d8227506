import { useQuery } from '@tanstack/react-query';
import type { CalendarStatus } from '../../../../shared/calendar';
import { api } from '../../../lib/api-client';

export type { CalendarStatus } from '../../../../shared/calendar';

export function useCalendarStatus(enabled = true) {
  return useQuery({ queryKey: ['calendar', 'status'], queryFn: () => api.get<CalendarStatus>('/calendar/status'), enabled, staleTime: 5 * 60_000 });
}
