import { BulbOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { CampaignSummary } from '../../../../shared/campaigns';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { PhaseTag, PrizeTag } from './campaign-tags';
import { Countdown } from './countdown';

/** The cover, or a plain banner with the campaign's initial when it has none. Decorative: the title says it all. */
export function CampaignCover({ url, className }: { url: string | null; className?: string }) {
  return url ? (
    <img src={url} alt="" className={['campaign-cover', className].filter(Boolean).join(' ')} loading="lazy" />
  ) : (
    <div className={['campaign-cover', 'campaign-cover-blank', className].filter(Boolean).join(' ')} aria-hidden>
      <BulbOutlined />
    </div>
  );
}

/** One campaign in the public list: cover, phase, 有奖, title, organiser, countdown, entries. */
export function CampaignCard({ campaign: c }: { campaign: CampaignSummary }) {
  const t = useT();
  const { locale } = usePreferences();
  const count = new Intl.NumberFormat(locale).format(c.entryCount);
  return (
    <li className="campaign-card" data-testid="campaign-card">
      <CampaignCover url={c.coverUrl} />
      <div className="campaign-card-body">
        <div className="campaign-tags">
          <PhaseTag phase={c.phase} status={c.status} />
          {c.hasPrizes && <PrizeTag />}
        </div>
        <h2 className="campaign-card-title">
          <Link to={`/campaigns/${c.id}`}>{c.title}</Link>
        </h2>
        <p className="campaign-card-organiser">{t('campaigns.organiserIs', { name: c.organiser.name })}</p>
        <div className="campaign-card-foot">
          <Countdown phase={c.phase} startsAt={c.startsAt} endsAt={c.endsAt} />
          <span className="campaign-card-count">{t('campaigns.entryCount', { count })}</span>
        </div>
      </div>
    </li>
  );
}
