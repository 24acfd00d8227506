import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../../lib/i18n';
import { SEARCH_MAX } from '../api/get-messages';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { MessageBoard } from '../components/message-board';

/** /search?q=… — public messages matching the words, in any script (the server folds 繁體 to 简体). */
export function SearchPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [input, setInput] = useState(q);
  useDocumentTitle(q ? t('search.titleFor', { q }) : t('search.title'));

  // Another search from the header box while on this page.
  useEffect(() => setInput(q), [q]);

  return (
    <>
      <h1 className="page-title">{t('search.title')}</h1>
      <div role="search" className="search-page-form">
        <label htmlFor="search-page-input" className="visually-hidden">
          {t('search.label')}
        </label>
        <Input.Search
          id="search-page-input"
          size="large"
          value={input}
          onChange={(event) => setInput(event.target.value)}
          placeholder={t('search.placeholder')}
          enterButton={t('common.search')}
          allowClear
          maxLength={SEARCH_MAX}
          onSearch={(value) => {
            const next = new URLSearchParams(params);
            if (value.trim()) next.set('q', value.trim());
            else next.delete('q');
            setParams(next);
          }}
        />
      </div>
      {q ? (
        <>
          <p className="muted search-summary" aria-live="polite">
            {t('search.resultsFor', { q })}
          </p>
          <MessageBoard q={q} headingLevel={2} />
        </>
      ) : (
        <p className="page-intro">{t('search.hint')}</p>
      )}
    </>
  );
}
