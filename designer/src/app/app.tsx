import { createBrowserRouter, RouterProvider } from 'react-router';
import { AppShell } from './app-shell.js';
import { NotFoundPage } from './not-found-page.js';
import { APP_ROUTES } from './routes.js';
import { WorkspaceSignInPage } from '../workspace/sign-in/workspace-sign-in-page.js';

const router = createBrowserRouter([
  { path: '/sign-in', element: <WorkspaceSignInPage /> },
  { path: '/', element: <AppShell />, children: [...APP_ROUTES, { path: '*', element: <NotFoundPage /> }] },
]);

export function App() {
  return <RouterProvider router={router} />;
}
