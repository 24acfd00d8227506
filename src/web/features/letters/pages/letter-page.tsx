import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Skeleton, Space } from 'antd';
import { useParams } from 'react-router-dom';
import { isLetterKind, type LetterKind } from '../../../../shared/letters';
import { QueryError } from '../../../components/query-error';
import { NotFoundResult } from '../../../components/results';
import { useT } from '../../../lib/i18n';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { letterPdfUrl, useLetter } from '../api/get-letter';
import { LETTER_KIND_KEYS, LetterSheet } from '../components/letter-sheet';

/** /console/messages/:id/letters/:kind — 交办函 or 督办函, to print or download as PDF. */
export function LetterPage() {
  const { id = '', kind = '' } = useParams();
  if (!isLetterKind(kind)) return <NotFoundResult />;
  return <Letter messageId={id} kind={kind} />;
}

function Letter({ messageId, kind }: { messageId: string; kind: LetterKind }) {
  const t = useT();
  const letter = useLetter(messageId, kind);
  const kindName = t(LETTER_KIND_KEYS[kind]);
  useDocumentTitle(letter.data ? t('letters.documentTitle', { kind: kindName, number: letter.data.letterNumber }) : kindName);

  return (
    <>
      {/* Hidden on paper (letter.css): only the sheet is printed. */}
      <div className="console-page-head letter-actions">
        <h1 className="page-title">{kindName}</h1>
        {letter.data && (
          <Space wrap>
            <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
              {t('letters.print')}
            </Button>
            <Button icon={<FilePdfOutlined aria-hidden />} href={letterPdfUrl(messageId, kind)} download={`${letter.data.letterNumber}.pdf`}>
              {t('letters.downloadPdf')}
            </Button>
          </Space>
        )}
      </div>
      {letter.isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : letter.isError ? (
        <QueryError error={letter.error} onRetry={() => void letter.refetch()} />
      ) : (
        <LetterSheet letter={letter.data} />
      )}
    </>
  );
}
