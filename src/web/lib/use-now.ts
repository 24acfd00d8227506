import { useEffect, useState } from 'react';
import type { Translate } from './i18n';

/** The current time, renewed every `everyMs` so countdowns move while the page is open. */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "2天3小时", "5小时", "12分钟": calendar time (a deadline's due time was already placed on working days). */
export function formatDuration(t: Translate, ms: number): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? t('duration.daysHours', { d: days, h: hours }) : t('duration.days', { d: days });
  if (hours > 0) return t('duration.hours', { h: hours });
  return t('duration.minutes', { m: minutes });
}
