import { Alert, Breadcrumb, Card, Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { RecordFallback } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useBoard } from '../api/get-board';
import type { Board } from '../api/get-boards';

/** `messages`: the board's message list, passed in by the app (features do not import each other). */
export function BoardPage({ messages }: { messages?: (board: Board) => ReactNode }) {
  const t = useT();
  const { id = '' } = useParams();
  const board = useBoard(id);
  useDocumentTitle(board.data?.name);

  if (!board.isSuccess) return <RecordFallback query={board} />;
  const b = board.data;

  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          b.kind === 'ministry'
            ? { key: 'ministries', title: <Link to="/ministries">{t('nav.ministries')}</Link> }
            : { key: 'boards', title: <Link to="/">{t('nav.boards')}</Link> },
          ...(b.regionCode && b.regionName
            ? [{ key: b.regionCode, title: <Link to={`/boards/${b.regionCode}`}>{b.regionName}</Link> }]
            : []),
          { key: 'board', title: <span aria-current="page">{b.name}</span> },
        ]}
      />
      <h1 className="page-title">{b.name}</h1>
      {b.status === 'retired' && (
        <div className="form-alert">
          <Alert type="info" showIcon title={t('board.retiredNotice')} data-testid="board-retired" />
        </div>
      )}
      <Card>
        <Descriptions
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'kind', label: t('board.kindLabel'), children: t(`board.kind.${b.kind}`) },
            { key: 'title', label: t('board.position'), children: b.title },
            { key: 'region', label: t('board.region'), children: b.regionName ?? t('board.national') },
            { key: 'level', label: t('board.level'), children: t(`boardLevel.${b.level}`) },
            { key: 'unit', label: t('board.unit'), children: b.unit?.name ?? t('common.none') },
          ]}
        />
      </Card>
      {messages?.(b)}
    </>
  );
}
