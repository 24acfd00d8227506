import { useQuery } from '@tanstack/react-query';
import type { CalendarKind } from '../../../../shared/calendar';
import { api } from '../../../lib/api-client';

/** One holiday or make-up working day (docs/api.md, "Working-day calendar"). */
export interface CalendarDayView {
  day: string;
  kind: CalendarKind;
  name: string;
  source: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface RecomputedDeadline {
  assignmentId: number;
  unitId: number;
  unitName: string;
  deadline: 'sign' | 'contact' | 'reply';
  from: string;
  to: string;
}

export interface CalendarYear {
  year: number;
  entered: { source: string; notice: string | null; at: string; by: string | null } | null;
  provisional: boolean;
  days: CalendarDayView[];
  years: { year: number; entered: boolean; source: string | null; holidays: number; workdays: number }[];
  recomputed?: RecomputedDeadline[];
}

export const calendarYearKey = (year: number) => ['calendar', 'year', year] as const;

export function useCalendarYear(year: number) {
  return useQuery({ queryKey: calendarYearKey(year), queryFn: () => api.get<CalendarYear>(`/calendar/years/${year}`) });
}
