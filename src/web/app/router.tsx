import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import type { Action } from '../../shared/permissions';
import { NotFoundResult } from '../components/results';
import { RequireAuth } from '../components/require-auth';
import { LoginPage } from '../features/auth/pages/login-page';
import { RegisterPage } from '../features/auth/pages/register-page';
import { BoardPage } from '../features/boards/pages/board-page';
import { BoardsPage } from '../features/boards/pages/boards-page';
import { MinistriesPage } from '../features/boards/pages/ministries-page';
import { ProfilePage } from '../features/profile/pages/profile-page';
import { ConsoleIndex, ConsoleLayout, RequirePermission } from './layouts/console-layout';
import { PublicLayout } from './layouts/public-layout';

// Citizens never load the console's code.
const UnitsPage = lazy(() => import('../features/console-units/pages/units-page').then((m) => ({ default: m.UnitsPage })));
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

const guarded = (action: Action, page: ReactNode) => <RequirePermission action={action}>{page}</RequirePermission>;

const router = createBrowserRouter([
  {
    path: '/',
    element: <PublicLayout />,
    children: [
      { index: true, element: <BoardsPage /> },
      { path: 'boards', element: <BoardsPage /> },
      { path: 'boards/:regionCode', element: <BoardsPage /> },
      { path: 'ministries', element: <MinistriesPage /> },
      { path: 'board/:id', element: <BoardPage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'register', element: <RegisterPage /> },
      {
        path: 'me',
        element: (
          <RequireAuth>
            <ProfilePage />
          </RequireAuth>
        ),
      },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
  {
    path: '/console',
    element: <ConsoleLayout />,
    children: [
      { index: true, element: <ConsoleIndex /> },
      { path: 'units', element: guarded('unit.read', <UnitsPage />) },
      { path: 'boards/new', element: guarded('board.create', <CreateBoardPage />) },
      { path: 'accounts', element: guarded('account.read', <AccountsPage />) },
      { path: 'accounts/import', element: guarded('account.import', <ImportAccountsPage />) },
      { path: 'audit', element: guarded('audit.read', <AuditLogPage />) },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
