import { ClockCircleOutlined } from '@ant-design/icons';
import type { CampaignPhase } from '../../../../shared/campaigns';
import { useT } from '../../../lib/i18n';
import { formatDuration, useNow } from '../../../lib/use-now';

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
  const now = useNow(30_000);
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
