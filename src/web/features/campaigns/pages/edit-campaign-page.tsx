import { App, Breadcrumb, Card } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { RecordFallback } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCampaign } from '../api/get-campaign';
import { CampaignForm } from '../components/campaign-form';
import '../components/campaigns.css';

/** /console/campaigns/new — a new campaign, saved as a draft. */
export function NewCampaignPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  useDocumentTitle(t('campaigns.console.new'));
  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'list', title: <Link to="/console/campaigns">{t('campaigns.console.title')}</Link> },
          { key: 'new', title: <span aria-current="page">{t('campaigns.console.new')}</span> },
        ]}
      />
      <h1 className="page-title">{t('campaigns.console.new')}</h1>
      <p className="page-intro">{t('campaigns.console.newIntro')}</p>
      <Card className="console-form-card campaign-form-card">
        <CampaignForm
          onSaved={(campaign) => {
            void message.success(t('campaigns.form.created'));
            navigate(`/console/campaigns/${campaign.id}`);
          }}
          onCancel={() => navigate('/console/campaigns')}
        />
      </Card>
    </>
  );
}

/** /console/campaigns/:id/edit */
export function EditCampaignPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const campaign = useCampaign(id);
  useDocumentTitle(campaign.data ? t('campaigns.console.editOf', { title: campaign.data.title }) : t('campaigns.console.edit'));
  if (!campaign.isSuccess) return <RecordFallback query={campaign} />;
  const c = campaign.data;
  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'list', title: <Link to="/console/campaigns">{t('campaigns.console.title')}</Link> },
          { key: 'campaign', title: <Link to={`/console/campaigns/${c.id}`}>{c.title}</Link> },
          { key: 'edit', title: <span aria-current="page">{t('campaigns.console.edit')}</span> },
        ]}
      />
      <h1 className="page-title">{t('campaigns.console.editOf', { title: c.title })}</h1>
      <Card className="console-form-card campaign-form-card">
        <CampaignForm
          campaign={c}
          onSaved={() => {
            void message.success(t('campaigns.form.saved'));
            navigate(`/console/campaigns/${c.id}`);
          }}
          onCancel={() => navigate(`/console/campaigns/${c.id}`)}
        />
      </Card>
    </>
  );
}
