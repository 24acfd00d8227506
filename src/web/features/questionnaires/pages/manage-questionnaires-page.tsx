import { PlusOutlined } from '@ant-design/icons';
import { Space, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { QuestionnaireSummary } from '../../../../shared/campaigns';
import { ButtonLink } from '../../../components/button-link';
import { DateTime } from '../../../components/date-time';
import { PagedTable } from '../../../components/paged-table';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useQuestionnaires } from '../api/get-questionnaires';
import { QuestionnairePhaseTag } from '../components/questionnaire-tags';
import '../components/questionnaires.css';

/** /console/questionnaires — the questionnaires the account organises, drafts included. */
export function ManageQuestionnairesPage() {
  const t = useT();
  useDocumentTitle(t('questionnaires.console.title'));
  const list = useQuestionnaires({ scope: 'manage' });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: TableColumnsType<QuestionnaireSummary> = [
    {
      title: t('questionnaires.col.title'),
      key: 'title',
      render: (_, q) => (
        <Space orientation="vertical" size={2}>
          <Link to={`/console/questionnaires/${q.id}`}>{q.title}</Link>
          <span className="muted">{q.organiser.name}</span>
        </Space>
      ),
    },
    { title: t('questionnaires.col.status'), key: 'status', render: (_, q) => <QuestionnairePhaseTag questionnaire={q} /> },
    {
      title: t('questionnaires.builder.window'),
      key: 'window',
      render: (_, q) => (
        <>
          <DateTime value={q.opensAt} />
          <br />
          <DateTime value={q.closesAt} />
        </>
      ),
    },
    { title: t('questionnaires.builder.audience'), key: 'audience', render: (_, q) => t(`questionnaires.audience.${q.audience}`) },
    { title: t('questionnaires.col.questions'), dataIndex: 'questionCount', align: 'right' },
    { title: t('questionnaires.col.responses'), dataIndex: 'responseCount', align: 'right' },
  ];
  return (
    <>
      <div className="console-page-head">
        <h1 className="page-title">{t('questionnaires.console.title')}</h1>
        <ButtonLink type="primary" icon={<PlusOutlined aria-hidden />} to="/console/questionnaires/new" data-testid="new-questionnaire">
          {t('questionnaires.new')}
        </ButtonLink>
      </div>
      <p className="page-intro">{t('questionnaires.console.intro')}</p>
      <PagedTable<QuestionnaireSummary> list={list} columns={columns} dataSource={rows} locale={{ emptyText: t('questionnaires.console.none') }} />
    </>
  );
}
