import { Button } from 'antd';
import { useT } from '../lib/i18n';

/** The part of a useCursorList (or any infinite query) that "load more" needs. */
export interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The button under a cursor-paged list while the server has more. With `endNote`, the end of the
 * list says so (public lists, where a reader scrolls to the bottom and wonders).
 */
export function LoadMore({ list, endNote = false }: { list: PagedList; endNote?: boolean }) {
  const t = useT();
  if (!list.hasNextPage && !endNote) return null;
  return (
    <div className="load-more">
      {list.hasNextPage ? (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : (
        <span className="muted">{t('common.noMore')}</span>
      )}
    </div>
  );
}
