import { Skeleton } from 'antd';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useBoards } from '../api/get-boards';
import { BoardList } from '../components/board-list';

export function MinistriesPage() {
  const t = useT();
  useDocumentTitle(t('ministries.title'));
  const boards = useBoards({ kind: 'ministry' });
  return (
    <>
      <h1 className="page-title">{t('ministries.title')}</h1>
      <p className="page-intro">{t('ministries.intro')}</p>
      {boards.isPending ? (
        <Skeleton active />
      ) : boards.isError ? (
        <QueryError error={boards.error} onRetry={() => void boards.refetch()} />
      ) : (
        <BoardList boards={boards.data} empty={t('ministries.empty')} />
      )}
    </>
  );
}
