import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { ConnectorsNoAccess } from '../connectors/connectors-no-access.js';
import { ConnectorsPage } from '../connectors/connectors-page.js';
import { DASHBOARD_ROLES, DashboardPage } from '../dashboard/dashboard-page.js';
import { DefinitionsPage } from '../definitions/definitions-page.js';
import { FlowDesignerPage } from '../flows/flow-designer-page.js';
import { FormDesignerPage } from '../forms/form-designer-page.js';
import { PacksPage } from '../packs/packs-page.js';
import { ReportDesignerPage } from '../reports/report-designer-page.js';
import { RuleDesignerPage } from '../rules/rule-designer-page.js';
import { TemplatesPage } from '../templates/templates-page.js';
import { GALLERY_ROLES } from '../templates/template-card-state.js';
import { HomePage } from './home-page.js';
import { BUILDER_ROLES, CONNECTOR_VIEWER_ROLES } from './role-access.js';
import { RequireRoles } from './access/require-roles.js';
import { WORKSPACE_ROUTES } from '../workspace/workspace-routes.js';

/** The designer's pages and packs: anyone may type /build or /packs, only designers (and admins) get them. */
const designerOnly = (page: ReactNode) => <RequireRoles roles={BUILDER_ROLES}>{page}</RequireRoles>;

/**
 * The app's pages (children of the shell; every one needs a signed-in session). To add an area: add its
 * routes here, its nav entries to NAV_ITEMS, and its strings to i18n/resources.ts.
 */
export const APP_ROUTES: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'build', element: designerOnly(<DefinitionsPage />) },
  { path: 'build/form/:key', element: designerOnly(<FormDesignerPage />) },
  { path: 'build/flow/:key', element: designerOnly(<FlowDesignerPage />) },
  { path: 'build/rule/:key', element: designerOnly(<RuleDesignerPage />) },
  { path: 'build/report/:key', element: designerOnly(<ReportDesignerPage />) },
  { path: 'packs', element: designerOnly(<PacksPage />) },
  // The template centre guards itself: HR installs shipped templates as well as designers.
  { path: 'templates', element: <TemplatesPage /> },
  // Designers read connectors' settings, auditors their deliveries; saving, testing and replays are for admins.
  { path: 'connectors', element: <RequireRoles roles={CONNECTOR_VIEWER_ROLES} denied={(roles) => <ConnectorsNoAccess roles={roles} />}><ConnectorsPage /></RequireRoles> },
  { path: 'dashboard', element: <DashboardPage /> },
  { path: 'dashboard/:key', element: <DashboardPage /> },
  ...WORKSPACE_ROUTES,
];

export interface NavItem {
  to: string;
  /** "namespace:key" of the label. */
  label: string;
  /** Building (analysts) or working (everyone else) half of the app. */
  group: 'build' | 'work';
  /** Exact match for the active state (the home link). */
  end?: boolean;
  /** Shown only to holders of one of these roles (admins included); absent = everyone. */
  roles?: string[];
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'shell:navHome', group: 'work', end: true },
  { to: '/inbox', label: 'workspace:navInbox', group: 'work' },
  { to: '/start', label: 'workspace:navStart', group: 'work' },
  { to: '/records', label: 'workspace:navRecords', group: 'work' },
  { to: '/instances', label: 'workspace:navInstances', group: 'work' },
  { to: '/dashboard', label: 'dashboard:nav', group: 'work', roles: [...DASHBOARD_ROLES] },
  { to: '/people', label: 'peopleDirectory:nav', group: 'work', roles: ['hr', 'admin'] },
  { to: '/templates', label: 'templates:nav', group: 'build', roles: [...GALLERY_ROLES] },
  { to: '/build', label: 'shell:navDefinitions', group: 'build', roles: [...BUILDER_ROLES] },
  { to: '/packs', label: 'shell:navPacks', group: 'build', roles: [...BUILDER_ROLES] },
  { to: '/connectors', label: 'connectors:nav', group: 'build', roles: [...CONNECTOR_VIEWER_ROLES] },
];
