import { Alert, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useAdopted } from '../api/get-adopted';
import { EntryItem } from '../components/entry-item';
import '../components/campaigns.css';

/** /adopted — 采纳建议: what the public suggested and the government took up, across campaigns, with what was adopted and where. */
export function AdoptedPage() {
  const t = useT();
  useDocumentTitle(t('campaigns.adopted.title'));
  const list = useAdopted();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <div className="campaigns-head">
        <h1 className="page-title">{t('campaigns.adopted.title')}</h1>
        <Link to="/campaigns" className="campaigns-adopted-link">
          {t('campaigns.adopted.back')}
        </Link>
      </div>
      <p className="page-intro">{t('campaigns.adopted.intro')}</p>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Alert type="info" showIcon title={t('campaigns.adopted.none')} />
      ) : (
        <>
          <ul className="entry-list" data-testid="adopted-list">
            {items.map((s) => (
              <EntryItem
                key={s.id}
                entry={s}
                headingLevel={2}
                context={
                  <p className="entry-campaign">
                    <Link to={`/campaigns/${s.campaign.id}`}>{s.campaign.title}</Link>
                    <span className="muted"> · {s.campaign.organiser.name}</span>
                  </p>
                }
              />
            ))}
          </ul>
          <LoadMore list={list} endNote />
        </>
      )}
    </>
  );
}
