import { PlusOutlined } from '@ant-design/icons';
import { Space, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { CampaignSummary } from '../../../../shared/campaigns';
import { ButtonLink } from '../../../components/button-link';
import { DateTime } from '../../../components/date-time';
import { PagedTable } from '../../../components/paged-table';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCampaigns } from '../api/get-campaigns';
import { CampaignStatusTag, PhaseTag, PrizeTag } from '../components/campaign-tags';
import '../components/campaigns.css';

/** /console/campaigns — the campaigns the account organises, drafts included. */
export function ManageCampaignsPage() {
  const t = useT();
  useDocumentTitle(t('campaigns.console.title'));
  const list = useCampaigns({ manage: true });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<CampaignSummary> = [
    {
      title: t('campaigns.col.title'),
      key: 'title',
      render: (_, c) => (
        <Space orientation="vertical" size={2}>
          <Link to={`/console/campaigns/${c.id}`} data-testid="manage-campaign-link">
            {c.title}
          </Link>
          <span className="muted">{c.organiser.name}</span>
        </Space>
      ),
    },
    {
      title: t('campaigns.col.status'),
      key: 'status',
      render: (_, c) => (
        <Space size={4} wrap>
          <CampaignStatusTag status={c.status} />
          {c.status !== 'draft' && <PhaseTag phase={c.phase} />}
          {c.hasPrizes && <PrizeTag />}
        </Space>
      ),
    },
    {
      title: t('campaigns.col.period'),
      key: 'period',
      render: (_, c) => (
        <>
          <DateTime value={c.startsAt} />
          <br />
          <DateTime value={c.endsAt} />
        </>
      ),
    },
    { title: t('campaigns.col.entries'), dataIndex: 'entryCount', align: 'right' },
    { title: t('campaigns.col.adopted'), dataIndex: 'adoptedCount', align: 'right' },
  ];

  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('campaigns.console.title')}</h1>
        <ButtonLink type="primary" icon={<PlusOutlined aria-hidden />} to="/console/campaigns/new" data-testid="new-campaign">
          {t('campaigns.console.new')}
        </ButtonLink>
      </div>
      <p className="page-intro">{t('campaigns.console.intro')}</p>
      <PagedTable<CampaignSummary> list={list} columns={columns} dataSource={rows} locale={{ emptyText: t('campaigns.console.none') }} data-testid="manage-campaigns" />
    </>
  );
}
