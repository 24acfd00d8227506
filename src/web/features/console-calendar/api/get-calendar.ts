import { useQuery } from '@tanstack/react-query';
import type { CalendarYearView } from '../../../../shared/calendar';
import { api } from '../../../lib/api-client';

export type { CalendarDayView, CalendarYearView as CalendarYear, RecomputedDeadline } from '../../../../shared/calendar';

export const calendarYearKey = (year: number) => ['calendar', 'year', year] as const;

export function useCalendarYear(year: number) {
  return useQuery({ queryKey: calendarYearKey(year), queryFn: () => api.get<CalendarYearView>(`/calendar/years/${year}`) });
}
