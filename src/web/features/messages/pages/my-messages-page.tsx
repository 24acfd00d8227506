import { Empty, Skeleton } from 'antd';
import { ButtonLink } from '../../../components/button-link';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useMyMessages } from '../api/get-my-messages';
import { MessageItem } from '../components/message-item';

/** /me/messages — everything the citizen wrote, any status, newest first. */
export function MyMessagesPage() {
  const t = useT();
  useDocumentTitle(t('mine.title'));
  const messages = useMyMessages();
  const items = messages.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1 className="page-title">{t('mine.title')}</h1>
      <p className="page-intro">{t('mine.intro')}</p>
      {messages.isPending ? (
        <Skeleton active />
      ) : messages.isError ? (
        <QueryError error={messages.error} onRetry={() => void messages.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mine.empty')}>
          <ButtonLink type="primary" to="/">
            {t('mine.toBoards')}
          </ButtonLink>
        </Empty>
      ) : (
        <>
          <ul className="message-list" data-testid="my-messages">
            {items.map((m) => (
              <MessageItem key={m.id} message={m} headingLevel={2} fullStatus />
            ))}
          </ul>
          <LoadMore list={messages} endNote />
        </>
      )}
    </>
  );
}
