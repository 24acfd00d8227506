import { Result } from 'antd';
import type { MessageKey } from '../lib/i18n';
import { useT } from '../lib/i18n';
import { useDocumentTitle } from '../lib/use-document-title';
import { ButtonLink } from './button-link';

function StatusResult({ status, kind }: { status: '403' | '404'; kind: 'notFound' | 'forbidden' }) {
  const t = useT();
  const title = t(`error.${kind}.title` satisfies MessageKey);
  useDocumentTitle(title);
  return (
    <Result
      status={status}
      title={<h1 className="result-title">{title}</h1>}
      subTitle={t(`error.${kind}.subTitle` satisfies MessageKey)}
      extra={
        <ButtonLink type="primary" to="/">
          {t('error.backHome')}
        </ButtonLink>
      }
    />
  );
}

export const NotFoundResult = () => <StatusResult status="404" kind="notFound" />;
export const ForbiddenResult = () => <StatusResult status="403" kind="forbidden" />;
