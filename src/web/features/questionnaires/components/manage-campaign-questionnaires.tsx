import { PlusOutlined } from '@ant-design/icons';
import { Alert, Skeleton, Space, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { QuestionnaireSummary } from '../../../../shared/campaigns';
import { ButtonLink } from '../../../components/button-link';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useCampaignQuestionnaires } from '../api/get-questionnaires';
import { QuestionnairePhaseTag } from './questionnaire-tags';
import './questionnaires.css';

/** A campaign's questionnaires for its organiser: drafts too, with links to edit and to the results; a new one. */
export function ManageCampaignQuestionnaires({ campaignId }: { campaignId: number }) {
  const t = useT();
  const list = useCampaignQuestionnaires(campaignId, 'manage');
  const columns: TableColumnsType<QuestionnaireSummary> = [
    { title: t('questionnaires.col.title'), key: 'title', render: (_, q) => <Link to={`/console/questionnaires/${q.id}`}>{q.title}</Link> },
    { title: t('questionnaires.col.status'), key: 'status', render: (_, q) => <QuestionnairePhaseTag questionnaire={q} /> },
    { title: t('questionnaires.col.questions'), dataIndex: 'questionCount', align: 'right' },
    { title: t('questionnaires.col.responses'), dataIndex: 'responseCount', align: 'right' },
    {
      title: t('questionnaires.col.actions'),
      key: 'actions',
      render: (_, q) => (
        <Space wrap>
          <Link to={`/console/questionnaires/${q.id}/edit`}>{t('questionnaires.edit')}</Link>
          <Link to={`/console/questionnaires/${q.id}`}>{t('questionnaires.results')}</Link>
        </Space>
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ButtonLink type="primary" icon={<PlusOutlined aria-hidden />} to={`/console/questionnaires/new?campaign=${campaignId}`} data-testid="new-campaign-questionnaire">
        {t('questionnaires.new')}
      </ButtonLink>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Alert type="info" showIcon title={t('questionnaires.noneForCampaign')} />
      ) : (
        <Table<QuestionnaireSummary> rowKey="id" columns={columns} dataSource={list.data} pagination={false} scroll={{ x: 'max-content' }} />
      )}
    </Space>
  );
}
