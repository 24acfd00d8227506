import { Breadcrumb, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useRegions, type Region } from '../../../lib/api/get-regions';
import { QueryError, RecordFallback } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useBoards } from '../api/get-boards';
import { useRegion } from '../../../lib/api/get-region';
import { BoardList } from '../components/board-list';
import { RegionList } from '../components/region-list';

type RegionSlot = (region: { code: string; name: string }) => ReactNode;

/**
 * `/` and `/boards`: the provinces. `/boards/:regionCode`: one region's boards and sub-regions,
 * then `regionMessages` (passed in by the app: features do not import each other).
 */
export function BoardsPage({ regionMessages }: { regionMessages?: RegionSlot }) {
  const { regionCode } = useParams();
  return regionCode ? <RegionBoards code={regionCode} regionMessages={regionMessages} /> : <Provinces />;
}

function Provinces() {
  const t = useT();
  useDocumentTitle(t('boards.title'));
  const provinces = useRegions();
  return (
    <>
      <h1 className="page-title">{t('boards.title')}</h1>
      <p className="page-intro">{t('boards.intro')}</p>
      <section aria-labelledby="provinces-heading">
        <h2 id="provinces-heading" className="section-title">
          {t('boards.provinces')}
        </h2>
        {provinces.isPending ? (
          <Skeleton active />
        ) : provinces.isError ? (
          <QueryError error={provinces.error} onRetry={() => void provinces.refetch()} />
        ) : (
          <RegionList regions={provinces.data} label={t('boards.provinces')} />
        )}
      </section>
    </>
  );
}

function RegionBoards({ code, regionMessages }: { code: string; regionMessages?: RegionSlot }) {
  const t = useT();
  const region = useRegion(code);
  const boards = useBoards({ region: code });
  const children = useRegions(code, { enabled: region.data?.hasChildren ?? false });
  useDocumentTitle(region.data?.name);

  if (!region.isSuccess) return <RecordFallback query={region} />;

  const current = region.data;
  // The national root (全国) is the first crumb already.
  const trail: Region[] = current.ancestors.filter((r) => r.level !== 'national');
  const childLevel = children.data?.[0]?.level;
  const childrenLabel =
    childLevel && childLevel !== 'national' ? t(`boards.children.${childLevel}`) : t('boards.children.any');

  return (
    <>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'all', title: <Link to="/">{t('boards.allRegions')}</Link> },
          ...trail.map((r) => ({ key: r.code, title: <Link to={`/boards/${r.code}`}>{r.name}</Link> })),
          { key: current.code, title: <span aria-current="page">{current.name}</span> },
        ]}
      />
      <h1 className="page-title">{current.name}</h1>

      <section aria-labelledby="boards-heading">
        <h2 id="boards-heading" className="section-title">
          {t('boards.leaderBoards', { region: current.name })}
        </h2>
        {boards.isPending ? (
          <Skeleton active />
        ) : boards.isError ? (
          <QueryError error={boards.error} onRetry={() => void boards.refetch()} />
        ) : (
          <BoardList boards={boards.data} empty={t('boards.noBoards')} />
        )}
      </section>

      {current.hasChildren && (
        <section aria-labelledby="children-heading">
          <h2 id="children-heading" className="section-title">
            {childrenLabel}
          </h2>
          {children.isPending ? (
            <Skeleton active />
          ) : children.isError ? (
            <QueryError error={children.error} onRetry={() => void children.refetch()} />
          ) : (
            <RegionList regions={children.data} label={childrenLabel} />
          )}
        </section>
      )}

      {regionMessages?.(current)}
    </>
  );
}
