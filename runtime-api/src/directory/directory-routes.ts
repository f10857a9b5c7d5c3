import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { appendAudit } from '../audit/append-audit.js';
import { principalOf } from '../auth/auth-plugin.js';
import { hasAnyRole, ROLES } from '../auth/principal.js';
import { runCommand } from '../commands/run-command.js';
import { ApiError } from '../errors/api-error.js';
import { Closed, withErrors } from '../app/schema-helpers.js';
import { Type } from 'typebox';
import { ajvIssues } from '../errors/ajv-issues.js';
import { checkDirectoryImport } from './check-directory-import.js';
import { dryRunDirectoryImport } from './dry-run-directory-import.js';
import {
  DepartmentView,
  DirectoryImportBody,
  DirectoryImportPreview,
  DirectoryImportResult,
  DirectoryPeopleExportQuery,
  DirectoryPeopleQuery,
  DirectoryPeopleResult,
  DirectorySearchQuery,
  DirectorySearchResult,
  DirectoryUserView,
} from './directory-schemas.js';
import { findUser, listDepartments, listDirectoryRoles, loadExistingDirectory, upsertDepartments, upsertUsers } from './directory-store.js';
import { keepStoredFields } from './keep-stored-fields.js';
import { listDirectoryPeople } from './list-directory-people.js';
import { peopleCsv } from './people-csv.js';
import { checkableImport } from './preview-directory-import.js';
import { searchDirectoryUsers } from './search-directory-users.js';
import { organisationToday, presenceOfRow } from './person-presence.js';
import './directory-errors.js';

export const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/directory/import',
    {
      config: { roles: [ROLES.hr] },
      // A dry run reports the schema's problems with the others in one answer, so validation is attached to
      // the request rather than answered at once; a real import throws it as before (400).
      attachValidation: true,
      schema: {
        tags: ['directory'],
        summary: 'Create or update departments and users (matched by id) in one transaction; with dryRun, check and compare only (nothing written)',
        body: DirectoryImportBody,
        response: withErrors({ 200: Type.Union([DirectoryImportResult, DirectoryImportPreview]) }),
      },
    },
    async (request, reply) => {
      const raw: unknown = request.body;
      if (typeof raw === 'object' && raw !== null && (raw as { dryRun?: unknown }).dryRun === true) {
        const schemaIssues = request.validationError?.validation ? ajvIssues(request.validationError.validation as never, 'body', request.locale) : [];
        const body = request.validationError ? checkableImport(raw) : request.body;
        if (body) return dryRunDirectoryImport(app.baton.database.db, body, schemaIssues, request.locale);
      }
      if (request.validationError) throw request.validationError;
      const principal = principalOf(request);
      const answer = await runCommand(request, reply, async (trx) => {
        // Fields the file leaves out are filled from the stored people first, so the checks (references,
        // manager cycles) judge the records that will be written.
        const body = { ...request.body, users: await keepStoredFields(trx, request.body.users ?? [], request.body.keep ?? []) };
        const existing = await loadExistingDirectory(trx);
        const issues = checkDirectoryImport(body, existing, request.locale);
        if (issues.length > 0) throw new ApiError('BATON_E_DIRECTORY_INVALID', {}, issues, issues[0]?.path ?? '');
        // Departments first: users point at them. References are checked above, not by foreign keys,
        // because a directory is often imported in an order that would trip them.
        const departments = await upsertDepartments(trx, body.departments ?? []);
        const users = await upsertUsers(trx, body.users);
        await appendAudit(trx, {
          actor: principal.userId,
          action: 'directory.imported',
          subjectKind: 'directory',
          subjectId: 'directory',
          // Which fields the rows left as stored: part of what the import did.
          data: { departments, users, ...(body.keep && body.keep.length > 0 ? { keep: body.keep } : {}) },
        });
        return { status: 200, body: { departments, users } };
      });
      // Committed: people who left or were switched off hand their open tasks over now, not at the next interval.
      app.baton.workers.handOverSoon();
      return answer;
    },
  );

  // Department names and the tree are no secret inside the organisation: any signed-in caller may list
  // them (report filters, pickers). People's full records stay behind /directory/users/:id's checks.
  app.get(
    '/directory/departments',
    {
      schema: {
        tags: ['directory'],
        summary: 'Every department (id, name, parent), ordered by name; for filters and pickers',
        response: withErrors({ 200: Closed({ items: Type.Array(DepartmentView) }) }),
      },
    },
    async () => ({ items: await listDepartments(app.baton.database.db) }),
  );

  // The role names people hold, for the designer's role pickers; who holds them stays behind HR's checks.
  app.get(
    '/directory/roles',
    {
      config: { roles: [ROLES.designer, ROLES.hr] },
      schema: {
        tags: ['directory'],
        summary: 'Every role some directory user holds, with the number of holders, by name; for role pickers (designers, HR)',
        response: withErrors({ 200: Closed({ items: Type.Array(Closed({ role: Type.String(), holders: Type.Integer() })) }) }),
      },
    },
    async () => ({ items: await listDirectoryRoles(app.baton.database.db) }),
  );

  // Finding a colleague to pick (a leaver, a successor, an approver) is open to anyone signed in, like the
  // department list; the answer carries only what a picker shows, never contacts, roles or attributes.
  app.get(
    '/directory/users',
    {
      schema: {
        tags: ['directory'],
        summary: 'Search people by name or id (each word a case-insensitive substring), by department (and below), or by exact ids; keyset-paged by name. Only people present today unless include=all',
        querystring: DirectorySearchQuery,
        response: withErrors({ 200: DirectorySearchResult }),
      },
    },
    async (request) => {
      const { limit = 20, ...filters } = request.query;
      const today = organisationToday(new Date(), app.baton.config.timeZone);
      return searchDirectoryUsers(app.baton.database.db, { ...filters, limit, today });
    },
  );

  // HR's people page: the same search with what HR manages (manager, roles, hire date) on each row, so a
  // page of people is one request rather than one per person. Contacts and attributes stay on /users/:id.
  app.get(
    '/directory/people',
    {
      config: { roles: [ROLES.hr] },
      schema: {
        tags: ['directory'],
        summary: "HR's people list: GET /directory/users's filters and paging plus a status filter (leaving, left, inactive), each person with manager, roles and hire date; the first page says how many match (hr, admin)",
        querystring: DirectoryPeopleQuery,
        response: withErrors({ 200: DirectoryPeopleResult }),
      },
    },
    async (request) => {
      const { limit = 20, ...filters } = request.query;
      const today = organisationToday(new Date(), app.baton.config.timeZone);
      return listDirectoryPeople(app.baton.database.db, { ...filters, limit, today });
    },
  );

  // The same list as one CSV file: every page for the filters HR set, headers in the caller's language.
  app.get(
    '/directory/people/export',
    {
      config: { roles: [ROLES.hr] },
      schema: {
        tags: ['directory'],
        summary: "HR's people list as CSV (UTF-8 with BOM): GET /directory/people's filters, every page, headers in the caller's language (Accept-Language) that the CSV import reads back (hr, admin)",
        querystring: DirectoryPeopleExportQuery,
        response: withErrors({ 200: Type.String({ description: 'text/csv' }) }),
      },
    },
    async (request, reply) => {
      const today = organisationToday(new Date(), app.baton.config.timeZone);
      const { csv, rows } = await peopleCsv(app.baton.database.db, request.query, today, request.locale);
      const name = `people-${today}.csv`;
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('x-row-count', String(rows));
      return csv;
    },
  );

  app.get(
    '/directory/users/:id',
    {
      schema: {
        tags: ['directory'],
        summary: "One directory user (HR and admins see anyone; everyone sees themselves), with the status GET /directory/people gives (organisation time zone)",
        params: Closed({ id: Type.String({ minLength: 1, maxLength: 128 }) }),
        response: withErrors({ 200: DirectoryUserView }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { id } = request.params;
      if (principal.userId !== id && !hasAnyRole(principal, [ROLES.hr])) {
        throw new ApiError('BATON_E_FORBIDDEN', { required: 'admin, hr' });
      }
      const row = await findUser(app.baton.database.db, id);
      if (!row) throw new ApiError('BATON_E_DIRECTORY_USER_NOT_FOUND', { id }, [], '/params/id');
      return {
        id: row.id,
        name: row.name,
        departmentId: row.department_id,
        department: row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
        position: row.position,
        managerId: row.manager_id,
        roles: row.roles,
        hireDate: row.hire_date,
        leaveDate: row.leave_date,
        email: row.email,
        mobile: row.mobile,
        attributes: row.attributes,
        active: row.active,
        status: presenceOfRow(row, organisationToday(new Date(), app.baton.config.timeZone)),
      };
    },
  );
};
