import { Alert } from 'antd';
import { useT } from '../../../lib/i18n';
import { useSimilarPublic, type Draft } from '../api/get-similar-public';

/** 已有相似留言得到回复: up to five answered public messages like the draft, each opening in a new tab so the draft stays. */
export function SimilarSuggestions({ draft }: { draft: Partial<Draft> }) {
  const t = useT();
  const similar = useSimilarPublic(draft);
  const items = similar.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="similar-suggestions" aria-live="polite" data-testid="similar-suggestions">
      <Alert
        type="info"
        showIcon
        title={t('suggest.title')}
        description={
          <>
            <p>{t('suggest.intro')}</p>
            <ul className="similar-suggestion-list">
              {items.map((item) => (
                <li key={item.id} data-testid="similar-suggestion">
                  <a href={`/messages/${item.id}`} target="_blank" rel="noreferrer" title={t('suggest.opensNewTab')}>
                    {item.title}
                  </a>
                  <span className="muted similar-suggestion-meta">
                    {item.number}
                    {item.region ? ` · ${item.region.name}` : ''}
                  </span>
                  <span className="visually-hidden">{t('suggest.opensNewTab')}</span>
                </li>
              ))}
            </ul>
          </>
        }
      />
    </section>
  );
}
