import { Suspense } from 'react';
import { Link, Outlet, ScrollRestoration, useLocation } from 'react-router-dom';
import { ElderlyToggle } from '../../components/elderly-toggle';
import { LanguageSwitch } from '../../components/language-switch';
import { Loading } from '../../components/loading';
import { AccountMenu } from '../../features/auth/components/account-menu';
import { NotificationBell } from '../../features/notifications/components/notification-bell';
import { HeaderSearch } from '../../features/messages/components/search-box';
import { useT } from '../../lib/i18n';
import { useFocusMainOnNavigate } from './use-focus-main';

export function PublicLayout() {
  const t = useT();
  const { pathname } = useLocation();
  useFocusMainOnNavigate();
  const onBoards = pathname === '/' || pathname.startsWith('/boards') || pathname.startsWith('/board/');
  const onMinistries = pathname.startsWith('/ministries');
  const onMessages = pathname.startsWith('/messages');
  const onData = pathname.startsWith('/data');
  const onCampaigns = pathname.startsWith('/campaigns') || pathname.startsWith('/adopted') || pathname.startsWith('/questionnaires');

  return (
    <div className="site">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="utility-bar">
          <div className="container utility-inner">
            <LanguageSwitch />
            <ElderlyToggle />
          </div>
        </div>
        <div className="container header-inner">
          <Link to="/" className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </Link>
          <nav aria-label={t('nav.main')} className="main-nav">
            <Link to="/" aria-current={onBoards ? 'page' : undefined}>
              {t('nav.boards')}
            </Link>
            <Link to="/ministries" aria-current={onMinistries ? 'page' : undefined}>
              {t('nav.ministries')}
            </Link>
            <Link to="/messages" aria-current={onMessages ? 'page' : undefined}>
              {t('nav.messages')}
            </Link>
            <Link to="/campaigns" aria-current={onCampaigns ? 'page' : undefined}>
              {t('nav.campaigns')}
            </Link>
            <Link to="/data" aria-current={onData ? 'page' : undefined}>
              {t('nav.data')}
            </Link>
          </nav>
          <HeaderSearch />
          <div className="header-account">
            <NotificationBell />
            <AccountMenu />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container site-main">
        {/* Lazy pages (the statistics with their charts) load inside the layout, which stays. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">{t('app.footer')}</div>
      </footer>
      <ScrollRestoration />
    </div>
  );
}
