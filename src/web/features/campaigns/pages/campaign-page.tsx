import { EditOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { CampaignDetail } from '../../../../shared/campaigns';
import { ButtonLink } from '../../../components/button-link';
import { DateTime } from '../../../components/date-time';
import { DetailSection } from '../../../components/detail-section';
import { RecordFallback } from '../../../components/query-error';
import { useMe } from '../../../lib/api/get-me';
import { useT } from '../../../lib/i18n';
import { usePreferences } from '../../../lib/preferences';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useLiveCampaign } from '../api/use-live-campaign';
import { CampaignCover } from '../components/campaign-card';
import { CampaignResults } from '../components/campaign-results';
import { CampaignStatusTag, PhaseTag, PrizeTag } from '../components/campaign-tags';
import { Countdown } from '../components/countdown';
import { EntryForm } from '../components/entry-form';
import { PublicEntries } from '../components/public-entries';
import { RegionList } from '../components/region-names';
import '../components/campaigns.css';

interface Props {
  /** The campaign's questionnaires (the questionnaires feature fills this slot). */
  questionnaires?: (campaign: CampaignDetail) => ReactNode;
}

/** /campaigns/:id — a campaign: what it asks, the live counter, taking part, the public entries and the results. */
export function CampaignPage({ questionnaires }: Props) {
  const t = useT();
  const { id = '' } = useParams();
  // The counter moves over server-sent events, or by polling where they fail.
  const campaign = useLiveCampaign(id);
  useDocumentTitle(campaign.data?.title ?? t('campaigns.title'));
  if (!campaign.isSuccess) return <RecordFallback query={campaign} />;
  return <Detail c={campaign.data} questionnaires={questionnaires} />;
}

function Detail({ c, questionnaires }: { c: CampaignDetail; questionnaires?: Props['questionnaires'] }) {
  const t = useT();
  const { locale } = usePreferences();
  const results = c.status === 'results_published';
  const count = new Intl.NumberFormat(locale).format(c.entryCount);

  return (
    <article className="campaign-detail" data-testid="campaign-detail">
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'campaigns', title: <Link to="/campaigns">{t('nav.campaigns')}</Link> },
          { key: 'this', title: <span aria-current="page">{t('campaigns.crumb')}</span> },
        ]}
      />
      <header className="campaign-hero">
        <CampaignCover url={c.coverUrl} className="campaign-hero-cover" />
        <div className="campaign-hero-text">
          <div className="campaign-tags">
            {c.status === 'draft' ? <CampaignStatusTag status="draft" /> : <PhaseTag phase={c.phase} status={c.status} />}
            {c.hasPrizes && <PrizeTag />}
          </div>
          <h1 className="page-title campaign-title">{c.title}</h1>
          <p className="campaign-organiser">{t('campaigns.organiserIs', { name: c.organiser.name })}</p>
          <p className="campaign-period">
            <DateTime value={c.startsAt} /> – <DateTime value={c.endsAt} />
          </p>
          <div className="campaign-live">
            <Countdown phase={c.phase} startsAt={c.startsAt} endsAt={c.endsAt} className="campaign-live-countdown" />
            {/* Not aria-live: a number that may change every second would keep interrupting a screen reader; it is read where it stands. */}
            <p className="campaign-counter" data-testid="entry-counter">
              <TeamOutlined aria-hidden /> {t('campaigns.counter', { count })}
            </p>
          </div>
          {c.abilities.enter && (
            <Button type="primary" size="large" icon={<EditOutlined aria-hidden />} className="campaign-cta" onClick={goToForm} data-testid="to-entry-form">
              {t('campaigns.takePart')}
            </Button>
          )}
          {c.abilities.manage && (
            <ButtonLink to={`/console/campaigns/${c.id}`} className="campaign-cta">
              {t('campaigns.toConsole')}
            </ButtonLink>
          )}
        </div>
      </header>

      {results && (
        <DetailSection headingId="results-heading" title={t('campaigns.results.title')}>
          <Card className="detail-card">
            <CampaignResults campaign={c} />
          </Card>
        </DetailSection>
      )}

      <DetailSection headingId="about-heading" title={t('campaigns.about')}>
        <Card className="detail-card">
          <div className="campaign-description pre-wrap">{c.description}</div>
          <Descriptions
            column={1}
            size="small"
            className="campaign-facts"
            items={[
              { key: 'board', label: t('campaigns.board'), children: <Link to={`/board/${c.board.id}`}>{c.board.name}</Link> },
              { key: 'regions', label: t('campaigns.regions'), children: <RegionList codes={c.regionCodes} /> },
              ...(c.topics.length > 0
                ? [{ key: 'topics', label: t('campaigns.topics'), children: <span className="campaign-topics">{c.topics.map((x) => <Tag key={x}>{x}</Tag>)}</span> }]
                : []),
              { key: 'public', label: t('campaigns.entriesPublic'), children: c.entriesPublic ? t('campaigns.entriesPublic.yes') : t('campaigns.entriesPublic.no') },
            ]}
          />
        </Card>
      </DetailSection>

      {questionnaires && c.questionnaireIds.length > 0 && (
        <DetailSection headingId="questionnaires-heading" title={t('campaigns.questionnaires')}>
          {questionnaires(c)}
        </DetailSection>
      )}

      <TakePart c={c} />

      {c.entriesPublic && c.status !== 'draft' && (
        <DetailSection headingId="entries-heading" title={t('campaigns.entries.title')}>
          <PublicEntries campaign={c} />
        </DetailSection>
      )}
    </article>
  );
}

/** Brings the entry form into view and puts the cursor in its first field. */
function goToForm() {
  document.getElementById('take-part')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  document.querySelector<HTMLElement>('[data-testid="entry-form"] input')?.focus({ preventScroll: true });
}

/** The entry form while the campaign takes entries; otherwise why not. */
function TakePart({ c }: { c: CampaignDetail }) {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  let body: ReactNode;
  if (c.abilities.enter) body = <EntryForm campaign={c} />;
  else if (c.status === 'draft') return null;
  else if (c.phase === 'upcoming') body = <Alert type="info" showIcon title={t('campaigns.notYet')} />;
  // After the end the header says so; the entries and results are what matter now.
  else if (c.phase === 'ended' || c.status === 'results_published') return null;
  else if (!me.data)
    body = (
      <div className="campaign-login">
        <p>{t('campaigns.loginToTakePart')}</p>
        <ButtonLink type="primary" to={`/login?next=${encodeURIComponent(location.pathname)}`} data-testid="login-to-take-part">
          {t('nav.login')}
        </ButtonLink>
      </div>
    );
  else body = <Alert type="info" showIcon title={t('campaigns.citizensOnly')} />;
  return (
    <DetailSection headingId="take-part" title={t('campaigns.takePart')}>
      <Card className="detail-card write-card">{body}</Card>
    </DetailSection>
  );
}
