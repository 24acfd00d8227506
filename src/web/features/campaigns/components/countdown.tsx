import { ClockCircleOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import type { CampaignPhase } from '../../../../shared/campaigns';
import { useT, type Translate } from '../../../lib/i18n';

/** The current time, renewed every `everyMs` so countdowns move while the page is open. */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "2天3小时", "5小时", "12分钟". */
export function formatDuration(t: Translate, ms: number): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? t('duration.daysHours', { d: days, h: hours }) : t('duration.days', { d: days });
  if (hours > 0) return t('duration.hours', { h: hours });
  return t('duration.minutes', { m: minutes });
}

interface Props {
  phase: CampaignPhase;
  startsAt: string;
  endsAt: string;
  className?: string;
}

/**
 * 距开始还有… / 距结束还有… / 已结束, from the browser's clock. The phase the server sent
 * decides when the clock disagrees (it has passed the end here but the answer is older).
 */
export function Countdown({ phase, startsAt, endsAt, className }: Props) {
  const t = useT();
  const now = useNow();
  const toStart = new Date(startsAt).getTime() - now.getTime();
  const toEnd = new Date(endsAt).getTime() - now.getTime();
  let text: string;
  if (phase === 'ended' || toEnd <= 0) text = t('campaigns.countdown.ended');
  else if (phase === 'upcoming' && toStart > 0) text = t('campaigns.countdown.toStart', { duration: formatDuration(t, toStart) });
  else text = t('campaigns.countdown.toEnd', { duration: formatDuration(t, toEnd) });
  return (
    <span className={['campaign-countdown', className].filter(Boolean).join(' ')} data-testid="campaign-countdown">
      <ClockCircleOutlined aria-hidden /> {text}
    </span>
  );
}
