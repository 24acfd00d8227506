import { usePreferences } from '../lib/preferences';

// The platform keeps China's clock (message numbers carry the Beijing date), so times read the same everywhere.
const TIME_ZONE = 'Asia/Shanghai';

/** A point in time in the UI language and Beijing time, machine-readable for assistive technology. */
export function DateTime({ value, withTime = true }: { value: string; withTime?: boolean }) {
  const { locale } = usePreferences();
  const date = new Date(value);
  const text = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE } : { dateStyle: 'medium', timeZone: TIME_ZONE }).format(date);
  return <time dateTime={date.toISOString()}>{text}</time>;
}
