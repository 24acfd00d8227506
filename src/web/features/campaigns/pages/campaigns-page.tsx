import { Alert, Radio, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import type { CampaignPhase } from '../../../../shared/campaigns';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useTabParam } from '../../../lib/use-tab-param';
import { useCampaigns } from '../api/get-campaigns';
import { CampaignCard } from '../components/campaign-card';
import '../components/campaigns.css';

const PHASES = ['open', 'upcoming', 'ended'] as const satisfies readonly CampaignPhase[];

/** /campaigns — 征集活动: the open ones first, then those to come and those that ended. */
export function CampaignsPage() {
  const t = useT();
  useDocumentTitle(t('campaigns.title'));
  const [phase, setPhase] = useTabParam(PHASES);
  const list = useCampaigns({ phase });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <div className="campaigns-head">
        <h1 className="page-title">{t('campaigns.title')}</h1>
        <span className="campaigns-head-links">
          <Link to="/questionnaires" className="campaigns-adopted-link" data-testid="to-questionnaires">
            {t('campaigns.questionnaires.link')}
          </Link>
          <Link to="/adopted" className="campaigns-adopted-link" data-testid="to-adopted">
            {t('campaigns.adopted.link')}
          </Link>
        </span>
      </div>
      <p className="page-intro">{t('campaigns.intro')}</p>
      <Radio.Group
        optionType="button"
        value={phase}
        onChange={(e) => setPhase(String(e.target.value))}
        options={PHASES.map((p) => ({ value: p, label: t(`campaigns.tab.${p}`) }))}
        className="status-choice campaigns-phases"
        aria-label={t('campaigns.tab.label')}
      />
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Alert type="info" showIcon title={t(`campaigns.empty.${phase}`)} />
      ) : (
        <>
          <ul className="campaign-grid" aria-label={t(`campaigns.tab.${phase}`)}>
            {items.map((c) => (
              <CampaignCard key={c.id} campaign={c} />
            ))}
          </ul>
          <LoadMore list={list} />
        </>
      )}
    </>
  );
}
