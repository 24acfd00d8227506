import { Table, type TableProps } from 'antd';
import { ErrorAlert } from './error-alert';
import { LoadMore, type PagedList } from './load-more';

interface PagedTableProps<T> extends Omit<TableProps<T>, 'loading' | 'pagination'> {
  /** The useCursorList whose loaded pages are the rows (`dataSource`). */
  list: PagedList & { isPending: boolean; isError: boolean; error: unknown };
  /** Passed to LoadMore: say so under the last page. */
  endNote?: boolean;
}

/**
 * A console table over a cursor-paged list: the error above it, the rows of every page loaded so
 * far (scrolling sideways on a narrow screen rather than squeezing the columns), "load more" below.
 */
export function PagedTable<T extends object>({ list, endNote, ...table }: PagedTableProps<T>) {
  return (
    <>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<T> rowKey="id" loading={list.isPending} pagination={false} scroll={{ x: 'max-content' }} {...table} />
      <LoadMore list={list} endNote={endNote} />
    </>
  );
}
