import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CalendarEntry, CalendarKind } from '../../../../shared/calendar';
import { api } from '../../../lib/api-client';
import type { CalendarYear } from './get-calendar';

export function useEnterCalendarYear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, entries, notice }: { year: number; entries: CalendarEntry[]; notice: string | null }) => api.put<CalendarYear>(`/calendar/years/${year}`, { entries, notice }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendar'] }),
  });
}

export function useSetCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ day, kind, name }: { day: string; kind: CalendarKind | 'normal'; name: string | null }) => api.put<CalendarYear>(`/calendar/days/${day}`, { kind, name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendar'] }),
  });
}
