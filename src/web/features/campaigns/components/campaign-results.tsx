import { Skeleton } from 'antd';
import type { CampaignDetail } from '../../../../shared/campaigns';
import { DateTime } from '../../../components/date-time';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useEntries } from '../api/get-entries';
import { EntryItem } from './entry-item';

/** The result page of a campaign: the organiser's summary, then the adopted entries with their notes and prizes. */
export function CampaignResults({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  const adopted = useEntries(campaign.id, { adopted: true, sort: 'newest' }, { enabled: campaign.entriesPublic });
  const items = adopted.data?.pages.flatMap((p) => p.items) ?? [];
  const winners = items.filter((e) => e.adopted?.prize);

  return (
    <div className="campaign-results" data-testid="campaign-results">
      {campaign.resultsPublishedAt && (
        <p className="muted">
          {t('campaigns.results.publishedAt')} <DateTime value={campaign.resultsPublishedAt} />
        </p>
      )}
      {campaign.resultSummary && <div className="campaign-results-summary pre-wrap">{campaign.resultSummary}</div>}
      <ul className="campaign-figures" aria-label={t('campaigns.results.figures')}>
        <li>
          <span className="campaign-figure-value">{campaign.entryCount}</span>
          <span className="campaign-figure-label">{t('campaigns.figure.entries')}</span>
        </li>
        <li>
          <span className="campaign-figure-value">{campaign.adoptedCount}</span>
          <span className="campaign-figure-label">{t('campaigns.figure.adopted')}</span>
        </li>
        {campaign.hasPrizes && (
          <li>
            <span className="campaign-figure-value">{adopted.isSuccess ? winners.length : '–'}</span>
            <span className="campaign-figure-label">{t('campaigns.figure.winners')}</span>
          </li>
        )}
      </ul>
      {campaign.entriesPublic &&
        (adopted.isPending ? (
          <Skeleton active />
        ) : adopted.isError ? (
          <QueryError error={adopted.error} onRetry={() => void adopted.refetch()} />
        ) : (
          items.length > 0 && (
            <>
              <h3 className="campaign-subtitle">{t('campaigns.results.adopted')}</h3>
              <ul className="entry-list" data-testid="adopted-entries">
                {items.map((e) => (
                  <EntryItem key={e.id} entry={e} headingLevel={4} />
                ))}
              </ul>
              <LoadMore list={adopted} />
            </>
          )
        ))}
    </div>
  );
}
