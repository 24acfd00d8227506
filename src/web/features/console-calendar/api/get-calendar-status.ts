import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Whether the calendar needs an admin (from 1 November: next year's holidays not entered). */
export interface CalendarStatus {
  today: string;
  enteredYears: number[];
  currentYear: { year: number; entered: boolean };
  nextYear: { year: number; entered: boolean };
  warning: { year: number; since: string } | null;
}

export function useCalendarStatus(enabled = true) {
  return useQuery({ queryKey: ['calendar', 'status'], queryFn: () => api.get<CalendarStatus>('/calendar/status'), enabled, staleTime: 5 * 60_000 });
}
