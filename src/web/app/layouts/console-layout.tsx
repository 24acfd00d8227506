import { AreaChartOutlined, DashboardOutlined, BulbOutlined, CalendarOutlined, FormOutlined, AuditOutlined, ApartmentOutlined, BarChartOutlined, CheckSquareOutlined, FieldTimeOutlined, FileSearchOutlined, FlagOutlined, InboxOutlined, MenuOutlined, ClearOutlined, NotificationOutlined, SafetyCertificateOutlined, SolutionOutlined, TagsOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, type MenuProps } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { Link, Navigate, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router-dom';
import type { Action } from '../../../shared/permissions';
import { can, useMe } from '../../lib/api/get-me';
import { ElderlyToggle } from '../../components/elderly-toggle';
import { ErrorAlert } from '../../components/error-alert';
import { LanguageSwitch } from '../../components/language-switch';
import { Loading } from '../../components/loading';
import { ForbiddenResult } from '../../components/results';
import { AccountMenu } from '../../features/auth/components/account-menu';
import { NotificationBell } from '../../features/notifications/components/notification-bell';
import { CalendarWarning } from '../../features/console-calendar/components/calendar-warning';
import { useT, type MessageKey } from '../../lib/i18n';
import { useFocusMainOnNavigate } from './use-focus-main';

export interface ConsoleSection {
  path: string;
  action: Action;
  label: MessageKey;
  icon: ReactNode;
}

/** The console menu, in order; an item shows only when the account holds its action. */
export const CONSOLE_SECTIONS: ConsoleSection[] = [
  { path: '/console', action: 'console.enter', label: 'console.menu.workbench', icon: <DashboardOutlined /> },
  { path: '/console/units', action: 'unit.read', label: 'console.menu.units', icon: <ApartmentOutlined /> },
  { path: '/console/screening', action: 'message.screen', label: 'console.menu.screening', icon: <FileSearchOutlined /> },
  { path: '/console/inbox', action: 'assignment.handle', label: 'console.menu.inbox', icon: <InboxOutlined /> },
  { path: '/console/supervision', action: 'message.supervise', label: 'console.menu.supervision', icon: <SafetyCertificateOutlined /> },
  { path: '/console/reviews', action: 'reply.review', label: 'console.menu.reviews', icon: <CheckSquareOutlined /> },
  { path: '/console/leader', action: 'message.instruct', label: 'console.menu.leader', icon: <FlagOutlined /> },
  { path: '/console/boards', action: 'board.manage', label: 'console.menu.boards', icon: <SolutionOutlined /> },
  { path: '/console/fields', action: 'field.manage', label: 'console.menu.fields', icon: <TagsOutlined /> },
  { path: '/console/policies', action: 'message.read_internal', label: 'console.menu.policies', icon: <FieldTimeOutlined /> },
  { path: '/console/stats', action: 'stats.read_internal', label: 'console.menu.stats', icon: <BarChartOutlined /> },
  { path: '/console/reports', action: 'stats.read_internal', label: 'console.menu.reports', icon: <AreaChartOutlined /> },
  { path: '/console/clearance', action: 'oversight.read', label: 'console.menu.clearance', icon: <ClearOutlined /> },
  { path: '/console/bulletin', action: 'oversight.read', label: 'console.menu.bulletin', icon: <NotificationOutlined /> },
  { path: '/console/campaigns', action: 'campaign.manage', label: 'console.menu.campaigns', icon: <BulbOutlined /> },
  { path: '/console/questionnaires', action: 'campaign.manage', label: 'console.menu.questionnaires', icon: <FormOutlined /> },
  { path: '/console/accounts', action: 'account.read', label: 'console.menu.accounts', icon: <TeamOutlined /> },
  { path: '/console/calendar', action: 'calendar.manage', label: 'console.menu.calendar', icon: <CalendarOutlined /> },
  { path: '/console/audit', action: 'audit.read', label: 'console.menu.audit', icon: <AuditOutlined /> },
];

export function ConsoleLayout() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [narrow, setNarrow] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  useFocusMainOnNavigate();

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  const account = me.data;
  const allowed = can(account, 'console.enter');
  const sections = CONSOLE_SECTIONS.filter((s) => can(account, s.action));
  // The longest section path the page lies under: /console/inbox is 单位待办, /console itself 工作台.
  const selected = sections
    .filter((s) => location.pathname === s.path || location.pathname.startsWith(`${s.path}/`))
    .reduce<string | undefined>((best, s) => (best === undefined || s.path.length > best.length ? s.path : best), undefined);

  const items: MenuProps['items'] = sections.map((s) => ({ key: s.path, icon: s.icon, label: t(s.label) }));
  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    navigate(key);
    if (narrow) setMenuOpen(false);
  };

  return (
    <Layout className="console">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="console-header">
        {allowed && narrow && (
          <Button
            type="text"
            className="console-menu-button"
            icon={<MenuOutlined aria-hidden />}
            aria-label={t('console.menu.toggle')}
            aria-expanded={menuOpen}
            aria-controls="console-nav"
            onClick={() => setMenuOpen((open) => !open)}
          />
        )}
        <Link to="/console" className="brand brand-console">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('console.title')}</span>
        </Link>
        <div className="console-header-tools">
          <Link to="/" className="console-back">
            {t('console.backToSite')}
          </Link>
          <LanguageSwitch />
          <ElderlyToggle />
        </div>
        <div className="console-header-account">
          <NotificationBell />
          <AccountMenu />
        </div>
      </Layout.Header>
      <Layout className="console-body">
        {allowed && (
          <Layout.Sider
            theme="light"
            width={232}
            breakpoint="lg"
            collapsedWidth={0}
            trigger={null}
            collapsed={narrow && !menuOpen}
            onBreakpoint={(broken) => {
              setNarrow(broken);
              setMenuOpen(false);
            }}
            className="console-sider"
          >
            <nav id="console-nav" aria-label={t('console.nav')}>
              <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} onClick={onMenuClick} />
            </nav>
          </Layout.Sider>
        )}
        <Layout.Content id="main" tabIndex={-1} className="console-main">
          {allowed && <CalendarWarning />}
          {allowed ? (
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          ) : (
            <ForbiddenResult />
          )}
        </Layout.Content>
      </Layout>
      <ScrollRestoration />
    </Layout>
  );
}

/** A console page the account may not use, e.g. reached by a pasted link. */
export function RequirePermission({ action, children }: { action: Action; children: ReactNode }) {
  const me = useMe();
  return can(me.data, action) ? children : <ForbiddenResult />;
}
