import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { ButtonLink } from '../../../components/button-link';
import { useT } from '../../../lib/i18n';
import { SEARCH_MAX } from '../api/get-messages';

/** The public header's search: a box on wide screens, a link to the search page on phones. */
export function HeaderSearch() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const current = pathname === '/search' ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);

  return (
    <div className="header-search">
      <div role="search" className="header-search-box">
        <label htmlFor="header-search-input" className="visually-hidden">
          {t('search.label')}
        </label>
        <Input.Search
          id="header-search-input"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder={t('search.placeholderShort')}
          maxLength={SEARCH_MAX}
          onSearch={(q) => {
            if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
          }}
        />
      </div>
      <ButtonLink to="/search" type="text" className="header-search-link" icon={<SearchOutlined aria-hidden />} aria-label={t('search.title')} />
    </div>
  );
}
