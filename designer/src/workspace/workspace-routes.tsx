import type { RouteObject } from 'react-router';
import './workspace.css';
import { InboxPage } from './inbox/inbox-page.js';
import { InstancesPage } from './instances/instances-page.js';
import { PeopleDirectoryPage } from './people-directory/people-directory-page.js';
import { RecordsPage } from './records/records-page.js';
import { revokeTokensOnSignOut } from './sign-in/revoke-on-sign-out.js';
import { StartRequestPage } from './start/start-request-page.js';
import { TaskPage } from './task/task-page.js';
import { InstancePage } from './timeline/instance-page.js';

revokeTokensOnSignOut();

/** The working half's pages (children of the shell, behind sign-in). The inbox is the landing page. */
export const WORKSPACE_ROUTES: RouteObject[] = [
  { path: 'inbox', element: <InboxPage /> },
  { path: 'tasks/:id', element: <TaskPage /> },
  { path: 'start', element: <StartRequestPage /> },
  { path: 'instances', element: <InstancesPage /> },
  { path: 'instances/:id', element: <InstancePage /> },
  { path: 'records', element: <RecordsPage /> },
  { path: 'people', element: <PeopleDirectoryPage /> },
];
