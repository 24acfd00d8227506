import { Alert, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useQuestionnaires } from '../api/get-questionnaires';
import { QuestionnaireLinks } from '../components/campaign-questionnaires';
import '../components/questionnaires.css';

/** /questionnaires — 问卷调查: every published questionnaire, newest first, those of campaigns included. */
export function QuestionnairesPage() {
  const t = useT();
  useDocumentTitle(t('questionnaires.list.title'));
  const list = useQuestionnaires({ scope: 'public' });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <div className="campaigns-head">
        <h1 className="page-title">{t('questionnaires.list.title')}</h1>
        <Link to="/campaigns" className="campaigns-adopted-link">
          {t('nav.campaigns')}
        </Link>
      </div>
      <p className="page-intro">{t('questionnaires.list.intro')}</p>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Alert type="info" showIcon title={t('questionnaires.list.empty')} />
      ) : (
        <>
          <QuestionnaireLinks items={items} testId="questionnaire-list" label={t('questionnaires.list.title')} />
          <LoadMore list={list} />
        </>
      )}
    </>
  );
}
