import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Breadcrumb, Card, Descriptions, Space, Tabs } from 'antd';
import { PublishButton } from '../../../components/publish-button';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { CampaignDetail } from '../../../../shared/campaigns';
import { ButtonLink } from '../../../components/button-link';
import { DateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { RecordFallback } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useTabParam } from '../../../lib/use-tab-param';
import { useCampaign } from '../api/get-campaign';
import { usePublishCampaign } from '../api/publish-campaign';
import { CampaignStatsView } from '../components/campaign-stats-view';
import { CampaignStatusTag, PhaseTag, PrizeTag } from '../components/campaign-tags';
import { Countdown } from '../components/countdown';
import { ManageEntries } from '../components/manage-entries';
import { RegionList } from '../components/region-names';
import { ResultsForm } from '../components/results-form';
import '../components/campaigns.css';

const TABS = ['entries', 'stats', 'questionnaires', 'results'] as const;

interface Props {
  /** The campaign's questionnaires for its organiser (the questionnaires feature fills this slot). */
  questionnaires?: (campaign: CampaignDetail) => ReactNode;
}

/** /console/campaigns/:id — one campaign for its organiser: publish, entries and adoption, figures, questionnaires, results. */
export function ManageCampaignPage({ questionnaires }: Props) {
  const t = useT();
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  useDocumentTitle(campaign.data?.title ?? t('campaigns.console.title'));
  if (!campaign.isSuccess) return <RecordFallback query={campaign} />;
  return <Manage c={campaign.data} questionnaires={questionnaires} />;
}

function Manage({ c, questionnaires }: { c: CampaignDetail; questionnaires?: Props['questionnaires'] }) {
  const t = useT();
  const [tab, setTab] = useTabParam(TABS);
  const publish = usePublishCampaign();
  const [error, setError] = useState<unknown>(null);

  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'list', title: <Link to="/console/campaigns">{t('campaigns.console.title')}</Link> },
          { key: 'this', title: <span aria-current="page">{c.title}</span> },
        ]}
      />
      <div className="console-page-head">
        <h1 className="page-title">{c.title}</h1>
        <Space wrap>
          <ButtonLink icon={<EditOutlined aria-hidden />} to={`/console/campaigns/${c.id}/edit`} data-testid="edit-campaign">
            {t('campaigns.console.edit')}
          </ButtonLink>
          <ButtonLink icon={<EyeOutlined aria-hidden />} to={`/campaigns/${c.id}`}>
            {c.status === 'draft' ? t('campaigns.console.preview') : t('campaigns.console.view')}
          </ButtonLink>
          {c.status === 'draft' && (
            <PublishButton keys="campaigns.console" publish={() => publish.mutateAsync(c.id)} pending={publish.isPending} onError={setError} testId="publish-campaign" />
          )}
        </Space>
      </div>
      {error !== null && (
        <div className="form-alert">
          <ErrorAlert error={error} />
        </div>
      )}
      <Card className="console-wide-card">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'status',
              label: t('campaigns.col.status'),
              children: (
                <Space size={4} wrap>
                  <span data-testid="campaign-status">
                    <CampaignStatusTag status={c.status} />
                  </span>
                  {c.status !== 'draft' && <PhaseTag phase={c.phase} />}
                  {c.hasPrizes && <PrizeTag />}
                </Space>
              ),
            },
            { key: 'organiser', label: t('campaigns.form.organiser'), children: c.organiser.name },
            {
              key: 'period',
              label: t('campaigns.col.period'),
              children: (
                <div>
                  <DateTime value={c.startsAt} /> – <DateTime value={c.endsAt} />
                  {c.status !== 'draft' && (
                    <div>
                      <Countdown phase={c.phase} startsAt={c.startsAt} endsAt={c.endsAt} />
                    </div>
                  )}
                </div>
              ),
            },
            { key: 'board', label: t('campaigns.board'), children: c.board.name },
            { key: 'regions', label: t('campaigns.regions'), children: <RegionList codes={c.regionCodes} /> },
            { key: 'topics', label: t('campaigns.topics'), children: c.topics.length > 0 ? c.topics.join(t('common.listSeparator')) : t('common.none') },
            { key: 'entries', label: t('campaigns.figure.entries'), children: <span data-testid="manage-entry-count">{c.entryCount}</span> },
            { key: 'adopted', label: t('campaigns.figure.adopted'), children: c.adoptedCount },
          ]}
        />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'entries', label: t('campaigns.console.tab.entries'), children: <ManageEntries campaign={c} /> },
          { key: 'stats', label: t('campaigns.console.tab.stats'), children: <CampaignStatsView campaign={c} /> },
          { key: 'questionnaires', label: t('campaigns.console.tab.questionnaires'), children: questionnaires?.(c) ?? null },
          { key: 'results', label: t('campaigns.console.tab.results'), children: <ResultsForm campaign={c} /> },
        ]}
      />
    </>
  );
}
