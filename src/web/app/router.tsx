import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import type { Action } from '../../shared/permissions';
import { Loading } from '../components/loading';
import { NotFoundResult } from '../components/results';
import { RequireAuth } from '../components/require-auth';
import { LoginPage } from '../features/auth/pages/login-page';
import { RegisterPage } from '../features/auth/pages/register-page';
import { ForgotPasswordPage } from '../features/auth/pages/forgot-password-page';
import { ChangePasswordPage } from '../features/profile/pages/change-password-page';
import { PasswordGate } from './password-gate';
import { BoardPage } from '../features/boards/pages/board-page';
import { BoardsPage } from '../features/boards/pages/boards-page';
import { MinistriesPage } from '../features/boards/pages/ministries-page';
import { BoardMessages, RegionMessages } from '../features/messages/components/board-messages';
import { MessagePage } from '../features/messages/pages/message-page';
import { MessagesPage } from '../features/messages/pages/messages-page';
import { MyMessagesPage } from '../features/messages/pages/my-messages-page';
import { NotificationsPage } from '../features/notifications/pages/notifications-page';
import { SearchPage } from '../features/messages/pages/search-page';
import { WriteMessagePage } from '../features/messages/pages/write-message-page';
import { ProfilePage } from '../features/profile/pages/profile-page';
import { ConsoleLayout, RequirePermission } from './layouts/console-layout';
import { PublicLayout } from './layouts/public-layout';

// Citizens never load the console's code.
const UnitsPage = lazy(() => import('../features/console-units/pages/units-page').then((m) => ({ default: m.UnitsPage })));
const ConsoleBoardsPage = lazy(() => import('../features/console-boards/pages/boards-page').then((m) => ({ default: m.BoardsPage })));
const CreateBoardPage = lazy(() =>
  import('../features/console-boards/pages/create-board-page').then((m) => ({ default: m.CreateBoardPage })),
);
const AccountsPage = lazy(() =>
  import('../features/console-accounts/pages/accounts-page').then((m) => ({ default: m.AccountsPage })),
);
const ImportAccountsPage = lazy(() =>
  import('../features/console-accounts/pages/import-accounts-page').then((m) => ({ default: m.ImportAccountsPage })),
);
const AuditLogPage = lazy(() =>
  import('../features/console-audit/pages/audit-log-page').then((m) => ({ default: m.AuditLogPage })),
);
const ScreeningPage = lazy(() =>
  import('../features/console-screening/pages/screening-page').then((m) => ({ default: m.ScreeningPage })),
);
const CalendarPage = lazy(() => import('../features/console-calendar/pages/calendar-page').then((m) => ({ default: m.CalendarPage })));
const FieldsPage = lazy(() => import('../features/console-fields/pages/fields-page').then((m) => ({ default: m.FieldsPage })));
const LetterPage = lazy(() => import('../features/letters/pages/letter-page').then((m) => ({ default: m.LetterPage })));
const StaffMessagePage = lazy(() =>
  import('../features/handling/pages/staff-message-page').then((m) => ({ default: m.StaffMessagePage })),
);
const WorkbenchPage = lazy(() => import('../features/workbench/pages/workbench-page').then((m) => ({ default: m.WorkbenchPage })));
const InboxPage = lazy(() => import('../features/handling/pages/inbox-page').then((m) => ({ default: m.InboxPage })));
const SupervisionPage = lazy(() =>
  import('../features/handling/pages/supervision-page').then((m) => ({ default: m.SupervisionPage })),
);
const ReviewsPage = lazy(() => import('../features/handling/pages/reviews-page').then((m) => ({ default: m.ReviewsPage })));
const LeaderPage = lazy(() => import('../features/handling/pages/leader-page').then((m) => ({ default: m.LeaderPage })));
const PoliciesPage = lazy(() => import('../features/handling/pages/policies-page').then((m) => ({ default: m.PoliciesPage })));
// The statistics pages bring ECharts and the map outlines: only their visitors load them.
const StatsPage = lazy(() => import('../features/stats/pages/stats-page').then((m) => ({ default: m.StatsPage })));
const OpenDataPage = lazy(() => import('../features/stats/pages/open-data-page').then((m) => ({ default: m.OpenDataPage })));
const ReportsPage = lazy(() => import('../features/reports/pages/reports-page').then((m) => ({ default: m.ReportsPage })));
const ReportPage = lazy(() => import('../features/reports/pages/report-page').then((m) => ({ default: m.ReportPage })));
const ClearancePage = lazy(() => import('../features/oversight/pages/clearance-page').then((m) => ({ default: m.ClearancePage })));
const BulletinPage = lazy(() => import('../features/oversight/pages/bulletin-page').then((m) => ({ default: m.BulletinPage })));
const PublicReportPage = lazy(() => import('../features/reports/pages/public-report-page').then((m) => ({ default: m.PublicReportPage })));
// ── campaigns and questionnaires (issue 6) ──
const CampaignsPage = lazy(() => import('../features/campaigns/pages/campaigns-page').then((m) => ({ default: m.CampaignsPage })));
const CampaignPage = lazy(() => import('../features/campaigns/pages/campaign-page').then((m) => ({ default: m.CampaignPage })));
const AdoptedPage = lazy(() => import('../features/campaigns/pages/adopted-page').then((m) => ({ default: m.AdoptedPage })));
const ManageCampaignsPage = lazy(() => import('../features/campaigns/pages/manage-campaigns-page').then((m) => ({ default: m.ManageCampaignsPage })));
const ManageCampaignPage = lazy(() => import('../features/campaigns/pages/manage-campaign-page').then((m) => ({ default: m.ManageCampaignPage })));
const NewCampaignPage = lazy(() => import('../features/campaigns/pages/edit-campaign-page').then((m) => ({ default: m.NewCampaignPage })));
const EditCampaignPage = lazy(() => import('../features/campaigns/pages/edit-campaign-page').then((m) => ({ default: m.EditCampaignPage })));
const QuestionnairesPage = lazy(() => import('../features/questionnaires/pages/questionnaires-page').then((m) => ({ default: m.QuestionnairesPage })));
const QuestionnairePage = lazy(() => import('../features/questionnaires/pages/questionnaire-page').then((m) => ({ default: m.QuestionnairePage })));
const ManageQuestionnairesPage = lazy(() =>
  import('../features/questionnaires/pages/manage-questionnaires-page').then((m) => ({ default: m.ManageQuestionnairesPage })),
);
const ManageQuestionnairePage = lazy(() =>
  import('../features/questionnaires/pages/manage-questionnaire-page').then((m) => ({ default: m.ManageQuestionnairePage })),
);
const NewQuestionnairePage = lazy(() =>
  import('../features/questionnaires/pages/questionnaire-builder-page').then((m) => ({ default: m.NewQuestionnairePage })),
);
const EditQuestionnairePage = lazy(() =>
  import('../features/questionnaires/pages/questionnaire-builder-page').then((m) => ({ default: m.EditQuestionnairePage })),
);
const CampaignQuestionnaires = lazy(() =>
  import('../features/questionnaires/components/campaign-questionnaires').then((m) => ({ default: m.CampaignQuestionnaires })),
);
const ManageCampaignQuestionnaires = lazy(() =>
  import('../features/questionnaires/components/manage-campaign-questionnaires').then((m) => ({ default: m.ManageCampaignQuestionnaires })),
);
// A campaign's pages show its questionnaires through a slot (features do not import each other).
const campaignPage = (
  <CampaignPage
    questionnaires={(c) => (
      <Suspense fallback={<Loading />}>
        <CampaignQuestionnaires campaignId={c.id} />
      </Suspense>
    )}
  />
);
const manageCampaignPage = (
  <ManageCampaignPage
    questionnaires={(c) => (
      <Suspense fallback={<Loading />}>
        <ManageCampaignQuestionnaires campaignId={c.id} />
      </Suspense>
    )}
  />
);
// ── end campaigns and questionnaires ──

// Features do not import each other: the boards pages get the message lists as slots.
const boardsPage = <BoardsPage regionMessages={(region) => <RegionMessages region={region} />} />;
const boardPage = <BoardPage messages={(board) => <BoardMessages board={board} />} />;

const guarded = (action: Action, page: ReactNode) => <RequirePermission action={action}>{page}</RequirePermission>;

const router = createBrowserRouter([
  {
    path: '/',
    element: (
      <PasswordGate>
        <PublicLayout />
      </PasswordGate>
    ),
    children: [
      { index: true, element: boardsPage },
      { path: 'boards', element: boardsPage },
      { path: 'boards/:regionCode', element: boardsPage },
      { path: 'ministries', element: <MinistriesPage /> },
      { path: 'board/:id', element: boardPage },
      {
        path: 'board/:id/write',
        element: (
          <RequireAuth>
            <WriteMessagePage />
          </RequireAuth>
        ),
      },
      { path: 'messages', element: <MessagesPage /> },
      { path: 'messages/:id', element: <MessagePage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'data', element: <OpenDataPage /> },
      {
        path: 'data/reports/:id',
        element: (
          <Suspense fallback={<Loading />}>
            <PublicReportPage />
          </Suspense>
        ),
      },
      { path: 'campaigns', element: <CampaignsPage /> },
      { path: 'campaigns/:id', element: campaignPage },
      { path: 'adopted', element: <AdoptedPage /> },
      { path: 'questionnaires', element: <QuestionnairesPage /> },
      { path: 'questionnaires/:id', element: <QuestionnairePage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      {
        path: 'me/password',
        element: (
          <RequireAuth>
            <ChangePasswordPage />
          </RequireAuth>
        ),
      },
      {
        path: 'me',
        element: (
          <RequireAuth>
            <ProfilePage />
          </RequireAuth>
        ),
      },
      {
        path: 'me/messages',
        element: (
          <RequireAuth>
            <MyMessagesPage />
          </RequireAuth>
        ),
      },
      {
        path: 'me/notifications',
        element: (
          <RequireAuth>
            <NotificationsPage />
          </RequireAuth>
        ),
      },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
  {
    path: '/console',
    element: (
      <PasswordGate>
        <ConsoleLayout />
      </PasswordGate>
    ),
    children: [
      { index: true, element: <WorkbenchPage /> },
      { path: 'units', element: guarded('unit.read', <UnitsPage />) },
      { path: 'screening', element: guarded('message.screen', <ScreeningPage />) },
      { path: 'fields', element: guarded('field.manage', <FieldsPage />) },
      { path: 'calendar', element: guarded('calendar.manage', <CalendarPage />) },
      { path: 'boards', element: guarded('board.manage', <ConsoleBoardsPage />) },
      { path: 'boards/new', element: guarded('board.create', <CreateBoardPage />) },
      { path: 'accounts', element: guarded('account.read', <AccountsPage />) },
      { path: 'accounts/import', element: guarded('account.import', <ImportAccountsPage />) },
      { path: 'audit', element: guarded('audit.read', <AuditLogPage />) },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'messages/:id/letters/:kind', element: guarded('message.read_internal', <LetterPage />) },
      { path: 'messages/:id', element: guarded('message.read_internal', <StaffMessagePage />) },
      { path: 'inbox', element: guarded('assignment.handle', <InboxPage />) },
      { path: 'supervision', element: guarded('message.supervise', <SupervisionPage />) },
      { path: 'reviews', element: guarded('reply.review', <ReviewsPage />) },
      { path: 'leader', element: guarded('message.instruct', <LeaderPage />) },
      { path: 'policies', element: guarded('message.read_internal', <PoliciesPage />) },
      { path: 'stats', element: guarded('stats.read_internal', <StatsPage />) },
      { path: 'reports', element: guarded('stats.read_internal', <ReportsPage />) },
      { path: 'reports/:id', element: guarded('stats.read_internal', <ReportPage />) },
      { path: 'clearance', element: guarded('oversight.read', <ClearancePage />) },
      { path: 'bulletin', element: guarded('oversight.read', <BulletinPage />) },
      { path: 'campaigns', element: guarded('campaign.manage', <ManageCampaignsPage />) },
      { path: 'campaigns/new', element: guarded('campaign.manage', <NewCampaignPage />) },
      { path: 'campaigns/:id', element: guarded('campaign.manage', manageCampaignPage) },
      { path: 'campaigns/:id/edit', element: guarded('campaign.manage', <EditCampaignPage />) },
      { path: 'questionnaires', element: guarded('campaign.manage', <ManageQuestionnairesPage />) },
      { path: 'questionnaires/new', element: guarded('campaign.manage', <NewQuestionnairePage />) },
      { path: 'questionnaires/:id', element: guarded('campaign.manage', <ManageQuestionnairePage />) },
      { path: 'questionnaires/:id/edit', element: guarded('campaign.manage', <EditQuestionnairePage />) },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
