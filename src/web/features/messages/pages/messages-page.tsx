import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { MessageBoard } from '../components/message-board';

/** /messages — every public message on the platform. */
export function MessagesPage() {
  const t = useT();
  useDocumentTitle(t('messages.allTitle'));
  return (
    <>
      <h1 className="page-title">{t('messages.allTitle')}</h1>
      <p className="page-intro">{t('messages.allIntro')}</p>
      <MessageBoard headingLevel={2} />
    </>
  );
}
